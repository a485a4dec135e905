import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OneTimePasswordDto } from '@openday/protocol'

/**
 * The one-time password, shown once: the server never sends it again, and once closed it is gone
 * from the page too. Focus moves here so a screen reader announces it and the warning.
 */
export function OneTimePasswordNotice({ result, onDone }: { result: OneTimePasswordDto; onDone: () => void }) {
  const { t } = useTranslation('accounts')
  const ref = useRef<HTMLElement>(null)
  const passwordRef = useRef<HTMLElement>(null)
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => { ref.current?.focus() }, [result])

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(result.oneTimePassword)
      setCopy('copied')
    } catch {
      // No clipboard (plain http on another host, a denied permission): select it for a manual copy.
      const range = document.createRange()
      if (passwordRef.current) range.selectNodeContents(passwordRef.current)
      window.getSelection()?.removeAllRanges()
      window.getSelection()?.addRange(range)
      setCopy('failed')
    }
  }

  const { account } = result
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="otp-title" data-testid="otp-notice" data-username={account.username}
      className="rounded border-2 border-gold bg-amber-50 p-4 focus:outline-none focus-visible:ring-2 focus-visible:ring-accent">
      <h2 id="otp-title" className="text-base font-bold text-slate-900">{t('otp.title', { name: account.displayName })}</h2>
      <p className="mt-1 text-sm text-slate-700">{t('otp.intro', { username: account.username })}</p>
      <p className="mt-3 text-xs text-slate-600" id="otp-label">{t('otp.label')}</p>
      <code ref={passwordRef} aria-labelledby="otp-label" data-testid="otp-value"
        className="mt-1 block break-all rounded border border-slate-300 bg-white px-3 py-2 font-mono text-xl tracking-wider text-slate-900 select-all sm:text-2xl">
        {result.oneTimePassword}
      </code>
      <p role="alert" className="mt-3 text-sm font-medium text-accent" data-testid="otp-warning">{t('otp.warning')}</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary" onClick={() => void onCopy()} data-testid="otp-copy">{t('otp.copy')}</button>
        <button type="button" className="btn-primary" onClick={onDone} data-testid="otp-done">{t('otp.done')}</button>
        <span aria-live="polite" className="text-xs text-slate-600" data-testid="otp-copy-status">
          {copy === 'copied' ? t('otp.copied') : copy === 'failed' ? t('otp.copyFailed') : ''}
        </span>
      </div>
    </section>
  )
}
