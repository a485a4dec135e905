import { lazy, Suspense } from 'react'
import { useParams } from 'react-router'
import { ArchivedPolls } from '../polls/ArchivedPolls.tsx'
import { useTranslation } from 'react-i18next'
import type { ArchiveDto, HotlineFiguresDto, PublicReplyDto, QuestionDto, ReplyFigures } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { QuestionStatusBadge } from '../components/badges.tsx'
import { api } from '../lib/api.ts'
import { formatDate, timeValue } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'
import { AnswerBlock } from '../live/QuestionList.tsx'
import { SessionHeader } from '../live/SessionHeader.tsx'
import { TranscriptList } from '../live/TranscriptList.tsx'
import { PublicReply, ReplyFiguresSection } from '../replies/PublicReply.tsx'
import { Figures } from './Figures.tsx'
import { VenueRecord } from '../venue/VenueRecord.tsx'
import { VENUE_FORMS } from '@openday/protocol'

// The charts library only for hotline archives.
const HotlineFigures = lazy(() => import('../hotline/HotlineFigures.tsx').then((m) => ({ default: m.HotlineFigures })))

/** Approved but not answered live: owed a public written reply by replyDueAt, until one is published. */
export const awaitsReply = (q: QuestionDto, replies: Record<string, PublicReplyDto> = {}): boolean => q.status !== 'answered' && q.replyDueAt !== null && !replies[q.id]

/** The written replies and their figures; read defensively: older servers do not send them. */
export function repliesOf(data: ArchiveDto): { replies: Record<string, PublicReplyDto>; figures: ReplyFigures | null } {
  const d = data as Partial<ArchiveDto>
  return { replies: d.replies ?? {}, figures: d.replyFigures && d.replyFigures.due > 0 ? d.replyFigures : null }
}

function ArchivedQuestion({ q, reply }: { q: QuestionDto; reply: PublicReplyDto | undefined }) {
  const { t, i18n } = useTranslation()
  return (
    <li id={`q-${q.id}`} className="rounded border border-slate-200 p-3" data-testid="question-item" data-question-id={q.id} data-status={q.status}>
      <div className="flex items-center gap-2 text-xs text-slate-500">
        <span className="font-medium text-slate-700" data-testid="question-nickname">{q.nickname}</span>
        <time dateTime={q.createdAt}>{formatDate(q.createdAt, i18n.language)}</time>
        <span className="flex-1" />
        <span data-testid="upvote-count" data-value={q.upvotes}>{t('question.upvotesN', { n: q.upvotes })}</span>
        <QuestionStatusBadge status={q.status} />
      </div>
      <p className="user-text mt-1 text-[15px] text-slate-900" data-testid="question-body">{q.body}</p>
      <AnswerBlock question={q} />
      {reply && <PublicReply reply={reply} />}
      {!reply && awaitsReply(q) && (
        <p className="mt-2 text-xs text-amber-800" data-testid="question-reply-due" data-due={q.replyDueAt}>
          {t('archive.replyDue', { time: formatDate(q.replyDueAt, i18n.language) })}
        </p>
      )}
    </li>
  )
}

/** The archive's mp4, when the session was recorded. Read defensively: older servers do not send it. */
export function recordingOf(data: ArchiveDto): { url: string; durationSeconds: number } | null {
  const r = (data as { recording?: unknown }).recording
  if (typeof r !== 'object' || r === null) return null
  const { url, durationSeconds } = r as { url?: unknown; durationSeconds?: unknown }
  return typeof url === 'string' && url ? { url, durationSeconds: typeof durationSeconds === 'number' ? durationSeconds : 0 } : null
}

/** A hotline day's call figures; read defensively, like the recording (older servers do not send them). */
export function hotlineOf(data: ArchiveDto): HotlineFiguresDto | null {
  const h = (data as { hotline?: unknown }).hotline
  if (typeof h !== 'object' || h === null) return null
  const f = h as Partial<HotlineFiguresDto>
  return typeof f.calls === 'number' && typeof f.byDomain === 'object' && typeof f.byAppealType === 'object' ? (h as HotlineFiguresDto) : null
}

