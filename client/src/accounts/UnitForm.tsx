import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { UNIT_KINDS, type AdminUnitDto, type UnitKind, type UnitUpdateBody } from '@openday/protocol'
import { unitName } from '../components/EventInfo.tsx'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { accountsApi } from './api.ts'
import { parentChoices } from './tree.ts'

interface Fields { code: string; name: string; nameEn: string; kind: UnitKind; parentId: string }

const fieldsOf = (u?: AdminUnitDto): Fields =>
  ({ code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? '', kind: u?.kind ?? 'city_dept', parentId: u?.parentId ?? '' })

/** Creates a unit (no `unit`) or edits one; sends only what changed. */
export function UnitForm({ unit, units, onSaved, onCancel }: { unit?: AdminUnitDto; units: AdminUnitDto[]; onSaved: (u: AdminUnitDto) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation('accounts')
  const { t: tc } = useTranslation()
  const id = useId()
  const [f, setF] = useState<Fields>(() => fieldsOf(unit))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const first = useRef<HTMLInputElement>(null)
  useEffect(() => { first.current?.focus() }, [])
  const choices = parentChoices(units, unit?.id ?? null, unit?.parentId ?? null)
  const set = (patch: Partial<Fields>) => setF((prev) => ({ ...prev, ...patch }))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const nameEn = f.nameEn.trim() || null
      const parentId = f.parentId || null
      let saved: AdminUnitDto
      if (!unit) {
        saved = await accountsApi.createUnit({ code: f.code.trim(), name: f.name.trim(), nameEn, kind: f.kind, parentId })
      } else {
        const body: UnitUpdateBody = {}
        if (f.name.trim() !== unit.name) body.name = f.name.trim()
        if (nameEn !== unit.nameEn) body.nameEn = nameEn
        if (f.kind !== unit.kind) body.kind = f.kind
        if (parentId !== unit.parentId) body.parentId = parentId
        saved = Object.keys(body).length ? await accountsApi.updateUnit(unit.id, body) : unit
      }
      onSaved(saved)
    } catch (err) {
      setError(toApiError(err))
      setBusy(false)
    }
  }

  const errorText = error?.code === 'CONFLICT' && error.message.startsWith('code') ? t('units.codeTaken')
    : error && /^parentId/.test(error.message) ? t('units.badParent') : undefined
  const title = unit ? t('units.formEdit', { name: unit.name }) : t('units.formNew')

  return (
    <form onSubmit={submit} className="card space-y-3 p-4" aria-labelledby={`${id}-title`} data-testid="unit-form" noValidate>
      <h2 id={`${id}-title`} className="section-title">{title}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label className="label" htmlFor={`${id}-code`}>{t('units.code')}</label>
          <input id={`${id}-code`} ref={unit ? undefined : first} className="input font-mono" required maxLength={32} autoCapitalize="none" spellCheck={false}
            value={f.code} disabled={!!unit} aria-describedby={`${id}-code-hint`}
            onChange={(e) => set({ code: e.target.value.toLowerCase() })} data-testid="unit-code" />
          <p id={`${id}-code-hint`} className="mt-1 text-xs text-slate-500">{t('units.codeHint')}</p>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-kind`}>{t('units.kind')}</label>
          <select id={`${id}-kind`} className="input" value={f.kind} onChange={(e) => set({ kind: e.target.value as UnitKind })} data-testid="unit-kind">
            {UNIT_KINDS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </select>
        </div>
        <div>
          <label className="label" htmlFor={`${id}-name`}>{t('units.name')}</label>
          <input id={`${id}-name`} ref={unit ? first : undefined} className="input" required maxLength={60} value={f.name}
            onChange={(e) => set({ name: e.target.value })} data-testid="unit-name" />
        </div>
        <div>
          <label className="label" htmlFor={`${id}-name-en`}>{t('units.nameEn')}</label>
          <input id={`${id}-name-en`} className="input" maxLength={120} lang="en" value={f.nameEn}
            onChange={(e) => set({ nameEn: e.target.value })} data-testid="unit-name-en" />
        </div>
        <div className="sm:col-span-2">
          <label className="label" htmlFor={`${id}-parent`}>{t('units.parent')}</label>
          <select id={`${id}-parent`} className="input" value={f.parentId} aria-describedby={`${id}-parent-hint`}
            onChange={(e) => set({ parentId: e.target.value })} data-testid="unit-parent">
            <option value="">{t('units.noParent')}</option>
            {choices.map((u) => <option key={u.id} value={u.id}>{unitName(u, i18n.language)} ({u.code})</option>)}
          </select>
          <p id={`${id}-parent-hint`} className="mt-1 text-xs text-slate-500">{t('units.parentHint')}</p>
        </div>
      </div>
      {error && <ErrorMessage error={error} testId="unit-form-error" text={errorText} />}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={busy || !f.name.trim() || (!unit && !f.code.trim())} data-testid="unit-submit">
          {busy ? t('units.saving') : unit ? t('units.save') : t('units.create')}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel} data-testid="unit-cancel">{tc('common.cancel')}</button>
      </div>
    </form>
  )
}
