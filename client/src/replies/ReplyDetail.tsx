import { useId, useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ReplyTaskDto } from '@openday/protocol'
import { useAuth } from '../auth/AuthContext.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { formatDate } from '../lib/format.ts'
import { useAction } from '../lib/useAction.ts'
import { repliesApi } from './api.ts'
import { ReplyStateBadge } from './ReplyStateBadge.tsx'

/** The published versions, oldest first; a correction says when and why. */
function Versions({ task }: { task: ReplyTaskDto }) {
  const { t, i18n } = useTranslation('replies')
  if (!task.versions.length) return null
  return (
    <ol className="space-y-2" data-testid="reply-versions" data-count={task.versions.length}>
      {task.versions.map((v) => (
        <li key={v.number} className="rounded border border-slate-200 bg-slate-50 p-2 text-sm" data-testid="reply-version" data-number={v.number}>
          <p className="text-xs text-slate-600">
            {v.number === 1 ? t('version.first', { at: formatDate(v.publishedAt, i18n.language) }) : t('version.correction', { n: v.number - 1, at: formatDate(v.publishedAt, i18n.language) })}
            {v.note && <span className="user-text"> — {v.note}</span>}
          </p>
          <p className="user-text mt-1 text-slate-900">{v.body}</p>
        </li>
      ))}
    </ol>
  )
}

