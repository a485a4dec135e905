import {
  ApiPaths,
  type AppealTypeDto,
  type CalendarDayDto,
  type CallStaffDto,
  type DomainDto,
  type HotlineFiguresDto,
  type Satisfaction,
  type TaxonomyDto,
  type UnitOptionDto,
  type WorkOrderDto,
  type WorkOrderExportBody,
  type WorkOrderStatus,
} from '@openday/protocol'
import { postForFile, request } from '../lib/api.ts'

export interface DomainInput { name: string; nameEn?: string; sortOrder: number; active: boolean }
export interface AppealTypeInput extends DomainInput { deadlineDays: number }
export interface WorkOrderFilter { status?: WorkOrderStatus | ''; overdue?: boolean }

export function workOrdersPath(f: WorkOrderFilter = {}): string {
  const q = new URLSearchParams()
  if (f.status) q.set('status', f.status)
  if (f.overdue) q.set('overdue', '1')
  const s = q.toString()
  return s ? `${ApiPaths.workOrders}?${s}` : ApiPaths.workOrders
}

export type SheetFormat = 'xlsx' | 'csv'

/** The masked work-order file of the list as filtered (a plain link: the GET changes nothing). */
export function workOrdersExportPath(format: SheetFormat, f: WorkOrderFilter = {}): string {
  const query = workOrdersPath(f).slice(ApiPaths.workOrders.length)
  return `${ApiPaths.workOrdersExport(format)}${query}`
}

export const hotlineApi = {
  taxonomy: () => request<TaxonomyDto>('GET', ApiPaths.taxonomy),
  units: () => request<UnitOptionDto[]>('GET', ApiPaths.units),
  figures: (sessionId: string) => request<HotlineFiguresDto>('GET', ApiPaths.hotlineFigures(sessionId)),
  calls: (sessionId: string) => request<CallStaffDto[]>('GET', ApiPaths.hotlineCalls(sessionId)),
  reveal: (callId: string) => request<{ phone: string; callerName: string | null }>('POST', ApiPaths.revealCall(callId)),
  workOrders: (f?: WorkOrderFilter) => request<WorkOrderDto[]>('GET', workOrdersPath(f)),
  /** Names and numbers in clear (admin; audited, one allowance point per row): a POST, never a link. */
  fullCallsExport: (sessionId: string, format: SheetFormat) =>
    postForFile(ApiPaths.hotlineCallsExport(sessionId, format), {}, `hotline-calls-${sessionId}.${format}`),
  fullWorkOrdersExport: (format: SheetFormat, f: WorkOrderFilter = {}) =>
    postForFile(ApiPaths.workOrdersExport(format), { ...(f.status ? { status: f.status } : {}), ...(f.overdue ? { overdue: true } : {}) } satisfies WorkOrderExportBody, `work-orders.${format}`),
  accept: (id: string) => request<WorkOrderDto>('POST', ApiPaths.workOrderAction(id, 'accept')),
  reply: (id: string, reply: string) => request<WorkOrderDto>('POST', ApiPaths.workOrderAction(id, 'reply'), { reply }),
  callback: (id: string, satisfaction: Satisfaction, note?: string) =>
    request<WorkOrderDto>('POST', ApiPaths.workOrderAction(id, 'callback'), note ? { satisfaction, note } : { satisfaction }),
  createDomain: (body: DomainInput) => request<DomainDto>('POST', ApiPaths.adminDomains, body),
  updateDomain: (id: string, body: DomainInput) => request<DomainDto>('PUT', ApiPaths.adminDomain(id), body),
  createAppealType: (body: AppealTypeInput) => request<AppealTypeDto>('POST', ApiPaths.adminAppealTypes, body),
  updateAppealType: (id: string, body: AppealTypeInput) => request<AppealTypeDto>('PUT', ApiPaths.adminAppealType(id), body),
  calendar: () => request<CalendarDayDto[]>('GET', ApiPaths.calendar),
  putCalendarDay: (day: CalendarDayDto) => request<CalendarDayDto>('PUT', ApiPaths.calendarDay(day.date), day),
  deleteCalendarDay: (date: string) => request<unknown>('DELETE', ApiPaths.calendarDay(date)),
}
