import { useId, useState } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { JournalDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { useAsync } from '../lib/useAsync.ts'
import { publicityApi } from './api.ts'

function JournalRow({ j, onSaved }: { j: JournalDto; onSaved: (x: JournalDto) => void }) {
  const { t } = useTranslation('publicity')
  const id = useId()
  const [name, setName] = useState(j.name)
  const [bonus, setBonus] = useState(j.bonus)
  const [active, setActive] = useState(j.active)
  const act = useAction<JournalDto>(onSaved)
  const dirty = name !== j.name || bonus !== j.bonus || active !== j.active
  return (
    <li className="flex flex-wrap items-end gap-3 px-4 py-3" data-testid="journal-row" data-journal-id={j.id} data-active={String(j.active)} data-bonus={String(j.bonus)}>
      <div className="min-w-48 flex-1">
        <label className="label" htmlFor={`${id}-n`}>{t('journals.name')}</label>
        <input id={`${id}-n`} className="input" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="journal-name" />
      </div>
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={bonus} onChange={(e) => setBonus(e.target.checked)} data-testid="journal-bonus" />{t('journals.bonus')}</label>
      <label className="flex items-center gap-2 text-sm"><input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} data-testid="journal-active" />{t('journals.active')}</label>
      <button type="button" className="btn-secondary" disabled={!dirty || act.busy || !name.trim()} data-testid="journal-save"
        onClick={() => void act.run(() => publicityApi.updateJournal(j.id, { name: name.trim(), bonus, active }))}>{t('save')}</button>
      {act.error && <div className="w-full"><ErrorMessage error={act.error} testId="journal-error" /></div>}
    </li>
  )
}

/** /admin/journals — the journals whose publication earns the assessment's bonus points (data the office keeps). */
export function JournalsPage() {
  const { t } = useTranslation('publicity')
  const { t: tc } = useTranslation()
  const list = useAsync(() => publicityApi.adminJournals(), 'admin-journals')
  const [name, setName] = useState('')
  const add = useAction<JournalDto>((j) => { list.setData((prev) => [...(prev ?? []), j]); setName('') })
  const saved = (j: JournalDto) => list.setData((prev) => prev?.map((x) => (x.id === j.id ? j : x)))
  return (
    <div className="space-y-4" data-testid="journals-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <p className="text-xs text-slate-500"><Link to="/console" className="underline">{tc('nav.console')}</Link> / {t('journals.title')}</p>
        <h1 className="mt-1 text-xl font-bold text-slate-900">{t('journals.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('journals.intro')}</p>
        <form className="mt-3 flex flex-wrap items-end gap-2" onSubmit={(e) => { e.preventDefault(); void add.run(() => publicityApi.createJournal({ name: name.trim(), bonus: true, active: true })) }}>
          <div>
            <label className="label" htmlFor="journal-new">{t('journals.new')}</label>
            <input id="journal-new" className="input" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} data-testid="journal-new-name" />
          </div>
          <button type="submit" className="btn-primary" disabled={add.busy || !name.trim()} data-testid="journal-add">{t('journals.add')}</button>
        </form>
        {add.error && <ErrorMessage error={add.error} testId="journal-add-error" />}
      </section>
      {list.loading && !list.data && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && (
        <ul className="card divide-y divide-slate-100" data-testid="journal-list">
          {list.data.map((j) => <JournalRow key={`${j.id}:${j.name}:${j.bonus}:${j.active}`} j={j} onSaved={saved} />)}
        </ul>
      )}
    </div>
  )
}
