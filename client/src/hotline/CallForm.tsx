import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { GuestDto, UnitOptionDto } from '@openday/protocol'
import { unitName } from '../components/EventInfo.tsx'
import { formatDate } from '../lib/format.ts'
import { newClientId } from '../lib/ids.ts'
import { CallKeyList, useCallKeys, type CallKeyAction } from './callKeys.tsx'
import { dayToIso, dueDay, type WorkCalendar } from './deadline.ts'
import { isDraftEmpty, loadDraft, nextDraft, saveDraft, tabStore, validateDraft, type CallDraft, type DraftField, type DraftProblems, type LogCallInput } from './draft.ts'
import { KeyPicker } from './KeyPicker.tsx'
import { checkPhone, formatPhone, isIncomplete } from './phone.ts'
import type { PickItem } from './picker.ts'
import type { Taxonomy } from './useTaxonomy.ts'

interface Props {
  sessionId: string
  defaultLeader: string
  guests: GuestDto[]
  taxonomy: Taxonomy
  units: UnitOptionDto[]
  calendar: WorkCalendar
  closed: boolean
  onQueue: (payload: LogCallInput) => void
}

function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!running) return
    const id = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(id)
  }, [running])
  return now
}

const mmss = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000))
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
}

function FieldError({ field, problem, extra }: { field: DraftField; problem: string | undefined; extra?: Record<string, number> }) {
  const { t } = useTranslation()
  if (!problem) return null
  return (
    <p id={`call-${field}-error`} className="mt-1 text-xs text-red-700" role="alert" data-testid="call-field-error" data-field={field} data-problem={problem}>
      {t(`hotline.problems.${problem}` as 'hotline.problems.required', extra)}
    </p>
  )
}

