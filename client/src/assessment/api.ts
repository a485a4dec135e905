import type { AssessmentBoardDto, AssessmentRecordDto, MetricKey } from '@openday/protocol'
import { request } from '../lib/api.ts'

/** The assessment board (REST, admin only). */
export const assessmentApi = {
  board: (year: number) => request<AssessmentBoardDto>('GET', `/api/admin/assessment/${year}`),
  records: (year: number, unitId: string, metric: MetricKey) => request<AssessmentRecordDto[]>('GET', `/api/admin/assessment/${year}/units/${encodeURIComponent(unitId)}/${metric}`),
  setWeights: (year: number, weights: Record<MetricKey, number>) => request<AssessmentBoardDto>('PUT', `/api/admin/assessment/${year}/weights`, { weights }),
  xlsxUrl: (year: number) => `/api/admin/assessment/${year}.xlsx`,
}
