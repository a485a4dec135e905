import { useId, useState, type KeyboardEvent, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { digitOf, filterItems, pickByDigit, type PickItem } from './picker.ts'

interface Props {
  id: string
  items: readonly PickItem[]
  value: string
  onChange: (id: string) => void
  testId: string
  inputRef?: Ref<HTMLInputElement>
  /** A short note after an option's name (e.g. an appeal type's deadline). */
  hintOf?: (item: PickItem) => string | undefined
  invalid?: boolean
  describedBy?: string
  disabled?: boolean
}

/**
 * A field that picks one option with the keyboard: 1–9 picks the numbered option, typing narrows
 * the list (Enter or Tab takes the first match), arrows move, Esc drops the typed text,
 * Backspace clears the choice. The options stay visible so their numbers can be learnt.
 */
export function KeyPicker({ id, items, value, onChange, testId, inputRef, hintOf, invalid, describedBy, disabled }: Props) {
  const { t } = useTranslation()
  const listId = useId()
  const [query, setQuery] = useState<string | null>(null)
  const [highlight, setHighlight] = useState(0)
  const selected = items.find((i) => i.id === value) ?? null
  const shown = query === null ? [...items] : filterItems(items, query)
  const active = shown[Math.min(highlight, shown.length - 1)] ?? null

  const pick = (item: PickItem | null) => {
    if (item) onChange(item.id)
    setQuery(null)
    setHighlight(0)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return
    // Ctrl+Enter saves the form: take the typed-ahead option first, and let the keystroke go on.
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && query !== null && query.trim() && active) return pick(active)
    if (e.ctrlKey || e.metaKey || e.altKey) return
    const byNumber = pickByDigit(items, e.key)
    if (byNumber) {
      e.preventDefault()
      return pick(byNumber)
    }
    if (/^\d$/.test(e.key)) return e.preventDefault() // 0 or a number without an option: not text
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        e.preventDefault()
        if (shown.length === 0) return
        const cur = query === null && selected ? Math.max(0, shown.indexOf(selected)) : Math.min(highlight, shown.length - 1)
        const next = (cur + (e.key === 'ArrowDown' ? 1 : -1) + shown.length) % shown.length
        if (query === null) pick(shown[next]!) // without typed text the arrows change the choice itself
        else setHighlight(next)
        return
      }
      case 'Enter':
        // Never submits the form: Enter here means "take this option".
        e.preventDefault()
        if (query !== null) pick(active)
        return
      case 'Escape':
        if (query !== null) {
          e.preventDefault()
          e.stopPropagation()
          setQuery(null)
        }
        return
      case 'Backspace':
        if (query === null && value) {
          e.preventDefault()
          onChange('')
          setQuery('')
        }
        return
    }
  }

  // Tabbing away with typed text takes the first match (type-ahead); no match keeps the old choice.
  const onBlur = () => {
    if (query !== null && query.trim() && shown.length > 0) pick(shown[0]!)
    else setQuery(null)
  }

  const optionId = (item: PickItem) => `${listId}-${item.id}`
  return (
    <div>
      <input id={id} ref={inputRef} className="input" role="combobox" aria-expanded="true" aria-controls={listId} aria-autocomplete="list"
        aria-activedescendant={query !== null && active ? optionId(active) : selected ? optionId(selected) : undefined}
        aria-invalid={invalid} aria-describedby={describedBy} disabled={disabled} autoComplete="off"
        value={query ?? selected?.label ?? ''} placeholder={t('hotline.form.pickPlaceholder')}
        onChange={(e) => { setQuery(e.target.value); setHighlight(0) }} onKeyDown={onKeyDown} onBlur={onBlur}
        onFocus={(e) => e.currentTarget.select()}
        data-testid={testId} data-value={value} />
      <ul id={listId} role="listbox" aria-label={t('hotline.form.options')} className="mt-1 flex flex-wrap gap-1" data-testid={`${testId}-options`}>
        {items.map((item, i) => {
          const matches = shown.includes(item)
          const isActive = query !== null && active === item
          const hint = hintOf?.(item)
          return (
            <li key={item.id} id={optionId(item)} role="option" aria-selected={item.id === value}
              // Not in the tab order: Tab goes from field to field; a click still works.
              onMouseDown={(e) => { e.preventDefault(); if (!disabled) pick(item) }}
              className={`cursor-pointer select-none rounded border px-1.5 py-0.5 text-xs ${item.id === value ? 'border-accent bg-accent text-white' : isActive ? 'border-accent bg-accent-soft text-accent' : 'border-slate-300 bg-white text-slate-700'} ${matches ? '' : 'opacity-35'}`}
              data-testid={`${testId}-option`} data-id={item.id} data-selected={item.id === value ? 'true' : 'false'}>
              {digitOf(i) && <kbd className="mr-1 font-mono font-bold">{digitOf(i)}</kbd>}
              {item.label}
              {hint && <span className="ml-1 opacity-75">{hint}</span>}
            </li>
          )
        })}
      </ul>
      {query !== null && query.trim() !== '' && shown.length === 0 && <p className="mt-1 text-xs text-amber-800">{t('hotline.form.noMatch')}</p>}
    </div>
  )
}
