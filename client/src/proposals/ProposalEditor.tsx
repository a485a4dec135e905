import { useCallback, useEffect, useReducer, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isLate, type ProposalDto, type UnitOptionDto, type YearNoticeDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { TIME_ZONE } from '../lib/format.ts'
import { proposalsApi } from './api.ts'
import { draftReducer, incompleteField, initDraft, type DraftState } from './draft.ts'
import { ProposalFields } from './ProposalFields.tsx'
import { ProposalView } from './ProposalView.tsx'

const AUTOSAVE_MS = 800


/** The lead unit's editor: saves as you type (debounced), names the revision it edited, shows a conflict side by side. */
export function ProposalEditor({ proposal, year, units, onChanged }: { proposal: ProposalDto; year: YearNoticeDto | undefined; units: UnitOptionDto[]; onChanged: (p: ProposalDto) => void }) {
  const { t } = useTranslation('proposals')
  const [s, dispatch] = useReducer(draftReducer, proposal, initDraft)
  const [error, setError] = useState<ApiError | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const latest = useRef<DraftState>(s)
  latest.current = s
  const inFlight = useRef<Promise<ProposalDto | null> | null>(null)

  /** Saves what is typed now; resolves with the confirmed proposal, or null when it could not be saved. */
  const save = useCallback(async (): Promise<ProposalDto | null> => {
    if (inFlight.current) await inFlight.current
    const cur = latest.current
    if (cur.state !== 'dirty' && cur.state !== 'error') return cur.server
    const sent = cur.local
    dispatch({ type: 'saving' })
    const run = (async () => {
      try {
        const saved = await proposalsApi.save(cur.server.id, { revision: cur.server.revision, ...sent })
        dispatch({ type: 'saved', proposal: saved, sent })
        setError(null)
        onChanged(saved)
        return saved
      } catch (err) {
        const e = toApiError(err)
        if (e.code === 'CONFLICT') {
          const current = await proposalsApi.get(cur.server.id).catch(() => null)
          if (current) { dispatch({ type: 'conflict', current }); onChanged(current); return null }
        }
        setError(e)
        dispatch({ type: 'failed' })
        return null
      } finally {
        inFlight.current = null
      }
    })()
    inFlight.current = run
    return run
  }, [onChanged])

  useEffect(() => {
    if (s.state !== 'dirty') return
    const timer = setTimeout(() => { void save() }, AUTOSAVE_MS)
    return () => clearTimeout(timer)
  }, [s.state, s.local, save])

  const submit = async () => {
    setSubmitting(true)
    setError(null)
    const saved = await save()
    if (saved) {
      try {
        const done = await proposalsApi.submit(saved.id, saved.revision)
        dispatch({ type: 'replaced', proposal: done })
        onChanged(done)
      } catch (err) {
        setError(toApiError(err))
      }
    }
    setSubmitting(false)
  }

  const editable = s.server.canEdit
  const incomplete = error ? incompleteField(error) : null
  const months = year?.months ?? []
  const lateNow = year ? isLate(new Date(), new Date(year.deadline), TIME_ZONE) : false
  return (
    <div className="space-y-4" data-testid="proposal-editor" data-proposal-id={s.server.id} data-save-state={s.state} data-revision={s.server.revision}>
      {s.server.status === 'returned' && s.server.returnReason && (
        <div role="status" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="return-reason">
          <p className="font-medium">{t('editor.returned')}</p>
          <p className="user-text mt-1">{s.server.returnReason}</p>
        </div>
      )}
      {s.state === 'conflict' && s.mine && (
        <div role="alert" className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm" data-testid="save-conflict">
          <p className="font-medium text-red-900">{t('editor.conflict')}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            <div><p className="text-xs font-medium">{t('editor.theirs')}</p><p className="user-text" data-testid="conflict-theirs">{s.server.theme}{'\n'}{s.server.steps}</p></div>
            <div><p className="text-xs font-medium">{t('editor.mine')}</p><p className="user-text" data-testid="conflict-mine">{s.mine.theme}{'\n'}{s.mine.steps}</p></div>
          </div>
          <div className="flex gap-2">
            <button type="button" className="btn-primary" disabled={!s.server.canEdit} onClick={() => dispatch({ type: 'reapply' })} data-testid="conflict-reapply">{t('editor.reapply')}</button>
            <button type="button" className="btn-secondary" onClick={() => dispatch({ type: 'discard' })} data-testid="conflict-discard">{t('editor.discard')}</button>
          </div>
        </div>
      )}
      {editable ? (
        <>
          <ProposalFields value={s.local} months={months} units={units} leadUnitId={s.server.unit.id} onChange={(patch) => dispatch({ type: 'edit', patch })} />
          <p className="text-sm text-slate-600" role="status" aria-live="polite" data-testid="save-state">{t(`save.${s.state}`)}</p>
          {error && <ErrorMessage error={error} testId="proposal-error" onRetry={() => { void save() }} text={incomplete ? t(`editor.incomplete.${incomplete.key}`, { n: incomplete.n }) : undefined} />}
          {lateNow && <p className="text-sm text-red-700" data-testid="deadline-passed">{t('editor.deadlinePassed')}</p>}
          <button type="button" className="btn-primary" onClick={() => { void submit() }} disabled={submitting || s.state === 'conflict'} data-testid="proposal-submit">
            {submitting ? t('editor.submitting') : t('editor.submit')}
          </button>
        </>
      ) : (
        <>
          {error && <ErrorMessage error={error} testId="proposal-error" />}
          <ProposalView p={s.server} />
        </>
      )}
    </div>
  )
}
