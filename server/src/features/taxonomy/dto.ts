import type { AppealTypeDto, CalendarDayDto, DomainDto, UnitKind, UnitOptionDto } from '@openday/protocol'

type DomainRow = { id: string; code: string; name: string; nameEn: string | null; sortOrder: number; active: boolean }

export const toDomainDto = (d: DomainRow): DomainDto =>
  ({ id: d.id, code: d.code, name: d.name, nameEn: d.nameEn, sortOrder: d.sortOrder, active: d.active })

export const toAppealTypeDto = (t: DomainRow & { deadlineDays: number }): AppealTypeDto => ({ ...toDomainDto(t), deadlineDays: t.deadlineDays })

export const toCalendarDayDto = (d: { date: string; kind: string; name: string }): CalendarDayDto =>
  ({ date: d.date, kind: d.kind === 'workday' ? 'workday' : 'holiday', name: d.name })

export const toUnitOptionDto = (u: { id: string; code: string; name: string; nameEn: string | null; kind: string; active: boolean }): UnitOptionDto =>
  ({ id: u.id, code: u.code, name: u.name, nameEn: u.nameEn, kind: u.kind as UnitKind, active: u.active })
