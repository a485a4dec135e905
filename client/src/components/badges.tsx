import { useTranslation } from 'react-i18next'
import type { EventForm, QuestionStatus, SessionStatus, Speaker } from '@openday/protocol'

const SESSION_STYLE: Record<SessionStatus, string> = {
  scheduled: 'border-blue-300 bg-blue-50 text-blue-800',
  live: 'border-accent bg-accent text-white',
  ended: 'border-slate-300 bg-slate-100 text-slate-700',
  archived: 'border-slate-300 bg-white text-slate-600',
}

export function SessionStatusBadge({ status, testId = 'session-status' }: { status: SessionStatus; testId?: string }) {
  const { t } = useTranslation()
  return (
    <span data-testid={testId} data-status={status} className={`inline-flex shrink-0 items-center gap-1 rounded border px-2 py-0.5 text-xs font-medium ${SESSION_STYLE[status]}`}>
      {status === 'live' && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-white" aria-hidden="true" />}
      {t(`sessionStatus.${status}`)}
    </span>
  )
}

const QUESTION_STYLE: Record<QuestionStatus, string> = {
  pending: 'bg-amber-50 text-amber-800 border-amber-300',
  approved: 'bg-blue-50 text-blue-800 border-blue-300',
  answering: 'bg-accent text-white border-accent',
  answered: 'bg-green-50 text-green-800 border-green-300',
  rejected: 'bg-slate-100 text-slate-600 border-slate-300',
  merged: 'bg-slate-100 text-slate-600 border-slate-300',
}

export function QuestionStatusBadge({ status }: { status: QuestionStatus }) {
  const { t } = useTranslation()
  return (
    <span data-testid="question-status" data-status={status} className={`inline-flex shrink-0 rounded border px-1.5 py-0.5 text-xs ${QUESTION_STYLE[status]}`}>
      {t(`questionStatus.${status}`)}
    </span>
  )
}

const SPEAKER_STYLE: Record<Speaker, string> = {
  host: 'bg-accent text-white',
  guest: 'bg-blue-800 text-white',
  citizen: 'bg-slate-200 text-slate-800',
}

export function SpeakerTag({ speaker }: { speaker: Speaker }) {
  const { t } = useTranslation()
  return (
    <span data-testid="speaker-tag" data-speaker={speaker} className={`inline-block rounded px-1.5 py-0.5 text-xs font-medium ${SPEAKER_STYLE[speaker]}`}>
      {t(`speaker.${speaker}`)}
    </span>
  )
}

export function FormLabel({ form }: { form: EventForm }) {
  const { t } = useTranslation()
  return <span data-testid="event-form" className="text-xs text-slate-500">{t(`eventForm.${form}`)}</span>
}
