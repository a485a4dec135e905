import type { Speaker, TranscriptEntryDto } from '@openday/protocol'
import type { EntryRow } from './repository.ts'

export const uploadUrl = (id: string) => `/uploads/${id}`

export function toEntryDto(e: EntryRow): TranscriptEntryDto {
  return {
    id: e.id,
    sessionId: e.sessionId,
    clientId: e.clientId,
    speaker: e.speaker as Speaker,
    speakerName: e.speakerName,
    body: e.body,
    image: e.upload ? { id: e.upload.id, mime: e.upload.mime, url: uploadUrl(e.upload.id) } : null,
    createdAt: e.createdAt.toISOString(),
  }
}
