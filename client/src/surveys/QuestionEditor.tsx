import { useTranslation } from 'react-i18next'
import { optionsOf, type QuestionDefInput, type QuestionKind, SURVEY_KINDS } from '@openday/protocol'

// One question of the builder. Option ids are kept when labels change (they tie answers to
// options across versions); new ones get the next free id.

type Q = QuestionDefInput

const nextOptionId = (q: Q) => `o${1 + Math.max(0, ...(q.options ?? []).map((o) => Number(/^o(\d+)$/.exec(o.id)?.[1] ?? 0)))}`
const CHOICES: readonly QuestionKind[] = ['single', 'multiple', 'ranking']
const CONDITIONABLE: readonly QuestionKind[] = ['single', 'multiple', 'satisfaction', 'rating', 'number']

/** A question's fields after a change of kind: what the new kind cannot have is dropped. */
export function withKind(q: Q, kind: QuestionKind): Q {
  const next: Q = { id: q.id, kind, title: q.title, help: q.help ?? '', required: q.required ?? false, ...(q.showIf ? { showIf: q.showIf } : {}) }
  if (CHOICES.includes(kind)) next.options = q.options?.length ? q.options : [{ id: 'o1', label: '' }, { id: 'o2', label: '' }]
  if (kind === 'rating') { next.scale = 5; next.lowLabel = ''; next.highLabel = '' }
  return next
}

interface Props {
  q: Q
  index: number
  /** Questions before this one (candidates for its condition). */
  earlier: Q[]
  onChange: (q: Q) => void
  onMove: (by: -1 | 1) => void
  onRemove: () => void
  first: boolean
  last: boolean
}

