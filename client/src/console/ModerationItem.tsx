import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PreEventTag } from '../events/PreEventTag.tsx'
import type { QuestionStaffDto } from '@openday/protocol'
import { QuestionStatusBadge } from '../components/badges.tsx'
import { formatDate } from '../lib/format.ts'
import type { AnyQuestion } from '../live/store.ts'
import { isStaffQuestion } from '../live/store.ts'
import { HighlightedText } from './HighlightedText.tsx'

export type ModMode = 'none' | 'edit' | 'reject' | 'merge'

export const REJECT_PRESETS = ['offTopic', 'uncivil', 'privacy', 'duplicate', 'advertising', 'unclear'] as const

interface Props {
  question: AnyQuestion
  selected: boolean
  mode: ModMode
  busy: boolean
  candidates: AnyQuestion[]
  onSelect: () => void
  onMode: (m: ModMode) => void
  onApprove: (body?: string) => void
  onReject: (reason: string) => void
  onMerge: (intoId: string) => void
}

const hitsOf = (q: AnyQuestion): string[] => (isStaffQuestion(q) ? (q as QuestionStaffDto).sensitiveHits : [])

function EditBox({ question, busy, onApprove, onCancel }: { question: AnyQuestion; busy: boolean; onApprove: (b: string) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [body, setBody] = useState(question.body)
  const ref = useRef<HTMLTextAreaElement>(null)
  useEffect(() => ref.current?.focus(), [])
  const ok = body.trim().length >= 2 && body.trim().length <= 500
  return (
    <div className="mt-2 space-y-2" data-testid="edit-box">
      <textarea ref={ref} className="input min-h-24" value={body} maxLength={500} onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel()
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && ok) onApprove(body.trim())
        }}
        data-testid="edit-input" aria-label={t('moderate.editLabel')} />
      <div className="flex gap-2">
        <button type="button" className="btn-primary" disabled={busy || !ok} onClick={() => onApprove(body.trim())} data-testid="edit-approve">{t('moderate.approveEdited')}</button>
        <button type="button" className="btn-secondary" onClick={onCancel} data-testid="edit-cancel">{t('common.cancel')}</button>
      </div>
    </div>
  )
}

function RejectBox({ busy, onReject, onCancel }: { busy: boolean; onReject: (r: string) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [reason, setReason] = useState('')
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => ref.current?.focus(), [])
  const ok = reason.trim().length >= 1 && reason.trim().length <= 200
  return (
    <div className="mt-2 space-y-2" data-testid="reject-box">
      <div className="flex flex-wrap gap-1">
        {REJECT_PRESETS.map((p) => (
          <button key={p} type="button" className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100"
            onClick={() => setReason(t(`moderate.reasons.${p}`))} data-testid="reject-reason-preset" data-reason={p}>
            {t(`moderate.reasons.${p}`)}
          </button>
        ))}
      </div>
      <input ref={ref} className="input" value={reason} maxLength={200} placeholder={t('moderate.reasonPlaceholder')}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onCancel()
          if (e.key === 'Enter' && ok) onReject(reason.trim())
        }}
        data-testid="reject-reason-input" aria-label={t('moderate.reasonLabel')} />
      <div className="flex gap-2">
        <button type="button" className="btn-danger" disabled={busy || !ok} onClick={() => onReject(reason.trim())} data-testid="reject-confirm">{t('moderate.confirmReject')}</button>
        <button type="button" className="btn-secondary" onClick={onCancel} data-testid="reject-cancel">{t('common.cancel')}</button>
      </div>
    </div>
  )
}

