import { instantToWallTime, type PlanYearDto, type UnitNoticeDto, type YearNoticeDto } from '@openday/protocol'

interface YearRow { year: number; months: string; deadline: Date; notice: string; previewDays: number; revision: number }
interface NoticeRow { id: string; kind: string; year: number | null; message: string; createdAt: Date; readAt: Date | null }

export const parseMonths = (s: string): number[] => s.split(',').filter(Boolean).map(Number)

export const toYearDto = (y: YearRow, timeZone: string): PlanYearDto => ({
  year: y.year, months: parseMonths(y.months), deadline: y.deadline.toISOString(), deadlineLocal: instantToWallTime(y.deadline, timeZone),
  notice: y.notice, previewDays: y.previewDays, revision: y.revision,
})
export const toYearNoticeDto = (y: YearRow, timeZone: string): YearNoticeDto => {
  const { revision: _r, ...rest } = toYearDto(y, timeZone)
  return rest
}
export const toNoticeDto = (n: NoticeRow): UnitNoticeDto => ({
  id: n.id, kind: n.kind, year: n.year, message: n.message, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
})