export function QuestionEditor({ q, index, earlier, onChange, onMove, onRemove, first, last }: Props) {
  const { t } = useTranslation('surveys')
  const p = `qe-${q.id}`
  const set = (patch: Partial<Q>) => onChange({ ...q, ...patch })
  const num = (v: string) => (v === '' ? undefined : Number(v))
  const target = earlier.find((x) => x.id === q.showIf?.question)
  const conditionable = earlier.filter((x) => CONDITIONABLE.includes(x.kind))
  return (
    <li className="rounded border border-slate-300 bg-white p-3" data-testid="builder-question" data-question-id={q.id}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-bold">{index}.</span>
        <label className="sr-only" htmlFor={`${p}-kind`}>{t('builder.kind')}</label>
        <select id={`${p}-kind`} className="input w-auto" value={q.kind} onChange={(e) => onChange(withKind(q, e.target.value as QuestionKind))} data-testid="builder-kind">
          {SURVEY_KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </select>
        <label className="flex items-center gap-1 text-sm"><input type="checkbox" className="size-4" checked={q.required ?? false} onChange={(e) => set({ required: e.target.checked })} data-testid="builder-required" />{t('builder.required')}</label>
        <span className="ml-auto flex gap-1">
          <button type="button" className="btn-secondary px-2 py-1" disabled={first} onClick={() => onMove(-1)} aria-label={t('builder.up', { n: index })}>↑</button>
          <button type="button" className="btn-secondary px-2 py-1" disabled={last} onClick={() => onMove(1)} aria-label={t('builder.down', { n: index })}>↓</button>
          <button type="button" className="btn-danger px-2 py-1" onClick={onRemove} aria-label={t('builder.remove', { n: index })} data-testid="builder-remove">×</button>
        </span>
      </div>
      <label className="label mt-2" htmlFor={`${p}-title`}>{t('builder.title')}</label>
      <input id={`${p}-title`} className="input" maxLength={300} value={q.title} onChange={(e) => set({ title: e.target.value })} data-testid="builder-title" />
      <label className="label mt-2" htmlFor={`${p}-help`}>{t('builder.help')}</label>
      <input id={`${p}-help`} className="input" maxLength={500} value={q.help ?? ''} onChange={(e) => set({ help: e.target.value })} />

      {CHOICES.includes(q.kind) && (
        <fieldset className="mt-2">
          <legend className="label">{t('builder.options')}</legend>
          <ul className="space-y-1">
            {(q.options ?? []).map((o, i) => (
              <li key={o.id} className="flex gap-1">
                <label className="sr-only" htmlFor={`${p}-o-${o.id}`}>{t('builder.option', { n: i + 1 })}</label>
                <input id={`${p}-o-${o.id}`} className="input" maxLength={100} value={o.label} data-testid="builder-option"
                  onChange={(e) => set({ options: q.options!.map((x) => (x.id === o.id ? { ...x, label: e.target.value } : x)) })} />
                <button type="button" className="btn-secondary px-2" onClick={() => set({ options: q.options!.filter((x) => x.id !== o.id) })} aria-label={t('builder.removeOption', { n: i + 1 })}>×</button>
              </li>
            ))}
          </ul>
          <button type="button" className="btn-secondary mt-1 py-1" onClick={() => set({ options: [...(q.options ?? []), { id: nextOptionId(q), label: '' }] })} data-testid="builder-add-option">{t('builder.addOption')}</button>
        </fieldset>
      )}
      {(q.kind === 'multiple' || q.kind === 'ranking' || q.kind === 'number') && (
        <div className="mt-2 flex flex-wrap gap-3">
          <div><label className="label" htmlFor={`${p}-min`}>{t(q.kind === 'number' ? 'builder.minValue' : 'builder.minChoices')}</label>
            <input id={`${p}-min`} type="number" className="input w-28" value={q.min ?? ''} onChange={(e) => set({ min: num(e.target.value) })} /></div>
          <div><label className="label" htmlFor={`${p}-max`}>{t(q.kind === 'number' ? 'builder.maxValue' : 'builder.maxChoices')}</label>
            <input id={`${p}-max`} type="number" className="input w-28" value={q.max ?? ''} onChange={(e) => set({ max: num(e.target.value) })} data-testid="builder-max" /></div>
        </div>
      )}
      {q.kind === 'rating' && (
        <div className="mt-2 flex flex-wrap gap-3">
          <div><label className="label" htmlFor={`${p}-scale`}>{t('builder.scale')}</label>
            <select id={`${p}-scale`} className="input w-28" value={q.scale ?? 5} onChange={(e) => set({ scale: Number(e.target.value) as 5 | 10 })}><option value={5}>1–5</option><option value={10}>1–10</option></select></div>
          <div><label className="label" htmlFor={`${p}-low`}>{t('builder.lowLabel')}</label><input id={`${p}-low`} className="input w-36" maxLength={20} value={q.lowLabel ?? ''} onChange={(e) => set({ lowLabel: e.target.value })} /></div>
          <div><label className="label" htmlFor={`${p}-high`}>{t('builder.highLabel')}</label><input id={`${p}-high`} className="input w-36" maxLength={20} value={q.highLabel ?? ''} onChange={(e) => set({ highLabel: e.target.value })} /></div>
        </div>
      )}

      {conditionable.length > 0 && (
        <fieldset className="mt-3 rounded bg-slate-50 p-2">
          <legend className="text-sm font-medium text-slate-700">{t('builder.showIf')}</legend>
          <label className="sr-only" htmlFor={`${p}-cond`}>{t('builder.condQuestion')}</label>
          <select id={`${p}-cond`} className="input" value={q.showIf?.question ?? ''} data-testid="builder-condition"
            onChange={(e) => {
              const tq = earlier.find((x) => x.id === e.target.value)
              if (!tq) { const { showIf: _drop, ...rest } = q; void _drop; onChange(rest); return }
              set({ showIf: tq.kind === 'rating' || tq.kind === 'number' ? { question: tq.id, min: 1 } : { question: tq.id, anyOf: [optionsOf({ kind: tq.kind, options: tq.options ?? [] })[0]?.id ?? 'o1'] } })
            }}>
            <option value="">{t('builder.always')}</option>
            {conditionable.map((x) => <option key={x.id} value={x.id}>{t('builder.whenAnswer', { title: x.title || x.id })}</option>)}
          </select>
          {target && q.showIf?.anyOf && (
            <div className="mt-1 flex flex-wrap gap-3">
              {optionsOf({ kind: target.kind, options: target.options ?? [] }).map((o) => (
                <label key={o.id} className="flex items-center gap-1 text-sm">
                  <input type="checkbox" className="size-4" checked={q.showIf!.anyOf!.includes(o.id)} data-testid="builder-condition-option"
                    onChange={(e) => set({ showIf: { question: target.id, anyOf: e.target.checked ? [...q.showIf!.anyOf!, o.id] : q.showIf!.anyOf!.filter((x) => x !== o.id) } })} />
                  {o.label || o.id}
                </label>
              ))}
            </div>
          )}
          {target && !q.showIf?.anyOf && q.showIf && (
            <div className="mt-1 flex gap-3">
              <div><label className="label" htmlFor={`${p}-cmin`}>{t('builder.atLeast')}</label><input id={`${p}-cmin`} type="number" className="input w-24" value={q.showIf.min ?? ''} onChange={(e) => set({ showIf: { ...q.showIf!, min: num(e.target.value) } })} /></div>
              <div><label className="label" htmlFor={`${p}-cmax`}>{t('builder.atMost')}</label><input id={`${p}-cmax`} type="number" className="input w-24" value={q.showIf.max ?? ''} onChange={(e) => set({ showIf: { ...q.showIf!, max: num(e.target.value) } })} /></div>
            </div>
          )}
        </fieldset>
      )}
    </li>
  )
}
