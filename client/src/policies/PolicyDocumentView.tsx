import { useTranslation } from 'react-i18next'
import type { InterpretationDto, PolicyFileDto } from '@openday/protocol'
import { formatDate } from '../lib/format.ts'
import { fileKind, fileSize } from './file.ts'

/** The link to the policy itself: PDFs and pictures open in the browser, a Word file downloads. */
export function PolicyFileLink({ file, testId = 'policy-file-link' }: { file: PolicyFileDto; testId?: string }) {
  const { t } = useTranslation('policies')
  const kind = fileKind(file)
  return (
    <span className="flex flex-wrap items-center gap-3">
      <a href={file.url} className="text-accent underline" data-testid={testId} data-mime={file.mime} {...(kind === 'docx' ? { download: file.name } : { target: '_blank', rel: 'noopener' })}>
        {t('openFile', { type: t(`types.${kind}`), size: fileSize(file.size) })}
      </a>
      {kind !== 'docx' && <a href={file.url} download={file.name} className="text-sm text-accent underline">{t('download')}</a>}
    </span>
  )
}

/** The interpretation as the public reads it: what changes for whom first, then the text and pictures, then Q&A. */
export function InterpretationView({ interpretation: i }: { interpretation: InterpretationDto }) {
  const { t, i18n } = useTranslation('policies')
  return (
    <div className="space-y-4" data-testid="policy-interpretation">
      <div className="rounded border-l-4 border-accent bg-accent-soft p-3">
        <h3 className="text-sm font-bold text-slate-900">{t('summary')}</h3>
        <p className="user-text mt-1 text-[15px] text-slate-900" data-testid="policy-summary">{i.summary}</p>
      </div>
      {i.body.map((b, n) => (b.type === 'text'
        ? <p key={n} className="user-text text-[15px] leading-relaxed text-slate-800" data-testid="policy-body-text">{b.text}</p>
        : (
          <figure key={n} className="space-y-1">
            <img src={b.url} alt={b.caption || t('pictureAlt')} className="max-h-96 max-w-full rounded border border-slate-200" loading="lazy" data-testid="policy-body-picture" />
            {b.caption && <figcaption className="text-sm text-slate-600">{b.caption}</figcaption>}
          </figure>
        )))}
      {i.qa.length > 0 && (
        <div>
          <h3 className="text-base font-bold text-slate-900">{t('qa')}</h3>
          <dl className="mt-2 space-y-3" data-testid="policy-qa">
            {i.qa.map((x, n) => (
              <div key={n} className="rounded bg-slate-50 p-3">
                <dt className="user-text font-medium text-slate-900"><span className="mr-1 font-bold text-accent">{t('question')}</span>{x.question}</dt>
                <dd className="user-text mt-1 text-slate-800"><span className="mr-1 font-bold text-green-800">{t('answer')}</span>{x.answer}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {i.publishedAt && <p className="text-xs text-slate-600">{t('publishedAt', { at: formatDate(i.publishedAt, i18n.language, 'date') })}</p>}
    </div>
  )
}
