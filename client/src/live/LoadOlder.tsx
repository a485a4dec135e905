import { useTranslation } from 'react-i18next'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'

/**
 * A join brings the newest few hundred questions and entries; a long day's earlier ones come a
 * page per press, so that a phone on a slow network does not load the whole day to show its end.
 */
export function LoadOlder({ label, load, testId }: { label: string; load: () => Promise<void>; testId: string }) {
  const { t } = useTranslation()
  const { busy, error, run } = useAction<void>(() => undefined)
  return (
    <div className="mt-2 text-center">
      <button type="button" className="btn-secondary py-1" disabled={busy} aria-busy={busy} onClick={() => { void run(load) }} data-testid={testId}>
        {busy ? t('common.loading') : label}
      </button>
      {error && <div className="mt-2"><ErrorMessage error={error} testId={`${testId}-error`} /></div>}
    </div>
  )
}