/** The call form: keyboard first, every keystroke kept in sessionStorage until the call is queued. */
export function CallForm({ sessionId, defaultLeader, guests, taxonomy, units, calendar, closed, onQueue }: Props) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const store = useMemo(tabStore, [])
  const [draft, setDraft] = useState<CallDraft>(() => loadDraft(store, sessionId, defaultLeader))
  const [problems, setProblems] = useState<DraftProblems>({})
  const [phoneTouched, setPhoneTouched] = useState(false)
  const [phoneFocused, setPhoneFocused] = useState(false)
  const refs = useRef<Partial<Record<DraftField, HTMLElement | null>>>({})
  const radios = useRef<Partial<Record<CallDraft['disposition'], HTMLInputElement | null>>>({})
  const now = useNow(draft.startedAt !== null)


  const focus = (f: DraftField) => {
    const el = refs.current[f]
    el?.focus()
  }
  const setRef = (f: DraftField) => (el: HTMLElement | null) => { refs.current[f] = el }

  // The latest draft, set synchronously: Ctrl+Enter in a picker first takes the typed-ahead
  // option, then saves in the same keystroke, before React has rendered the choice.
  const draftRef = useRef(draft)
  // Every change is written at once (not in an effect): a reload, a crash or a dropped connection
  // loses nothing, and a call moved to the outbox is never also left in the stored draft.
  const commit = (next: CallDraft) => {
    draftRef.current = next
    saveDraft(store, sessionId, next)
    setDraft(next)
  }

  const update = (patch: Partial<CallDraft>) => {
    const d = draftRef.current
    commit({ ...d, ...patch, startedAt: d.startedAt ?? new Date().toISOString() })
    const fields = Object.keys(patch) as DraftField[]
    if (fields.some((f) => problems[f])) setProblems((p) => { const n = { ...p }; for (const f of fields) delete n[f]; return n })
  }

  const startCall = () => {
    // A call in progress is never thrown away by the start key: it only brings the focus back.
    const d = draftRef.current
    if (isDraftEmpty(d) || d.startedAt === null) commit({ ...d, startedAt: new Date().toISOString() })
    focus('callerName')
  }

  const setDisposition = (disposition: CallDraft['disposition'], then?: DraftField) => {
    update({ disposition })
    if (then) window.setTimeout(() => focus(then), 0) // the field appears with the new disposition
  }

  useCallKeys(!closed, (a: CallKeyAction) => {
    switch (a) {
      case 'start': return startCall()
      case 'domain': return focus('domainId')
      case 'type': return focus('appealTypeId')
      case 'answered': return setDisposition('answered', 'reply')
      case 'handedOff': return setDisposition('handed_off', 'unitId')
      case 'reply': return draftRef.current.disposition === 'answered' ? focus('reply') : setDisposition('answered', 'reply')
      case 'unit': return draftRef.current.disposition === 'handed_off' ? focus('unitId') : setDisposition('handed_off', 'unitId')
      default: return focus(a)
    }
  })

  const submit = (e?: FormEvent) => {
    e?.preventDefault()
    if (closed) return
    const current = draftRef.current
    const v = validateDraft(current, sessionId, newClientId(), new Date())
    if (!v.ok) {
      setProblems(v.problems)
      setPhoneTouched(true)
      focus(v.first)
      return
    }
    onQueue(v.payload)
    setProblems({})
    setPhoneTouched(false)
    commit(nextDraft(current))
    focus('callerName')
  }

  const onFormKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing) return
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault()
      submit()
    } else if (e.target instanceof HTMLInputElement) {
      e.preventDefault() // Enter in a one-line field does not save half a call
    }
  }

  const phone = checkPhone(draft.phone)
  const showPhoneError = !!phone.problem && (problems.phone !== undefined || (!isIncomplete(phone) && draft.phone.trim() !== '') || (phoneTouched && !phoneFocused))
  const domainItems: PickItem[] = taxonomy.domains.filter((d) => d.active || d.id === draft.domainId)
    .map((d) => ({ id: d.id, label: lang.startsWith('en') && d.nameEn ? d.nameEn : d.name, alt: [d.name, d.nameEn ?? '', d.code] }))
  const typeItems: PickItem[] = taxonomy.appealTypes.filter((d) => d.active || d.id === draft.appealTypeId)
    .map((d) => ({ id: d.id, label: lang.startsWith('en') && d.nameEn ? d.nameEn : d.name, alt: [d.name, d.nameEn ?? '', d.code] }))
  // A deactivated unit takes no new hand-offs (the server refuses it too).
  const unitItems: PickItem[] = units.filter((u) => u.active).map((u) => ({ id: u.id, label: unitName(u, lang), alt: [u.name, u.nameEn ?? '', u.code] }))
  const type = taxonomy.appealType(draft.appealTypeId)
  // The server counts from the start of the call, as here.
  const preview = type ? dueDay(new Date(draft.startedAt ?? now), type.deadlineDays, calendar) : null
  const elapsed = draft.startedAt ? now - Date.parse(draft.startedAt) : 0

  if (closed) return <p className="rounded bg-slate-100 p-3 text-sm text-slate-600" data-testid="call-form-closed">{t('hotline.form.closed')}</p>

  const describe = (f: DraftField) => (problems[f] ? `call-${f}-error` : undefined)

  return (
    <form onSubmit={submit} onKeyDown={onFormKeyDown} className="space-y-3" data-testid="call-form" noValidate aria-labelledby="call-form-title">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="call-form-title" className="section-title">{t('hotline.form.title')}</h2>
        <span className="flex-1" />
        <span className={`rounded px-2 py-1 font-mono text-lg tabular-nums ${draft.startedAt ? 'bg-accent text-white' : 'bg-slate-100 text-slate-500'}`}
          data-testid="call-timer" data-running={draft.startedAt ? 'true' : 'false'} data-started-at={draft.startedAt ?? ''} aria-label={t('hotline.form.timer')}>
          {mmss(elapsed)}
        </span>
        <button type="button" className="btn-secondary py-1" onClick={startCall} data-testid="call-start">
          {t('hotline.form.start')} <kbd className="font-mono text-xs text-slate-500">Alt+N</kbd>
        </button>
      </div>

      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label className="label" htmlFor="call-caller">{t('hotline.form.callerName')} <span className="font-normal text-slate-400">{t('hotline.form.optional')}</span></label>
          <input id="call-caller" ref={setRef('callerName')} className="input" maxLength={40} autoComplete="off" value={draft.callerName}
            onChange={(e) => update({ callerName: e.target.value })} aria-invalid={!!problems.callerName} aria-describedby={describe('callerName')}
            data-testid="call-caller-name" />
          <FieldError field="callerName" problem={problems.callerName} extra={{ max: 40 }} />
        </div>
        <div>
          <label className="label" htmlFor="call-phone">{t('hotline.form.phone')}</label>
          <input id="call-phone" ref={setRef('phone')} className="input font-mono" inputMode="tel" maxLength={30} autoComplete="off" value={draft.phone}
            onChange={(e) => update({ phone: e.target.value })}
            onFocus={() => setPhoneFocused(true)} onBlur={() => { setPhoneFocused(false); if (draft.phone.trim()) setPhoneTouched(true) }}
            aria-invalid={showPhoneError} aria-describedby="call-phone-status" placeholder={t('hotline.form.phonePlaceholder')}
            data-testid="call-phone" data-valid={phone.valid ? 'true' : 'false'} />
          <div id="call-phone-status" aria-live="polite">
            {phone.valid ? (
              <p className="mt-1 text-xs text-green-700" data-testid="call-phone-ok" data-kind={phone.kind ?? ''}>
                {t(`hotline.phone.ok.${phone.kind ?? 'mobile'}`, { number: formatPhone(phone.digits) })}
              </p>
            ) : showPhoneError ? (
              <p className="mt-1 text-xs text-red-700" role="alert" data-testid="call-phone-invalid" data-problem={phone.problem ?? ''}>
                {t(`hotline.phone.problems.${phone.problem ?? 'empty'}`, { n: phone.missing || phone.extra })}
              </p>
            ) : draft.phone.trim() ? (
              <p className="mt-1 text-xs text-slate-500" data-testid="call-phone-hint" data-problem={phone.problem ?? ''}>
                {t(`hotline.phone.problems.${phone.problem ?? 'empty'}`, { n: phone.missing || phone.extra })}
              </p>
            ) : (
              <p className="mt-1 text-xs text-slate-500">{t('hotline.phone.help')}</p>
            )}
          </div>
        </div>
      </div>

      <div>
        <label className="label" htmlFor="call-domain">{t('hotline.form.domain')}</label>
        <KeyPicker id="call-domain" inputRef={setRef('domainId')} items={domainItems} value={draft.domainId} onChange={(id) => update({ domainId: id })}
          testId="call-domain" invalid={!!problems.domainId} describedBy={describe('domainId')} />
        <FieldError field="domainId" problem={problems.domainId} />
      </div>
      <div>
        <label className="label" htmlFor="call-type">{t('hotline.form.appealType')}</label>
        <KeyPicker id="call-type" inputRef={setRef('appealTypeId')} items={typeItems} value={draft.appealTypeId} onChange={(id) => update({ appealTypeId: id })}
          testId="call-type" invalid={!!problems.appealTypeId} describedBy={describe('appealTypeId')}
          hintOf={(i) => { const d = taxonomy.appealType(i.id)?.deadlineDays; return d ? t('hotline.form.daysShort', { n: d }) : undefined }} />
        <FieldError field="appealTypeId" problem={problems.appealTypeId} />
      </div>

      <div>
        <label className="label" htmlFor="call-location">{t('hotline.form.location')} <span className="font-normal text-slate-400">{t('hotline.form.optional')}</span></label>
        <input id="call-location" ref={setRef('location')} className="input" maxLength={100} autoComplete="off" value={draft.location}
          onChange={(e) => update({ location: e.target.value })} aria-invalid={!!problems.location} aria-describedby={describe('location')}
          placeholder={t('hotline.form.locationPlaceholder')} data-testid="call-location" />
        <FieldError field="location" problem={problems.location} extra={{ max: 100 }} />
      </div>
      <div>
        <label className="label" htmlFor="call-content">{t('hotline.form.content')}</label>
        <textarea id="call-content" ref={setRef('content')} className="input min-h-24" maxLength={2000} value={draft.content}
          onChange={(e) => update({ content: e.target.value })} aria-invalid={!!problems.content} aria-describedby={describe('content')}
          placeholder={t('hotline.form.contentPlaceholder')} data-testid="call-content" />
        <FieldError field="content" problem={problems.content} extra={{ min: 2, max: 2000 }} />
      </div>
      <div>
        <label className="label" htmlFor="call-leader">{t('hotline.form.leader')}</label>
        <input id="call-leader" ref={setRef('leader')} className="input" maxLength={40} list="call-leaders" autoComplete="off" value={draft.leader}
          onChange={(e) => update({ leader: e.target.value })} aria-invalid={!!problems.leader} aria-describedby={describe('leader')}
          data-testid="call-leader" />
        <datalist id="call-leaders">{guests.map((g) => <option key={g.id} value={g.name}>{g.title}</option>)}</datalist>
        <FieldError field="leader" problem={problems.leader} />
      </div>

      <fieldset>
        <legend className="label">{t('hotline.form.disposition')}</legend>
        <div className="flex flex-wrap gap-2" role="radiogroup" data-testid="call-disposition" data-value={draft.disposition}>
          {(['answered', 'handed_off'] as const).map((d, i) => (
            <label key={d} className={`flex cursor-pointer items-center gap-2 rounded border px-3 py-2 text-sm ${draft.disposition === d ? 'border-accent bg-accent-soft text-accent' : 'border-slate-300 bg-white'}`}>
              <input type="radio" name="call-disposition" value={d} checked={draft.disposition === d}
                ref={(el) => { radios.current[d] = el; if (draft.disposition === d) refs.current.disposition = el }}
                onChange={() => update({ disposition: d })}
                onKeyDown={(e) => {
                  if (e.key !== '1' && e.key !== '2') return
                  // Like the arrow keys: the choice and the focus move together, so Tab then leaves the group.
                  e.preventDefault()
                  const next = e.key === '1' ? 'answered' : 'handed_off'
                  update({ disposition: next })
                  radios.current[next]?.focus()
                }}
                data-testid={`call-disposition-${d}`} />
              <kbd className="font-mono text-xs">{i + 1}</kbd>
              {t(`hotline.disposition.${d}`)}
            </label>
          ))}
        </div>
      </fieldset>

      {draft.disposition === 'answered' ? (
        <div>
          <label className="label" htmlFor="call-reply">{t('hotline.form.reply')}</label>
          <textarea id="call-reply" ref={setRef('reply')} className="input min-h-20" maxLength={2000} value={draft.reply}
            onChange={(e) => update({ reply: e.target.value })} aria-invalid={!!problems.reply} aria-describedby={describe('reply')}
            placeholder={t('hotline.form.replyPlaceholder')} data-testid="call-reply" />
          <FieldError field="reply" problem={problems.reply} extra={{ max: 2000 }} />
        </div>
      ) : (
        <div>
          <label className="label" htmlFor="call-unit">{t('hotline.form.unit')}</label>
          <KeyPicker id="call-unit" inputRef={setRef('unitId')} items={unitItems} value={draft.unitId} onChange={(id) => update({ unitId: id })}
            testId="call-unit" invalid={!!problems.unitId} describedBy={describe('unitId')} />
          <FieldError field="unitId" problem={problems.unitId} />
          <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="call-deadline-preview"
            data-days={type?.deadlineDays ?? ''} data-due-day={preview ?? ''}>
            {type && preview
              ? t('hotline.form.deadlinePreview', { n: type.deadlineDays, date: formatDate(dayToIso(preview), lang, 'date') })
              : t('hotline.form.deadlineNeedsType')}
          </p>
        </div>
      )}

      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
        <button type="submit" className="btn-primary" data-testid="call-submit">
          {t('hotline.form.save')} <kbd className="font-mono text-xs text-white/80">Ctrl+Enter</kbd>
        </button>
        {Object.keys(problems).length > 0 && <span className="text-sm text-red-700" data-testid="call-form-invalid">{t('hotline.form.fixProblems')}</span>}
        <span className="flex-1" />
        <span className="text-xs text-slate-500">{t('hotline.form.draftKept')}</span>
      </div>
      <CallKeyList />
    </form>
  )
}