function MergeBox({ candidates, busy, onMerge, onCancel }: { candidates: AnyQuestion[]; busy: boolean; onMerge: (id: string) => void; onCancel: () => void }) {
  const { t } = useTranslation()
  const [target, setTarget] = useState<string | null>(null)
  return (
    <div className="mt-2 space-y-2" data-testid="merge-box" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <p className="text-xs text-slate-600">{t('moderate.mergeHint')}</p>
      {candidates.length === 0 ? (
        <p className="text-xs text-slate-500" data-testid="merge-empty">{t('moderate.mergeNone')}</p>
      ) : (
        <ul className="max-h-60 space-y-1 overflow-y-auto rounded border border-slate-200 p-1">
          {candidates.map((c) => (
            <li key={c.id}>
              <label className={`flex cursor-pointer items-start gap-2 rounded p-2 text-sm ${target === c.id ? 'bg-accent-soft' : 'hover:bg-slate-50'}`}
                data-testid="merge-target" data-question-id={c.id}>
                <input type="radio" name="merge-target" className="mt-1" checked={target === c.id} onChange={() => setTarget(c.id)} />
                <span className="min-w-0 flex-1">
                  <span className="user-text block text-slate-900">{c.body}</span>
                  <QuestionStatusBadge status={c.status} />
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <button type="button" className="btn-primary" disabled={busy || !target} onClick={() => target && onMerge(target)} data-testid="merge-confirm">{t('moderate.confirmMerge')}</button>
        <button type="button" className="btn-secondary" onClick={onCancel} data-testid="merge-cancel">{t('common.cancel')}</button>
      </div>
    </div>
  )
}

export function ModerationItem({ question: q, selected, mode, busy, candidates, onSelect, onMode, onApprove, onReject, onMerge }: Props) {
  const { t, i18n } = useTranslation()
  const hits = hitsOf(q)
  const ref = useRef<HTMLLIElement>(null)
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest' })
  }, [selected])
  const close = () => onMode('none')
  return (
    <li ref={ref} onClick={onSelect} data-testid="question-item" data-question-id={q.id} data-status={q.status} data-selected={selected ? 'true' : 'false'}
      aria-current={selected ? 'true' : undefined}
      className={`rounded border p-3 ${selected ? 'border-accent ring-2 ring-accent/40' : 'border-slate-200'} ${hits.length ? 'bg-amber-50' : 'bg-white'}`}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
        <span className="font-medium text-slate-700" data-testid="question-nickname">{q.nickname}</span>
        <time dateTime={q.createdAt}>{formatDate(q.createdAt, i18n.language, 'timeSeconds')}</time>
        {q.preEvent && <PreEventTag />}
        {hits.length > 0 && (
          <span className="rounded bg-amber-200 px-1.5 py-0.5 font-medium text-amber-900" data-testid="sensitive-hits" data-hits={hits.join(',')}>
            {t('moderate.sensitive', { words: hits.join(t('common.listSeparator')) })}
          </span>
        )}
      </div>
      <p className="user-text mt-1 text-[15px] leading-relaxed text-slate-900" data-testid="question-body">
        <HighlightedText text={q.body} words={hits} />
      </p>
      {mode === 'none' && (
        <div className="mt-2 flex flex-wrap gap-2" onClick={(e) => e.stopPropagation()}>
          <button type="button" className="btn-primary py-1" disabled={busy} onClick={() => { onSelect(); onApprove() }} data-testid="approve-button">
            {t('moderate.approve')} <kbd className="text-xs opacity-70">a</kbd>
          </button>
          <button type="button" className="btn-secondary py-1" disabled={busy} onClick={() => { onSelect(); onMode('edit') }} data-testid="edit-button">
            {t('moderate.edit')} <kbd className="text-xs opacity-70">e</kbd>
          </button>
          <button type="button" className="btn-danger py-1" disabled={busy} onClick={() => { onSelect(); onMode('reject') }} data-testid="reject-button">
            {t('moderate.reject')} <kbd className="text-xs opacity-70">r</kbd>
          </button>
          <button type="button" className="btn-secondary py-1" disabled={busy} onClick={() => { onSelect(); onMode('merge') }} data-testid="merge-button">
            {t('moderate.merge')} <kbd className="text-xs opacity-70">m</kbd>
          </button>
        </div>
      )}
      <div onClick={(e) => e.stopPropagation()}>
        {mode === 'edit' && <EditBox question={q} busy={busy} onApprove={(b) => onApprove(b)} onCancel={close} />}
        {mode === 'reject' && <RejectBox busy={busy} onReject={onReject} onCancel={close} />}
        {mode === 'merge' && <MergeBox candidates={candidates} busy={busy} onMerge={onMerge} onCancel={close} />}
      </div>
    </li>
  )
}
