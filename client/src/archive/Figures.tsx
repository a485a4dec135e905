import { useTranslation } from 'react-i18next'
import type { SessionFigures } from '@openday/protocol'

const ITEMS = [
  ['received', 'figure-received'],
  ['approved', 'figure-approved'],
  ['answered', 'figure-answered'],
  ['awaitingReply', 'figure-awaiting'],
  ['peakViewers', 'figure-peak-viewers'],
] as const satisfies readonly (readonly [keyof SessionFigures, string])[]

export function Figures({ figures, compact = false }: { figures: SessionFigures; compact?: boolean }) {
  const { t } = useTranslation()
  return (
    <dl className={`grid gap-2 ${compact ? 'grid-cols-5' : 'grid-cols-2 sm:grid-cols-5'}`} data-testid="archive-figures">
      {ITEMS.map(([key, testId]) => (
        <div key={key} className={`rounded bg-slate-50 text-center ${compact ? 'px-1 py-1' : 'p-3'}`}>
          <dt className="text-xs text-slate-500">{t(`figures.${key}`)}</dt>
          <dd className={`font-bold text-accent ${compact ? 'text-base' : 'text-2xl'}`} data-testid={testId} data-value={figures[key]}>
            {figures[key]}
          </dd>
        </div>
      ))}
    </dl>
  )
}
