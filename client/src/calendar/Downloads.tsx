import { type CalendarDto, calendarPaths } from '@openday/protocol'
import { useTranslation } from 'react-i18next'
import { feedUrls } from './view.ts'

const link = 'btn-secondary text-base'

/** The plan's documents and the feeds; the documents only once the plan is published. */
export function Downloads({ data, unit }: { data: CalendarDto; unit: { id: string; name: string } | null }) {
  const { t } = useTranslation('calendar')
  const year = data.year
  const yearFeed = feedUrls(calendarPaths.yearIcs(year), window.location.origin)
  const unitFeed = unit ? feedUrls(calendarPaths.unitIcs(year, unit.id), window.location.origin) : null
  return (
    <section className="card space-y-3 p-4 print:hidden" aria-labelledby="calendar-downloads-title" data-testid="calendar-downloads">
      <h2 id="calendar-downloads-title" className="section-title text-lg">{t('downloads.title')}</h2>
      {data.revision > 0 ? (
        <div className="flex flex-wrap gap-2">
          <a className={link} href={calendarPaths.planDocx(year)} download data-testid="download-docx">{t('downloads.docx', { year })}</a>
          <a className={link} href={calendarPaths.planPdf(year)} download data-testid="download-pdf">{t('downloads.pdf', { year })}</a>
        </div>
      ) : (
        <p className="text-lg text-slate-700" data-testid="plan-not-published">{t('downloads.notPublished', { year })}</p>
      )}
      <div className="flex flex-wrap gap-2">
        <a className={link} href={calendarPaths.yearIcs(year)} download data-testid="download-ics-year">{t('downloads.icsYear', { year })}</a>
        {unit && unitFeed && (
          <a className={link} href={calendarPaths.unitIcs(year, unit.id)} download data-testid="download-ics-unit">{t('downloads.icsUnit', { unit: unit.name })}</a>
        )}
      </div>
      <div className="text-base text-slate-700">
        <p>{t('downloads.subscribeHint')}</p>
        <p className="mt-1">
          <a href={yearFeed.webcal} className="font-medium text-accent underline" data-testid="subscribe-year">{t('downloads.subscribeYear', { year })}</a>
          {unit && unitFeed && (
            <>
              {' · '}
              <a href={unitFeed.webcal} className="font-medium text-accent underline" data-testid="subscribe-unit">{t('downloads.subscribeUnit', { unit: unit.name })}</a>
            </>
          )}
        </p>
        <p className="mt-1">
          {t('downloads.subscribeUrl')} <code className="break-all rounded bg-slate-100 px-1" data-testid="subscribe-url">{(unitFeed ?? yearFeed).https}</code>
        </p>
      </div>
    </section>
  )
}
