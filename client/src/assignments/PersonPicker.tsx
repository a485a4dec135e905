import { useId, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { StaffPersonDto } from '@openday/protocol'
import { matchPeople, type PersonLabels } from './people.ts'

const SHOWN = 8

interface Props {
  id: string
  people: readonly StaffPersonDto[]
  value: string
  onChange: (userId: string) => void
  labels: PersonLabels
  describedBy?: string
  disabled?: boolean
  testId: string
}

/**
 * A combobox (WAI-ARIA 1.2 pattern, list autocomplete): typing narrows the list by name,
 * username, unit or role; ↓/↑ move through it, Enter takes the highlighted person, Esc closes
 * the list (a second Esc clears the text). Focus stays in the field; the highlighted option is
 * announced through aria-activedescendant.
 */
export function PersonPicker({ id, people, value, onChange, labels, describedBy, disabled, testId }: Props) {
  const { t } = useTranslation('assignments')
  const listId = useId()
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const selected = people.find((p) => p.id === value) ?? null
  const matches = matchPeople(people, query, labels)
  const shown = matches.slice(0, SHOWN)
  const current = shown[Math.min(active, shown.length - 1)] ?? null
  const optionId = (p: StaffPersonDto) => `${listId}-${p.id}`

  const pick = (p: StaffPersonDto) => {
    onChange(p.id)
    setQuery(p.displayName)
    setOpen(false)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault()
        if (!open) return setOpen(true)
        if (shown.length === 0) return
        const from = Math.min(active, shown.length - 1)
        setActive((from + (e.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length)
        return
      }
      case 'Enter':
        if (open && current) {
          e.preventDefault() // takes the person; the form is sent with the button
          pick(current)
        }
        return
      case 'Escape':
        e.preventDefault()
        if (open) setOpen(false)
        else {
          setQuery('')
          onChange('')
        }
        return
    }
  }

  return (
    <div className="relative">
      <input id={id} className="input" role="combobox" aria-expanded={open} aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={open && current ? optionId(current) : undefined} aria-describedby={describedBy}
        autoComplete="off" disabled={disabled} value={query} placeholder={t('pickerPlaceholder')}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
          setOpen(true)
          if (selected) onChange('')
        }}
        onKeyDown={onKeyDown} onFocus={() => setOpen(true)} onBlur={() => setOpen(false)}
        data-testid={testId} data-value={value} />
      {open && (
        <ul id={listId} role="listbox" aria-label={t('pickerOptions')}
          className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded border border-slate-300 bg-white shadow-lg" data-testid={`${testId}-options`}>
          {shown.map((p) => (
            <li key={p.id} id={optionId(p)} role="option" aria-selected={p === current}
              // mousedown, not click: the field keeps its focus, so its blur does not close the list first.
              onMouseDown={(e) => { e.preventDefault(); pick(p) }}
              className={`cursor-pointer px-3 py-2 text-sm ${p === current ? 'bg-accent-soft text-accent' : 'text-slate-800'}`}
              data-testid={`${testId}-option`} data-user-id={p.id} data-username={p.username}>
              <span className="font-medium">{p.displayName}</span>
              <span className="ml-2 text-xs text-slate-500">{p.username} · {labels.role(p)}{p.unit ? ` · ${labels.unit(p)}` : ''}</span>
            </li>
          ))}
          {shown.length === 0 && <li className="px-3 py-2 text-sm text-slate-500" role="presentation">{t('pickerNoMatch')}</li>}
          {matches.length > SHOWN && <li className="px-3 py-1 text-xs text-slate-500" role="presentation">{t('pickerMore', { n: matches.length - SHOWN })}</li>}
        </ul>
      )}
      <p className="sr-only" role="status">{open ? t('pickerCount', { n: matches.length }) : ''}</p>
    </div>
  )
}
