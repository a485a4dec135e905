import { useTranslation } from 'react-i18next'
import type { PollDto } from '@openday/protocol'
import { ResultView } from '../surveys/ResultView.tsx'

/** The archive's record of a session's polls: each round's final figures (as the public may see them). */
export function ArchivedPolls({ polls }: { polls: PollDto[] }) {
  const { t } = useTranslation('polls')
  if (polls.length === 0) return null
  return (
    <section className="card p-4" aria-labelledby="archive-polls-title" data-testid="archive-polls">
      <h2 id="archive-polls-title" className="section-title">{t('title')}</h2>
      <ul className="mt-3 space-y-4">
        {polls.map((p) => (
          <li key={p.id} data-testid="archive-poll" data-poll-id={p.id}>
            <h3 className="font-bold text-slate-900">{p.question.title}</h3>
            {p.rounds.map((r) => (
              <div key={r.number} className="mt-2" data-testid="archive-poll-round" data-round={r.number}>
                {p.rounds.length > 1 && <p className="text-sm font-medium text-slate-700">{t('round', { n: r.number })}</p>}
                {r.results ? (
                  <><p className="text-xs text-slate-600">{t('votes', { n: r.results.votes })}</p><ResultView result={r.results.result} /></>
                ) : <p className="text-sm text-slate-600">{t('notPublished')}</p>}
              </div>
            ))}
          </li>
        ))}
      </ul>
    </section>
  )
}
