import { useTranslation } from 'react-i18next'

export interface ExportLink { href: string; format: 'xlsx' | 'csv'; full: boolean }

/**
 * Download links (same origin: the login cookie goes along). Masked numbers by default; the
 * full-number files exist only for the admin, and the server audits each one.
 */
export function Exports({ links, testId, canFull }: { links: (full: boolean) => ExportLink[]; testId: string; canFull: boolean }) {
  const { t } = useTranslation()
  const masked = links(false)
  const full = canFull ? links(true) : []
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid={testId}>
      <span className="text-sm text-slate-600">{t('hotline.export.title')}</span>
      {masked.map((l) => (
        <a key={l.href} href={l.href} download className="btn-secondary py-1" data-testid={`${testId}-${l.format}`}>
          {t(`hotline.export.${l.format}`)}
        </a>
      ))}
      {full.map((l) => (
        <a key={l.href} href={l.href} download className="btn-danger py-1" data-testid={`${testId}-full-${l.format}`} title={t('hotline.export.fullHint')}>
          {t(`hotline.export.full.${l.format}`)}
        </a>
      ))}
      <span className="w-full text-xs text-slate-500">{canFull ? t('hotline.export.fullHint') : t('hotline.export.maskedHint')}</span>
    </div>
  )
}
