import { type AuditActorDto, type AuditFilter, type AuditPageDto, AuditPaths } from '@openday/protocol'
import { request } from '../lib/api.ts'

export const auditApi = {
  page: (filter: AuditFilter, cursor?: string | null) => request<AuditPageDto>('GET', AuditPaths.page({ ...filter, cursor })),
  actors: () => request<AuditActorDto[]>('GET', AuditPaths.actors),
}
