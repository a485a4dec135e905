import { useTranslation } from 'react-i18next'
import type { PlanConflictDto, PlanGridDto } from '@openday/protocol'

/** One sentence per conflict, naming its month, themes, unit or date. */
export function useConflictText(grid: PlanGridDto): (c: PlanConflictDto) => string {
  const { t } = useTranslation('plan')
  const { t: tc } = useTranslation()
  const themes = new Map<string, string>()
  const units = new Map<string, string>()
  for (const e of grid.entries) {
    themes.set(e.proposalId, e.proposal.theme)
    for (const u of e.proposal.units) units.set(u.id, u.name)
  }
  for (const p of grid.unplaced) {
    themes.set(p.id, p.theme)
    for (const u of p.units) units.set(u.id, u.name)
  }
  return (c) => t(`conflict.${c.kind}`, {
    month: c.month ?? '', date: c.date ?? '', unit: c.unitId ? units.get(c.unitId) ?? '' : '',
    themes: c.proposalIds.map((id) => `「${themes.get(id) ?? ''}」`).join(tc('common.listSeparator')),
  })
}

/** The conflicts as a list: blocking ones first; each says how the admin resolves it. */
export function ConflictList({ grid }: { grid: PlanGridDto }) {
  const { t } = useTranslation('plan')
  const text = useConflictText(grid)
  const sorted = [...grid.conflicts].sort((a, b) => Number(b.blocking) - Number(a.blocking))
  return (
    <section aria-labelledby="plan-conflicts-title" className="card p-4" data-testid="plan-conflicts" data-count={grid.conflicts.length}>
      <h2 id="plan-conflicts-title" className="section-title">{t('admin.conflictsTitle', { count: grid.conflicts.length })}</h2>
      {sorted.length === 0 ? <p className="mt-2 text-sm text-green-700" data-testid="plan-no-conflicts">{t('admin.noConflicts')}</p> : (
        <ul className="mt-2 space-y-1 text-sm" aria-live="polite">
          {sorted.map((c, i) => (
            <li key={`${c.kind}-${i}-${c.entryIds.join()}-${c.proposalIds.join()}`} data-testid="plan-conflict" data-kind={c.kind} data-blocking={String(c.blocking)}
              className={c.blocking ? 'text-red-800' : 'text-amber-800'}>
              <span className="mr-2 rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-current">{c.blocking ? t('admin.blocking') : t('admin.warning')}</span>
              {text(c)}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** Small badges beside a cell: the kinds of conflict that concern it. */
export function ConflictBadges({ grid, conflicts }: { grid: PlanGridDto; conflicts: PlanConflictDto[] }) {
  const text = useConflictText(grid)
  const { t } = useTranslation('plan')
  if (!conflicts.length) return null
  return (
    <ul className="mt-1 flex flex-wrap gap-1" data-testid="plan-cell-conflicts">
      {conflicts.map((c, i) => (
        <li key={`${c.kind}-${i}`} title={text(c)} data-kind={c.kind}
          className={`rounded px-1.5 py-0.5 text-xs ${c.blocking ? 'bg-red-50 text-red-800' : 'bg-amber-50 text-amber-800'}`}>
          <span className="sr-only">{c.blocking ? t('admin.blocking') : t('admin.warning')}: </span>{t(`conflictShort.${c.kind}`)}
        </li>
      ))}
    </ul>
  )
}
