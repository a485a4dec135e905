import { useTranslation } from 'react-i18next'

/** Marks a question sent on the preview page before the session opened (预约提问). */
export function PreEventTag() {
  const { t } = useTranslation('events')
  return <span className="rounded bg-sky-100 px-1.5 py-0.5 font-medium text-sky-900" data-testid="pre-event-tag">{t('preEventTag')}</span>
}
