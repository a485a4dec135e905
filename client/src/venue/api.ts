import type { VenueRecordDto } from '@openday/protocol'
import { request } from '../lib/api.ts'

/** The public record of a symposium or an observation (as public as the event's page). */
export const venueApi = {
  record: (eid: string) => request<VenueRecordDto>('GET', `/api/events/${encodeURIComponent(eid)}/record`),
}