/** The unit's editor writes, saves and publishes (or sends for checking); a published one is corrected with a note. */
function Writer({ task, onChanged }: { task: ReplyTaskDto; onChanged: (t: ReplyTaskDto) => void }) {
  const { t } = useTranslation('replies')
  const id = useId()
  const [body, setBody] = useState(task.draft)
  const [note, setNote] = useState('')
  const saveAct = useAction<ReplyTaskDto>(onChanged)
  const pubAct = useAction<ReplyTaskDto>((x) => { setNote(''); onChanged(x) })
  const correcting = task.versions.length > 0
  const dirty = body !== task.draft
  const publish = () => void pubAct.run(async () => {
    const saved = dirty ? await repliesApi.save(task.id, task.revision, body) : task
    return repliesApi.publish(saved.id, saved.revision, note.trim())
  })
  return (
    <div className="space-y-2" data-testid="reply-writer">
      <label className="label" htmlFor={`${id}-b`}>{correcting ? t('writer.correction') : t('writer.body')}</label>
      <textarea id={`${id}-b`} className="input min-h-32" maxLength={4000} value={body} onChange={(e) => setBody(e.target.value)} data-testid="reply-body" />
      {correcting && (
        <>
          <label className="label" htmlFor={`${id}-n`}>{t('writer.note')}</label>
          <input id={`${id}-n`} className="input" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="reply-note" aria-describedby={`${id}-nh`} />
          <p id={`${id}-nh`} className="text-xs text-slate-500">{t('writer.noteHint')}</p>
        </>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" disabled={!dirty || saveAct.busy} data-testid="reply-save"
          onClick={() => void saveAct.run(() => repliesApi.save(task.id, task.revision, body))}>{t('writer.save')}</button>
        <button type="button" className="btn-primary" disabled={pubAct.busy || !body.trim() || (correcting && !note.trim())} data-testid="reply-publish" onClick={publish}>
          {correcting ? t('writer.publishCorrection') : t('writer.publish')}
        </button>
      </div>
      <p className="text-sm text-slate-600" role="status" data-testid="reply-save-state">{dirty ? t('writer.unsaved') : task.draft ? t('writer.saved') : ''}</p>
      {(saveAct.error ?? pubAct.error) && <ErrorMessage error={(saveAct.error ?? pubAct.error)!} testId="reply-error" />}
    </div>
  )
}

/** The office: approve or return a reply sent for checking; close a task that needs no reply. */
function OfficeActions({ task, onChanged }: { task: ReplyTaskDto; onChanged: (t: ReplyTaskDto) => void }) {
  const { t } = useTranslation('replies')
  const id = useId()
  const [reason, setReason] = useState('')
  const act = useAction<ReplyTaskDto>((x) => { setReason(''); onChanged(x) })
  const checking = task.state === 'checking'
  const dismissable = task.versions.length === 0 && task.state !== 'dismissed'
  if (!checking && !dismissable) return null
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3" data-testid="reply-office">
      {checking && (
        <>
          <p className="user-text rounded bg-blue-50 p-2 text-sm text-slate-900" data-testid="reply-pending-text">{task.draft}</p>
          <button type="button" className="btn-primary" disabled={act.busy} data-testid="reply-approve" onClick={() => void act.run(() => repliesApi.approve(task.id))}>{t('office.approve')}</button>
        </>
      )}
      <label className="label" htmlFor={`${id}-r`}>{t('office.reason')}</label>
      <textarea id={`${id}-r`} className="input min-h-16" maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="reply-reason-input" />
      <div className="flex flex-wrap gap-2">
        {checking && <button type="button" className="btn-danger" disabled={act.busy || !reason.trim()} data-testid="reply-return" onClick={() => void act.run(() => repliesApi.returnIt(task.id, reason.trim()))}>{t('office.return')}</button>}
        {dismissable && <button type="button" className="btn-secondary" disabled={act.busy || !reason.trim()} data-testid="reply-dismiss" onClick={() => void act.run(() => repliesApi.dismiss(task.id, reason.trim()))}>{t('office.dismiss')}</button>}
      </div>
      {act.error && <ErrorMessage error={act.error} testId="reply-office-error" />}
    </div>
  )
}

/** One reply task: the question, the deadline, what was published, and what the viewer may do. */
export function ReplyDetail({ task, onChanged }: { task: ReplyTaskDto; onChanged: (t: ReplyTaskDto) => void }) {
  const { t, i18n } = useTranslation('replies')
  const { user } = useAuth()
  const fid = useId()
  return (
    <section className="card space-y-3 p-4" aria-labelledby={`${fid}-h`} data-testid="reply-detail" data-task-id={task.id} data-state={task.state}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={`${fid}-h`} className="section-title flex-1">{task.eventTheme}</h2>
        <ReplyStateBadge task={task} />
      </div>
      <p className="text-xs text-slate-600">
        {/* An opinion lives on its event's public record; a question in its session's archive. */}
        <Link className="underline" to={task.kind === 'opinion' ? `/events/${encodeURIComponent(task.eventId)}#o-${task.opinionId ?? ''}` : `/archive/${encodeURIComponent(task.session.id)}`}>{task.session.title}</Link>
        {task.kind === 'opinion' && ` · ${t('opinion')}`}
        {task.unit && ` · ${task.unit.name}`} · {t('dueBy', { at: formatDate(task.dueAt, i18n.language) })}
      </p>
      <blockquote className="rounded border-l-4 border-accent bg-accent-soft p-3 text-sm">
        <p className="text-xs text-slate-600">{task.question.nickname} · {formatDate(task.question.createdAt, i18n.language)}
          {task.question.preEvent && ` · ${t('preEvent')}`}{!task.question.approved && ` · ${t('notModerated')}`}</p>
        <p className="user-text mt-1 text-slate-900" data-testid="reply-question">{task.question.body}</p>
      </blockquote>
      {task.reason && <p role="status" className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="reply-reason">{t(task.state === 'dismissed' ? 'dismissedWith' : 'returnedWith', { reason: task.reason })}</p>}
      {task.state === 'checking' && user?.role !== 'admin' && <p className="text-sm text-blue-800" data-testid="reply-checking">{t('checking')}</p>}
      <Versions task={task} />
      {task.canEdit && <Writer key={`${task.id}:${task.revision}`} task={task} onChanged={onChanged} />}
      {user?.role === 'admin' && <OfficeActions key={`o:${task.revision}`} task={task} onChanged={onChanged} />}
    </section>
  )
}
