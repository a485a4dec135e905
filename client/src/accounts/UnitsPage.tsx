import { useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { AdminUnitDto } from '@openday/protocol'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { unitName } from '../components/EventInfo.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { accountsApi } from './api.ts'
import { asTree } from './tree.ts'
import { UnitForm } from './UnitForm.tsx'

function UnitRow({ unit, depth, parent, onEdit, onToggle }: { unit: AdminUnitDto; depth: number; parent: AdminUnitDto | undefined; onEdit: () => void; onToggle: () => void }) {
  const { t, i18n } = useTranslation('accounts')
  const { t: tc } = useTranslation()
  const name = unitName(unit, i18n.language)
  return (
    <li className={`flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:gap-3 ${unit.active ? '' : 'bg-slate-50 text-slate-500'}`} data-testid="unit-row"
      data-unit-id={unit.id} data-code={unit.code} data-active={String(unit.active)}>
      <div className="min-w-0 flex-1" style={{ paddingInlineStart: `${Math.min(depth, 6) * 1.25}rem` }}>
        <p className="font-medium text-slate-900">
          <span data-testid="unit-name">{name}</span>
          <span className="ml-2 font-mono text-xs text-slate-500">{unit.code}</span>
        </p>
        <p className="mt-0.5 flex flex-wrap gap-x-2 text-xs text-slate-600">
          <span className="rounded bg-slate-100 px-1.5 py-0.5" data-testid="unit-kind">{t(`kind.${unit.kind}`)}</span>
          {parent && <span data-testid="unit-parent">{t('units.parentLabel', { name: unitName(parent, i18n.language) })}</span>}
          <span className={unit.active ? 'text-green-700' : 'text-accent'} data-testid="unit-status">{unit.active ? t('units.active') : t('units.inactive')}</span>
        </p>
        <p className="mt-1 text-xs text-slate-600">
          <span className="font-medium">{t('units.editorsLabel')}</span>
          {unit.editors.length === 0 ? <span data-testid="unit-no-editors">{t('units.noEditors')}</span> : (
            <span data-testid="unit-editors">
              {unit.editors.map((e, i) => (
                <span key={e.id} data-testid="unit-editor" data-username={e.username} className={e.active ? '' : 'line-through'}>
                  {e.displayName} ({e.username}){!e.active && ` · ${t('units.editorDisabled')}`}{i < unit.editors.length - 1 ? tc('common.listSeparator') : ''}
                </span>
              ))}
            </span>
          )}
        </p>
        <p className="mt-0.5 text-xs text-slate-500" data-testid="unit-counts">{t('units.counts', unit.counts)}</p>
      </div>
      <div className="flex gap-2">
        <button type="button" className="btn-secondary py-1" onClick={onEdit} aria-label={t('units.editLabel', { name })} data-testid="unit-edit">{t('units.edit')}</button>
        <button type="button" className={unit.active ? 'btn-danger py-1' : 'btn-secondary py-1'} onClick={onToggle}
          aria-label={unit.active ? t('units.deactivateLabel', { name }) : t('units.reactivateLabel', { name })} data-testid="unit-toggle">
          {unit.active ? t('units.deactivate') : t('units.reactivate')}
        </button>
      </div>
    </li>
  )
}

/** /admin/units — the host units: kinds, parents, liaison editors, (de)activation. */
export function UnitsPage() {
  const { t, i18n } = useTranslation('accounts')
  const { t: tc } = useTranslation()
  const list = useAsync(() => accountsApi.units(), 'admin-units')
  const [editing, setEditing] = useState<AdminUnitDto | 'new' | null>(null)
  const [toggling, setToggling] = useState<AdminUnitDto | null>(null)
  const [showInactive, setShowInactive] = useState(true)
  const upsert = (u: AdminUnitDto) => list.setData((prev) => (prev?.some((x) => x.id === u.id) ? prev.map((x) => (x.id === u.id ? u : x)) : [...(prev ?? []), u]))
  const toggle = useAction<AdminUnitDto>(upsert)

  const units = list.data ?? []
  const byId = new Map(units.map((u) => [u.id, u]))
  const rows = asTree(units).filter(({ unit }) => showInactive || unit.active)
  const form = editing && (
    <UnitForm key={editing === 'new' ? 'new' : editing.id} unit={editing === 'new' ? undefined : editing} units={units}
      onSaved={(u) => { upsert(u); setEditing(null) }} onCancel={() => setEditing(null)} />
  )

  return (
    <div className="space-y-4" data-testid="units-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('units.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('units.intro')}</p>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          <button type="button" className="btn-primary" onClick={() => setEditing('new')} disabled={editing === 'new'} data-testid="unit-new">{t('units.new')}</button>
          <Link to="/admin/accounts" className="btn-secondary" data-testid="units-to-accounts">{tc('console.accounts')}</Link>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={showInactive} onChange={(e) => setShowInactive(e.target.checked)} data-testid="units-show-inactive" />
            {t('units.showInactive')}
          </label>
        </div>
      </section>
      {editing === 'new' && form}
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {toggle.error && <ErrorMessage error={toggle.error} testId="unit-toggle-error" />}
      {list.data && rows.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="unit-list-empty">{t('units.empty')}</p>}
      {rows.length > 0 && (
        <ul className="card divide-y divide-slate-100" data-testid="unit-list" data-count={rows.length}>
          {rows.map(({ unit, depth }) => (editing !== 'new' && editing?.id === unit.id
            ? <li key={unit.id} className="p-2">{form}</li>
            : <UnitRow key={unit.id} unit={unit} depth={depth} parent={unit.parentId ? byId.get(unit.parentId) : undefined}
              onEdit={() => setEditing(unit)} onToggle={() => setToggling(unit)} />))}
        </ul>
      )}
      {toggling && (
        <ConfirmDialog
          title={toggling.active ? t('units.deactivateTitle', { name: unitName(toggling, i18n.language) }) : t('units.reactivateTitle', { name: unitName(toggling, i18n.language) })}
          body={toggling.active ? t('units.deactivateBody') : t('units.reactivateBody')}
          confirmLabel={toggling.active ? t('units.deactivate') : t('units.reactivate')}
          busy={toggle.busy}
          onConfirm={() => { const u = toggling; setToggling(null); void toggle.run(() => accountsApi.updateUnit(u.id, { active: !u.active })) }}
          onCancel={() => setToggling(null)} />
      )}
    </div>
  )
}
