import type { Db } from '../db/client.ts'
import * as repo from '../features/taxonomy/repository.ts'

// DEMO DATA, maintained by the admin in production (PUT /api/admin/calendar/:date): China's public
// holidays and the weekend days worked instead (调休上班), which working-day deadlines skip or count.
//
// 2026: the State Council's notice on the 2026 holidays (国务院办公厅关于2026年部分节假日安排的通知),
// as known when this was written. 2027: NOT yet official here — an estimate from the lunar
// calendar following the same pattern, for demos that run into 2027; replace it with the notice.

type Day = { date: string; kind: 'holiday' | 'workday'; name: string }

const range = (from: string, to: string, name: string): Day[] => {
  const out: Day[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name })
  }
  return out
}
const work = (date: string, name: string): Day => ({ date, kind: 'workday', name: `${name}调休上班` })

export const CALENDAR_2026: Day[] = [
  ...range('2026-01-01', '2026-01-03', '元旦'), work('2026-01-04', '元旦'),
  ...range('2026-02-15', '2026-02-23', '春节'), work('2026-02-14', '春节'), work('2026-02-28', '春节'),
  ...range('2026-04-04', '2026-04-06', '清明节'),
  ...range('2026-05-01', '2026-05-05', '劳动节'), work('2026-05-09', '劳动节'),
  ...range('2026-06-19', '2026-06-21', '端午节'),
  ...range('2026-09-25', '2026-09-27', '中秋节'),
  ...range('2026-10-01', '2026-10-07', '国庆节'), work('2026-09-20', '国庆节'), work('2026-10-10', '国庆节'),
]

/** Estimated (see above). */
export const CALENDAR_2027: Day[] = [
  ...range('2027-01-01', '2027-01-03', '元旦'),
  ...range('2027-02-05', '2027-02-13', '春节'), work('2027-01-31', '春节'), work('2027-02-20', '春节'),
  ...range('2027-04-03', '2027-04-05', '清明节'),
  ...range('2027-05-01', '2027-05-05', '劳动节'), work('2027-04-25', '劳动节'),
  ...range('2027-06-09', '2027-06-09', '端午节'),
  ...range('2027-09-15', '2027-09-15', '中秋节'),
  ...range('2027-10-01', '2027-10-07', '国庆节'), work('2027-09-26', '国庆节'), work('2027-10-09', '国庆节'),
]

/** Runs on an empty calendar only (seedDemo runs once per database). */
export async function seedCalendar(db: Db): Promise<void> {
  await repo.createCalendarDays(db, [...CALENDAR_2026, ...CALENDAR_2027])
}
