import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

interface Handlers {
  enabled: boolean
  onNext: () => void
  onPrev: () => void
  onApprove: () => void
  onEdit: () => void
  onReject: () => void
  onMerge: () => void
  onHelp: () => void
  onEscape: () => void
}

// Typing a rejection reason must never approve a question: keys are ignored inside form fields.
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** Moderator shortcuts: j/k move, a approve, e edit, r reject, m merge, ? help, Esc close. */
export function useModerationKeys(h: Handlers): void {
  const ref = useRef(h)
  useEffect(() => {
    ref.current = h
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      const cur = ref.current
      if (e.key === 'Escape') return cur.onEscape()
      if (e.key === '?') {
        e.preventDefault()
        return cur.onHelp()
      }
      if (!cur.enabled) return
      const action = ({ j: cur.onNext, k: cur.onPrev, a: cur.onApprove, e: cur.onEdit, r: cur.onReject, m: cur.onMerge } as Record<string, (() => void) | undefined>)[e.key]
      if (action) {
        e.preventDefault() // "e" must not also type into the editor it opens
        action()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
}

const KEYS = [
  ['j', 'next'],
  ['k', 'prev'],
  ['a', 'approve'],
  ['e', 'edit'],
  ['r', 'reject'],
  ['m', 'merge'],
  ['?', 'help'],
  ['Esc', 'escape'],
] as const

export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  return (
    <div className="card p-3" data-testid="shortcuts-help" role="region" aria-label={t('moderate.shortcutsTitle')}>
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-bold">{t('moderate.shortcutsTitle')}</h3>
        <button type="button" className="text-xs text-slate-500 underline" onClick={onClose} data-testid="shortcuts-close">{t('common.close')}</button>
      </div>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        {KEYS.map(([key, name]) => (
          <div key={key} className="flex items-center gap-2">
            <dt><kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs">{key}</kbd></dt>
            <dd className="text-slate-700">{t(`moderate.keys.${name}`)}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}
