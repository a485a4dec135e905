import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { CallStaffDto, UnitDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { unitName } from '../components/EventInfo.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { hotlineApi } from './api.ts'
import { cleanPhone, formatPhone } from './phone.ts'
import type { Taxonomy } from './useTaxonomy.ts'

/** How long a revealed number stays on screen. */
export const REVEAL_MS = 20_000

export function RepeatBadge({ count }: { count: number }) {
  const { t } = useTranslation()
  if (count <= 0) return null
  return (
    <span className="inline-flex shrink-0 rounded border border-amber-400 bg-amber-50 px-1.5 py-0.5 text-xs font-bold text-amber-900" data-testid="call-repeat" data-count={count}>
      {t('hotline.list.repeat', { n: count + 1 })}
    </span>
  )
}

export function DispositionBadge({ disposition }: { disposition: CallStaffDto['disposition'] }) {
  const { t } = useTranslation()
  const cls = disposition === 'answered' ? 'border-green-300 bg-green-50 text-green-800' : 'border-blue-300 bg-blue-50 text-blue-800'
  return <span className={`inline-flex shrink-0 rounded border px-1.5 py-0.5 text-xs ${cls}`} data-testid="call-disposition-badge" data-disposition={disposition}>{t(`hotline.dispositionDone.${disposition}`)}</span>
}

/** A masked number with the audited "reveal" for the roles that may see it. */
function Phone({ call, canReveal }: { call: CallStaffDto; canReveal: boolean }) {
  const { t } = useTranslation()
  const [shown, setShown] = useState<{ phone: string; callerName: string | null } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  useEffect(() => {
    if (!shown) return
    const id = window.setTimeout(() => setShown(null), REVEAL_MS)
    return () => window.clearTimeout(id)
  }, [shown])

  const reveal = async () => {
    setBusy(true)
    setError(null)
    try {
      setShown(await hotlineApi.reveal(call.id))
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {shown ? (
        <span className="rounded bg-amber-100 px-1.5 font-mono text-slate-900" data-testid="call-phone-revealed">
          {formatPhone(cleanPhone(shown.phone))}{shown.callerName ? ` · ${shown.callerName}` : ''}
        </span>
      ) : (
        <span className="font-mono text-slate-700" data-testid="call-phone-masked">{call.phoneMasked}</span>
      )}
      {canReveal && !shown && (
        <button type="button" className="text-xs text-accent underline disabled:opacity-50" onClick={() => void reveal()} disabled={busy}
          title={t('hotline.list.revealHint')} data-testid="call-reveal">
          {t('hotline.list.reveal')}
        </button>
      )}
      {shown && <span className="text-xs text-amber-800" data-testid="call-reveal-audited">{t('hotline.list.revealAudited', { s: REVEAL_MS / 1000 })}</span>}
      {error && <ErrorMessage error={error} testId="call-reveal-error" />}
    </span>
  )
}

interface Props {
  calls: CallStaffDto[]
  taxonomy: Taxonomy
  units: UnitDto[]
  canReveal: boolean
}

/** Every call of the session, newest first, from all operators (updates live). */
export function CallList({ calls, taxonomy, units, canReveal }: Props) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const unitById = new Map(units.map((u) => [u.id, u]))
  if (calls.length === 0) return <p className="py-6 text-center text-sm text-slate-500" data-testid="call-list-empty">{t('hotline.list.empty')}</p>
  return (
    <ol className="space-y-2" data-testid="call-list" data-count={calls.length}>
      {calls.map((c) => {
        const unit = c.unitId ? unitById.get(c.unitId) : undefined
        return (
          <li key={c.id} className={`rounded border p-3 text-sm ${c.repeatCount > 0 ? 'border-amber-300 bg-amber-50/40' : 'border-slate-200'}`}
            data-testid="call-item" data-call-id={c.id} data-client-id={c.clientId} data-disposition={c.disposition} data-repeat-count={c.repeatCount}>
            <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
              <time dateTime={c.createdAt} className="tabular-nums">{formatDate(c.createdAt, lang, 'time')}</time>
              <span className="font-medium text-slate-800" data-testid="call-item-domain">{taxonomy.domainLabel(c.domainId)}</span>
              <span>·</span>
              <span className="font-medium text-slate-800" data-testid="call-item-type">{taxonomy.typeLabel(c.appealTypeId)}</span>
              <DispositionBadge disposition={c.disposition} />
              <RepeatBadge count={c.repeatCount} />
              <span className="flex-1" />
              <span data-testid="call-operator">{c.operatorName}</span>
            </div>
            <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
              <Phone call={c} canReveal={canReveal} />
              {c.callerName && <span className="text-slate-600" data-testid="call-caller">{c.callerName}</span>}
              {c.location && <span className="text-slate-600" data-testid="call-location-text">{c.location}</span>}
            </div>
            <p className="user-text mt-1 text-slate-900" data-testid="call-content-text">{c.content}</p>
            {c.disposition === 'answered' && c.reply && (
              <p className="user-text mt-1 border-l-2 border-green-300 pl-2 text-slate-700" data-testid="call-reply-text">
                <span className="text-xs text-slate-500">{t('hotline.list.replyBy', { name: c.leader })}</span> {c.reply}
              </p>
            )}
            {c.disposition === 'handed_off' && (
              <p className="mt-1 text-xs text-blue-900" data-testid="call-handoff" data-due-at={c.dueAt ?? ''} data-work-order-id={c.workOrderId ?? ''}>
                {t('hotline.list.handedOffTo', { unit: unit ? unitName(unit, lang) : '—', due: formatDate(c.dueAt, lang, 'date') })}
              </p>
            )}
          </li>
        )
      })}
    </ol>
  )
}
