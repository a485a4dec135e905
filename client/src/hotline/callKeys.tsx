import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

// The operator console's keys. Alt+letter works while typing in a field (letters alone would be
// text), and these letters are free in the common browsers (Alt+D, Alt+E and Alt+F are not).
// Matched on the physical key (KeyboardEvent.code): on a Mac, Option+letter types a symbol.

export type CallKeyAction = 'start' | 'callerName' | 'phone' | 'domain' | 'type' | 'location' | 'content' | 'leader' | 'answered' | 'handedOff' | 'reply' | 'unit'

export const CALL_KEYS: readonly (readonly [code: string, key: string, action: CallKeyAction])[] = [
  ['KeyN', 'Alt+N', 'start'],
  ['KeyC', 'Alt+C', 'callerName'],
  ['KeyP', 'Alt+P', 'phone'],
  ['KeyO', 'Alt+O', 'domain'],
  ['KeyT', 'Alt+T', 'type'],
  ['KeyL', 'Alt+L', 'location'],
  ['KeyB', 'Alt+B', 'content'],
  ['KeyG', 'Alt+G', 'leader'],
  ['KeyA', 'Alt+A', 'answered'],
  ['KeyH', 'Alt+H', 'handedOff'],
  ['KeyR', 'Alt+R', 'reply'],
  ['KeyU', 'Alt+U', 'unit'],
]

/** Calls `onAction` for the Alt shortcuts, wherever the focus is. */
export function useCallKeys(enabled: boolean, onAction: (a: CallKeyAction) => void): void {
  const ref = useRef(onAction)
  useEffect(() => {
    ref.current = onAction
  })
  useEffect(() => {
    if (!enabled) return
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return
      const hit = CALL_KEYS.find(([code]) => code === e.code)
      if (!hit) return
      e.preventDefault()
      ref.current(hit[2])
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}

/** The keys, always on screen: the fastest way to learn them is to see them while working. */
export function CallKeyList() {
  const { t } = useTranslation()
  const all: [string, string][] = [
    ...CALL_KEYS.map(([, key, action]) => [key, t(`hotline.keys.${action}`)] as [string, string]),
    ['Tab / Shift+Tab', t('hotline.keys.tab')],
    ['1–9', t('hotline.keys.digits')],
    ['Ctrl+Enter', t('hotline.keys.save')],
  ]
  return (
    <section className="card p-3" data-testid="call-shortcuts" aria-labelledby="call-keys-title">
      <h3 id="call-keys-title" className="text-sm font-bold text-slate-800">{t('hotline.keys.title')}</h3>
      <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-xs sm:grid-cols-2">
        {all.map(([key, label]) => (
          <div key={key} className="flex items-center gap-2">
            <dt className="shrink-0"><kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono">{key}</kbd></dt>
            <dd className="text-slate-700">{label}</dd>
          </div>
        ))}
      </dl>
    </section>
  )
}
