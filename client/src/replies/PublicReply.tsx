import { useTranslation } from 'react-i18next'
import type { PublicReplyDto, ReplyFigures } from '@openday/protocol'
import { formatDate } from '../lib/format.ts'

/** The written reply under an archived question: its date, "late" if it was, and its corrections. */
export function PublicReply({ reply }: { reply: PublicReplyDto }) {
  const { t, i18n } = useTranslation('replies')
  const earlier = reply.versions.slice(0, -1)
  const last = reply.versions.at(-1)
  return (
    <div className="mt-2 rounded border-l-4 border-green-600 bg-green-50 p-3 text-[15px]" data-testid="written-reply" data-on-time={String(reply.onTime)} data-versions={reply.versions.length}>
      <p className="text-sm font-medium text-green-900">
        {t('public.title', { at: formatDate(reply.firstPublishedAt, i18n.language, 'date') })}
        {!reply.onTime && <span className="ml-2 text-amber-900">{t('public.late')}</span>}
      </p>
      <p className="user-text mt-1 text-slate-900" data-testid="written-reply-body">{reply.body}</p>
      {earlier.length > 0 && last && (
        <details className="mt-2 text-sm text-slate-700" data-testid="written-reply-corrections">
          <summary className="cursor-pointer">{t('public.corrected', { at: formatDate(last.publishedAt, i18n.language, 'date'), note: last.note })}</summary>
          <ol className="mt-1 space-y-1">
            {earlier.map((v) => <li key={v.number} className="user-text">{t('public.earlier', { at: formatDate(v.publishedAt, i18n.language, 'date') })} {v.body}</li>)}
          </ol>
        </details>
      )}
    </div>
  )
}

const ITEMS = ['due', 'published', 'onTime', 'overdue'] as const

/** The session's written-reply figures, as an assessor counts them. */
export function ReplyFiguresSection({ figures }: { figures: ReplyFigures }) {
  const { t } = useTranslation('replies')
  return (
    <section className="card p-4" aria-labelledby="reply-figures-title">
      <h2 id="reply-figures-title" className="section-title">{t('archiveTitle')}</h2>
      <dl className="mt-3 grid grid-cols-2 gap-2 sm:grid-cols-4" data-testid="reply-figures">
        {ITEMS.map((k) => (
          <div key={k} className="rounded bg-slate-50 p-3 text-center">
            <dt className="text-xs text-slate-600">{t(`figures.${k}`)}</dt>
            <dd className={`text-2xl font-bold ${k === 'overdue' && figures[k] > 0 ? 'text-red-800' : 'text-accent'}`} data-testid={`reply-figure-${k}`} data-value={figures[k]}>{figures[k]}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
