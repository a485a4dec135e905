import { useTranslation } from 'react-i18next'
import type { TranscriptEntryDto } from '@openday/protocol'
import { SpeakerTag } from '../components/badges.tsx'
import { formatDate } from '../lib/format.ts'

/** Uploads are served by our own server; anything else in a URL field is not shown. */
export function safeImageUrl(url: string): string | null {
  if (url.startsWith('/') && !url.startsWith('//')) return url
  try {
    const u = new URL(url)
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null
  } catch {
    return null
  }
}

export function TranscriptEntryView({ entry }: { entry: TranscriptEntryDto }) {
  const { t, i18n } = useTranslation()
  const img = entry.image ? safeImageUrl(entry.image.url) : null
  return (
    <li className="border-b border-slate-100 py-3 last:border-b-0" data-testid="transcript-entry" data-entry-id={entry.id} data-speaker={entry.speaker}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <time className="font-mono text-xs text-slate-500" dateTime={entry.createdAt} data-testid="transcript-time">
          {formatDate(entry.createdAt, i18n.language, 'timeSeconds')}
        </time>
        <SpeakerTag speaker={entry.speaker} />
        <span className="font-medium text-slate-900" data-testid="transcript-speaker">{entry.speakerName}</span>
      </div>
      {entry.body && <p className="user-text mt-1 leading-relaxed text-slate-800" data-testid="transcript-body">{entry.body}</p>}
      {img && (
        <a href={img} target="_blank" rel="noopener noreferrer" className="mt-2 inline-block">
          <img src={img} alt={t('transcript.imageAlt', { name: entry.speakerName })} loading="lazy"
            className="max-h-80 max-w-full rounded border border-slate-200" data-testid="transcript-image" />
        </a>
      )}
    </li>
  )
}

export function TranscriptList({ entries, testId = 'transcript-list' }: { entries: readonly TranscriptEntryDto[]; testId?: string }) {
  const { t } = useTranslation()
  if (entries.length === 0) {
    return <p className="py-6 text-center text-sm text-slate-500" data-testid={`${testId}-empty`}>{t('transcript.empty')}</p>
  }
  return (
    <ol className="divide-slate-100" data-testid={testId} data-count={entries.length}>
      {entries.map((e) => <TranscriptEntryView key={e.id} entry={e} />)}
    </ol>
  )
}
