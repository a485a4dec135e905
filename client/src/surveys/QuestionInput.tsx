import { useTranslation } from 'react-i18next'
import { type AnswerValue, optionsOf, type QuestionDef } from '@openday/protocol'

// One input per question kind, for the public survey page, staff data entry and live polls alike.
// Large targets and real form controls (radio, checkbox, number, text): usable on a phone, with a
// screen reader and by keyboard, which the elderly and the staff typing in paper forms both need.

interface Props {
  question: QuestionDef
  value: AnswerValue | undefined
  onChange: (v: AnswerValue | undefined) => void
  /** Unique per page: ids of the inputs and of the group's label. */
  idPrefix: string
  disabled?: boolean
  /** Data entry: option numbers shown, for typing from the paper form. */
  numbered?: boolean
  invalid?: boolean
}

const groupClass = 'mt-2 grid gap-2'
const optionClass = 'flex min-h-11 cursor-pointer items-center gap-3 rounded border border-slate-300 bg-white px-3 py-2 text-base has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent'

export function QuestionInput({ question: q, value, onChange, idPrefix, disabled, numbered, invalid }: Props) {
  const { t } = useTranslation('surveys')
  const name = `${idPrefix}-${q.id}`
  const opts = optionsOf(q)
  switch (q.kind) {
    case 'single':
    case 'satisfaction':
      return (
        <div className={groupClass} role="radiogroup" aria-labelledby={`${name}-label`} aria-invalid={invalid}>
          {opts.map((o, i) => (
            <label key={o.id} className={optionClass}>
              <input type="radio" className="size-5 accent-accent" name={name} value={o.id} checked={value === o.id} disabled={disabled}
                onChange={() => onChange(o.id)} data-testid={`answer-${q.id}-${o.id}`} />
              <span>{numbered && <span className="mr-1 font-mono text-slate-500">{i + 1}.</span>}{o.label}</span>
            </label>
          ))}
        </div>
      )
    case 'multiple': {
      const picked = Array.isArray(value) ? value : []
      return (
        <div className={groupClass} role="group" aria-labelledby={`${name}-label`} aria-invalid={invalid}>
          {(q.min !== undefined || q.max !== undefined) && <p className="text-sm text-slate-600">{t('choose', { min: q.min ?? 1, max: q.max ?? opts.length })}</p>}
          {opts.map((o, i) => (
            <label key={o.id} className={optionClass}>
              <input type="checkbox" className="size-5 accent-accent" name={name} value={o.id} checked={picked.includes(o.id)} disabled={disabled}
                onChange={(e) => onChange(e.target.checked ? [...picked, o.id] : picked.filter((x) => x !== o.id))} data-testid={`answer-${q.id}-${o.id}`} />
              <span>{numbered && <span className="mr-1 font-mono text-slate-500">{i + 1}.</span>}{o.label}</span>
            </label>
          ))}
        </div>
      )
    }
    case 'rating': {
      const scale = q.scale ?? 5
      return (
        <div className="mt-2" role="radiogroup" aria-labelledby={`${name}-label`} aria-invalid={invalid}>
          <div className="flex flex-wrap gap-1">
            {Array.from({ length: scale }, (_, i) => i + 1).map((n) => (
              <label key={n} className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded border border-slate-300 bg-white text-base has-[:checked]:border-accent has-[:checked]:bg-accent has-[:checked]:text-white has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent">
                <input type="radio" className="sr-only" name={name} value={n} checked={value === n} disabled={disabled} onChange={() => onChange(n)}
                  aria-label={n === 1 && q.lowLabel ? `${n} ${q.lowLabel}` : n === scale && q.highLabel ? `${n} ${q.highLabel}` : String(n)} data-testid={`answer-${q.id}-${n}`} />
                {n}
              </label>
            ))}
          </div>
          {(q.lowLabel || q.highLabel) && (
            <div className="mt-1 flex justify-between text-sm text-slate-600" aria-hidden="true"><span>{q.lowLabel}</span><span>{q.highLabel}</span></div>
          )}
        </div>
      )
    }
    case 'ranking': {
      const order = Array.isArray(value) ? value : []
      const rest = opts.filter((o) => !order.includes(o.id))
      const label = (id: string) => opts.find((o) => o.id === id)?.label ?? id
      const move = (i: number, by: number) => {
        const next = [...order]
        const [x] = next.splice(i, 1)
        next.splice(i + by, 0, x!)
        onChange(next)
      }
      return (
        <div className="mt-2 space-y-2" aria-labelledby={`${name}-label`} role="group">
          <p className="text-sm text-slate-600">{t('rankHelp')}</p>
          <ol className="space-y-1" data-testid={`ranking-${q.id}`}>
            {order.map((id, i) => (
              <li key={id} className="flex min-h-11 items-center gap-2 rounded border border-accent bg-accent-soft px-3">
                <span className="font-bold">{i + 1}</span>
                <span className="flex-1">{label(id)}</span>
                <button type="button" className="btn-secondary px-2 py-1" disabled={disabled || i === 0} onClick={() => move(i, -1)} aria-label={t('moveUp', { label: label(id) })}>↑</button>
                <button type="button" className="btn-secondary px-2 py-1" disabled={disabled || i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('moveDown', { label: label(id) })}>↓</button>
                <button type="button" className="btn-secondary px-2 py-1" disabled={disabled} onClick={() => onChange(order.filter((x) => x !== id))} aria-label={t('unrank', { label: label(id) })}>×</button>
              </li>
            ))}
          </ol>
          {rest.length > 0 && (
            <div className="flex flex-wrap gap-2">
              {rest.map((o) => (
                <button key={o.id} type="button" className="btn-secondary min-h-11" disabled={disabled} onClick={() => onChange([...order, o.id])} data-testid={`answer-${q.id}-${o.id}`}>
                  + {o.label}
                </button>
              ))}
            </div>
          )}
        </div>
      )
    }
    case 'number':
      return (
        <input id={`${name}-input`} type="number" inputMode="decimal" className="input mt-2 max-w-40" min={q.min} max={q.max} disabled={disabled}
          value={typeof value === 'number' ? value : ''} aria-labelledby={`${name}-label`} aria-invalid={invalid}
          onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} data-testid={`answer-${q.id}`} />
      )
    case 'text':
      return (
        <textarea id={`${name}-input`} className="input mt-2 min-h-24" maxLength={q.max ?? 500} disabled={disabled} value={typeof value === 'string' ? value : ''}
          aria-labelledby={`${name}-label`} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)} data-testid={`answer-${q.id}`} />
      )
    case 'words':
      return (
        <input id={`${name}-input`} className="input mt-2" maxLength={q.max ?? 20} disabled={disabled} value={typeof value === 'string' ? value : ''}
          aria-labelledby={`${name}-label`} aria-invalid={invalid} onChange={(e) => onChange(e.target.value)} data-testid={`answer-${q.id}`} />
      )
  }
}
