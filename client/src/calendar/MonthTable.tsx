import type { CalendarEventDto } from '@openday/protocol'
import { useTranslation } from 'react-i18next'
import { StatusText, ThemeLink, UnitsLine, WhenText } from './EventEntry.tsx'

/** One month as a real table (caption, column headers): screen readers announce row and column. */
export function MonthTable({ caption, events }: { caption: string; events: readonly CalendarEventDto[] }) {
  const { t } = useTranslation('calendar')
  const { t: tc } = useTranslation()
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left text-lg" data-testid="calendar-month-table">
        <caption className="mb-2 text-left text-xl font-bold text-slate-900">{caption}</caption>
        <thead>
          <tr className="border-b-2 border-slate-400">
            <th scope="col" className="p-2">{t('when')}</th>
            <th scope="col" className="p-2">{t('theme')}</th>
            <th scope="col" className="p-2">{t('form')}</th>
            <th scope="col" className="p-2">{t('units')}</th>
            <th scope="col" className="p-2">{t('statusLabel')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-b border-slate-200 align-top" data-testid="calendar-event" data-event-id={e.id} data-status={e.status}>
              <td className="p-2"><WhenText event={e} /></td>
              <th scope="row" className="p-2 font-normal"><ThemeLink event={e} /></th>
              <td className="p-2" data-testid="calendar-form">{tc(`eventForm.${e.form}`)}</td>
              <td className="p-2"><UnitsLine event={e} /></td>
              <td className="p-2"><StatusText event={e} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
