import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { type ApiError, type FileBody, saveFile, toApiError } from '../lib/api.ts'
import type { SheetFormat } from './api.ts'

const FORMATS: readonly SheetFormat[] = ['xlsx', 'csv']

interface Props {
  testId: string
  /** The masked file's address: a plain link (same origin, the login cookie goes along; the GET changes nothing). */
  href: (format: SheetFormat) => string
  /**
   * The full file, for the admin only: a POST with the CSRF header (audited, one allowance point per
   * row), whose answer is handed to the browser's downloads. A link could be followed from another
   * site's page with the admin's cookie, so the server answers no GET with names in clear.
   */
  full?: (format: SheetFormat) => Promise<FileBody>
}

export function Exports({ testId, href, full }: Props) {
  const { t } = useTranslation()
  const [busy, setBusy] = useState<SheetFormat | null>(null)
  const [error, setError] = useState<ApiError | null>(null)

  const exportFull = async (format: SheetFormat) => {
    if (!full) return
    setBusy(format)
    setError(null)
    try {
      saveFile(await full(format))
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={testId}>
      <span className="text-sm text-slate-600">{t('hotline.export.title')}</span>
      {FORMATS.map((format) => (
        <a key={format} href={href(format)} download className="btn-secondary py-1" data-testid={`${testId}-${format}`}>
          {t(`hotline.export.${format}`)}
        </a>
      ))}
      {full && FORMATS.map((format) => (
        <button key={format} type="button" className="btn-danger py-1 disabled:opacity-50" disabled={busy !== null} onClick={() => void exportFull(format)}
          data-testid={`${testId}-full-${format}`} title={t('hotline.export.fullHint')} aria-busy={busy === format}>
          {t(`hotline.export.full.${format}`)}
        </button>
      ))}
      <span className="w-full text-xs text-slate-500">{full ? t('hotline.export.fullHint') : t('hotline.export.maskedHint')}</span>
      {error && (
        <div className="w-full">
          <ErrorMessage error={error} testId={`${testId}-error`} text={error.code === 'RATE_LIMITED' ? t('hotline.export.limited') : undefined} />
        </div>
      )}
    </div>
  )
}
