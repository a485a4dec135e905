import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'

export function NotFoundPage() {
  const { t } = useTranslation()
  return (
    <div className="card p-6 text-center" data-testid="not-found">
      <h1 className="text-lg font-bold">{t('notFound.title')}</h1>
      <Link to="/" className="mt-3 inline-block text-accent underline">{t('notFound.home')}</Link>
    </div>
  )
}