function Recording({ recording }: { recording: { url: string; durationSeconds: number } }) {
  const { t } = useTranslation()
  const minutes = Math.max(1, Math.round(recording.durationSeconds / 60))
  return (
    <section className="card p-4" aria-labelledby="recording-title">
      <h2 id="recording-title" className="section-title">{t('archive.recording')}</h2>
      <video controls preload="metadata" playsInline src={recording.url} className="mt-3 aspect-video w-full rounded bg-slate-900"
        data-testid="archive-recording" data-url={recording.url} data-duration={recording.durationSeconds} />
      <p className="mt-1 text-xs text-slate-500">{t('archive.recordingLength', { n: minutes })}</p>
    </section>
  )
}

export function ArchivePage() {
  const { sessionId = '' } = useParams()
  const { t, i18n } = useTranslation()
  const { data, error, loading, reload } = useAsync(() => api.archive(sessionId), `archive:${sessionId}`)
  if (loading && !data) return <Loading />
  if (error) return <ErrorMessage error={error} text={error.code === 'NOT_FOUND' ? t('archive.notFound') : undefined} onRetry={error.code === 'NOT_FOUND' ? undefined : reload} />
  if (!data) return null

  const transcript = [...data.transcript].sort((a, b) => timeValue(a.createdAt) - timeValue(b.createdAt))
  const questions = [...data.questions].sort((a, b) => timeValue(a.createdAt) - timeValue(b.createdAt))
  const recording = recordingOf(data)
  const hotline = hotlineOf(data)
  const written = repliesOf(data)
  const awaiting = questions.filter((q) => awaitsReply(q, written.replies)).sort((a, b) => timeValue(a.replyDueAt ?? '') - timeValue(b.replyDueAt ?? ''))

  return (
    <div className="space-y-4" data-testid="archive-page" data-session-id={sessionId}>
      <SessionHeader event={data.event} session={data.session} />
      {data.session.archivedAt && (
        <p className="text-xs text-slate-500" data-testid="archived-at">{t('archive.archivedAt', { time: formatDate(data.session.archivedAt, i18n.language) })}</p>
      )}

      {recording && <Recording recording={recording} />}

      {hotline && (
        <section className="card p-4" aria-labelledby="hotline-figures-title">
          <h2 id="hotline-figures-title" className="section-title">{t('hotline.figures.title')}</h2>
          <div className="mt-3"><Suspense fallback={<Loading />}><HotlineFigures figures={hotline} /></Suspense></div>
        </section>
      )}

      {/* A symposium or an observation keeps its agenda, attendance, opinions with replies and photos. */}
      {(VENUE_FORMS as readonly string[]).includes(data.session.kind) && <VenueRecord eventId={data.event.id} />}

      <ArchivedPolls polls={data.polls} />

      <section className="card p-4" aria-labelledby="figures-title">
        <h2 id="figures-title" className="section-title">{t('archive.figures')}</h2>
        <div className="mt-3"><Figures figures={data.figures} /></div>
      </section>

      <section className="card p-4" aria-labelledby="transcript-title" data-testid="archive-transcript">
        <h2 id="transcript-title" className="section-title">{t('archive.transcript')}</h2>
        <div className="mt-2"><TranscriptList entries={transcript} /></div>
      </section>

      {written.figures && <ReplyFiguresSection figures={written.figures} />}

      {awaiting.length > 0 && (
        <section className="card p-4" aria-labelledby="awaiting-title" data-testid="awaiting-replies">
          <h2 id="awaiting-title" className="section-title">{t('archive.awaiting')}</h2>
          <p className="mt-1 text-xs text-slate-500">{t('archive.awaitingIntro')}</p>
          <ul className="mt-3 space-y-2">
            {awaiting.map((q) => (
              <li key={q.id} className="flex flex-wrap items-baseline gap-2 border-b border-slate-100 pb-2 text-sm last:border-b-0"
                data-testid="awaiting-item" data-question-id={q.id}>
                <a href={`#q-${q.id}`} className="user-text min-w-0 flex-1 text-slate-900 hover:text-accent">{q.body}</a>
                <span className="text-xs text-amber-800" data-testid="reply-due" data-due={q.replyDueAt}>
                  {t('archive.dueBy', { time: formatDate(q.replyDueAt, i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card p-4" aria-labelledby="aq-title" data-testid="archive-questions">
        <h2 id="aq-title" className="section-title">{t('archive.questions')}</h2>
        {questions.length === 0 ? (
          <p className="py-6 text-center text-sm text-slate-500">{t('live.noQuestions')}</p>
        ) : (
          <ul className="mt-3 space-y-2">{questions.map((q) => <ArchivedQuestion key={q.id} q={q} reply={written.replies[q.id]} />)}</ul>
        )}
      </section>
    </div>
  )
}
