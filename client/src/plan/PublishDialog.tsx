import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PlanGridDto, PlanPublishResult } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { planApi } from './api.ts'
import { useConflictText } from './ConflictList.tsx'

/**
 * Publishing: the blocking conflicts (no date, no longer approved) must be resolved first; the
 * warnings are listed and the admin confirms publishing over them. A note is required after the
 * first publication. The dialog sends the grid state it shows, so a grid changed meanwhile is refused.
 */
export function PublishDialog({ grid, onDone, onCancel }: { grid: PlanGridDto; onDone: (r: PlanPublishResult) => void; onCancel: () => void }) {
  const { t } = useTranslation('plan')
  const { t: tc } = useTranslation()
  const text = useConflictText(grid)
  const [note, setNote] = useState('')
  const [confirm, setConfirm] = useState(false)
  const action = useAction<PlanPublishResult>(onDone)
  const first = useRef<HTMLTextAreaElement>(null)
  useEffect(() => {
    first.current?.focus()
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onCancel()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onCancel])
  const blocking = grid.conflicts.filter((c) => c.blocking)
  const warnings = grid.conflicts.filter((c) => !c.blocking)
  const noteRequired = grid.revision > 0
  const can = blocking.length === 0 && (warnings.length === 0 || confirm) && (!noteRequired || note.trim().length > 0) && !action.busy

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40 p-4">
      <div role="dialog" aria-modal="true" aria-labelledby="publish-title" className="card max-h-[90vh] w-full max-w-lg overflow-y-auto p-5" data-testid="plan-publish-dialog">
        <h2 id="publish-title" className="text-lg font-bold text-slate-900">{t('admin.publishTitle', { year: grid.year, number: grid.revision + 1 })}</h2>
        {!grid.changed && <p className="mt-2 text-sm text-slate-600" data-testid="plan-publish-unchanged">{t('admin.unchanged')}</p>}
        {blocking.length > 0 && (
          <div className="mt-3" data-testid="plan-publish-blocking">
            <h3 className="text-sm font-medium text-red-800">{t('admin.blockingSummary', { count: blocking.length })}</h3>
            <ul className="list-disc pl-5 text-sm text-red-800">{blocking.map((c, i) => <li key={i}>{text(c)}</li>)}</ul>
          </div>
        )}
        {warnings.length > 0 && (
          <div className="mt-3" data-testid="plan-publish-warnings">
            <h3 className="text-sm font-medium text-amber-800">{t('admin.warningSummary', { count: warnings.length })}</h3>
            <ul className="list-disc pl-5 text-sm text-amber-800">{warnings.map((c, i) => <li key={i}>{text(c)}</li>)}</ul>
            <label className="mt-2 flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} data-testid="plan-publish-confirm" />
              {t('admin.confirmWarnings')}
            </label>
          </div>
        )}
        <div className="mt-3">
          <label className="label" htmlFor="plan-publish-note">{noteRequired ? t('admin.noteRequired') : t('admin.noteOptional')}</label>
          <textarea id="plan-publish-note" ref={first} className="input" rows={3} maxLength={2000} value={note} required={noteRequired}
            onChange={(e) => setNote(e.target.value)} data-testid="plan-publish-note" />
        </div>
        {action.error && <ErrorMessage error={action.error} testId="plan-publish-error" />}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={onCancel} data-testid="plan-publish-cancel">{tc('common.cancel')}</button>
          <button type="button" className="btn-primary" disabled={!can} data-testid="plan-publish-ok"
            onClick={() => void action.run(() => planApi.publish(grid.year, { state: grid.state, note: note.trim(), confirmWarnings: confirm }))}>
            {t('admin.publish')}
          </button>
        </div>
      </div>
    </div>
  )
}
