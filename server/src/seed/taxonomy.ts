import type { Db } from '../db/client.ts'
import * as repo from '../features/taxonomy/repository.ts'

// The hotline taxonomy every installation starts with (the city's 12345 classification). It is
// data: the admin renames, reorders, deactivates or adds rows; `code` stays as the stable key.

export const DEFAULT_DOMAINS = [
  { code: 'economy', name: '经济调节', nameEn: 'Economic regulation' },
  { code: 'market', name: '市场监管', nameEn: 'Market supervision' },
  { code: 'social', name: '社会管理', nameEn: 'Social management' },
  { code: 'public_service', name: '公共服务', nameEn: 'Public services' },
  { code: 'ecology', name: '生态环境', nameEn: 'Ecological environment' },
  { code: 'urban', name: '城市管理', nameEn: 'Urban management' },
  { code: 'other', name: '其他', nameEn: 'Other' },
] as const

/** Handling deadlines in working days, as the city's hotline rules set them by default. */
export const DEFAULT_APPEAL_TYPES = [
  { code: 'consultation', name: '咨询', nameEn: 'Consultation', deadlineDays: 3 },
  { code: 'help', name: '求助', nameEn: 'Request for help', deadlineDays: 5 },
  { code: 'complaint', name: '投诉', nameEn: 'Complaint', deadlineDays: 13 },
  { code: 'report', name: '举报', nameEn: 'Report (tip-off)', deadlineDays: 13 },
  { code: 'suggestion', name: '意见建议', nameEn: 'Suggestion', deadlineDays: 10 },
  { code: 'thanks', name: '感谢', nameEn: 'Thanks', deadlineDays: 3 },
  { code: 'other', name: '其他', nameEn: 'Other', deadlineDays: 5 },
] as const

/**
 * Creates the default rows that are missing (by code) and leaves existing ones alone, so the
 * admin's edits survive restarts. Runs at every start-up: a fresh production database needs no seed.
 */
export async function ensureHotlineTaxonomy(db: Db): Promise<void> {
  await repo.createDomainsIfMissing(db, DEFAULT_DOMAINS.map((d, i) => ({ ...d, sortOrder: (i + 1) * 10 })))
  await repo.createAppealTypesIfMissing(db, DEFAULT_APPEAL_TYPES.map((t, i) => ({ ...t, sortOrder: (i + 1) * 10 })))
}
