import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { instantToWallTime, type QuestionDefInput, SURVEY_ACCESS, SURVEY_PLACEMENTS, SurveyDefinition, type SurveyDefinitionInput, type SurveySaveBody, type SurveyStaffDto } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { eventsApi } from '../events/api.ts'
import { toApiError, type ApiError } from '../lib/api.ts'
import { useAsync } from '../lib/useAsync.ts'
import { surveysApi } from './api.ts'
import { InvitesPanel } from './InvitesPanel.tsx'
import { QuestionEditor } from './QuestionEditor.tsx'
import { SurveyStatusBadge } from './SurveysPage.tsx'

const OFFICE_ZONE = 'Asia/Shanghai'

type Draft = Omit<SurveySaveBody, 'revision' | 'definition'> & { definition: SurveyDefinitionInput }

function toDraft(s: SurveyStaffDto): Draft {
  return {
    title: s.title, intro: s.intro, department: s.department, eventId: s.event?.id ?? null, placement: s.placement, access: s.access,
    opensAt: s.opensAt ? instantToWallTime(new Date(s.opensAt), OFFICE_ZONE) : null,
    closesAt: s.closesAt ? instantToWallTime(new Date(s.closesAt), OFFICE_ZONE) : null,
    definition: s.definition,
  }
}

/** Ids not taken anywhere in the definition: answers and export columns are keyed by them. */
function freeId(def: SurveyDefinitionInput, prefix: 'q' | 's'): string {
  const used = new Set(prefix === 'q' ? def.sections.flatMap((s) => s.questions.map((q) => q.id)) : def.sections.map((s) => s.id))
  let n = 1
  while (used.has(`${prefix}${n}`)) n++
  return `${prefix}${n}`
}

/** Where a validation issue is, in the builder's own terms ("第 2 题"). */
function issueText(def: SurveyDefinitionInput, path: PropertyKey[], t: (k: 'builder.issueAt', o: { n: number }) => string): string {
  if (path[0] !== 'sections' || typeof path[1] !== 'number' || path[2] !== 'questions' || typeof path[3] !== 'number') return ''
  const n = def.sections.slice(0, path[1]).reduce((a, s) => a + s.questions.length, 0) + path[3] + 1
  return t('builder.issueAt', { n })
}

export function SurveyEditPage() {
  const { surveyId = '' } = useParams()
  const { t } = useTranslation('surveys')
  const { data, error, loading, reload, setData } = useAsync(() => surveysApi.get(surveyId), `survey-staff:${surveyId}`)
  const events = useAsync(() => eventsApi.unitList(), 'unit-events')
  const [draft, setDraft] = useState<Draft | null>(null)
  const [busy, setBusy] = useState(false)
  const [saveError, setSaveError] = useState<ApiError | null>(null)
  const [invalid, setInvalid] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  useEffect(() => { if (data) setDraft(toDraft(data)) }, [data])

  if (loading && !data) return <Loading />
  if (error) return <ErrorMessage error={error} onRetry={reload} />
  if (!data || !draft) return null
  const s = data
  const def = draft.definition
  const set = (patch: Partial<Draft>) => { setDraft({ ...draft, ...patch }); setSaved(false) }
  const setDef = (d: SurveyDefinitionInput) => set({ definition: d })
  const setQuestions = (si: number, qs: QuestionDefInput[]) => setDef({ sections: def.sections.map((x, i) => (i === si ? { ...x, questions: qs } : x)) })
  const all = def.sections.flatMap((x) => x.questions)

  const act = async (run: () => Promise<SurveyStaffDto>) => {
    setSaveError(null)
    setBusy(true)
    try {
      const next = await run()
      setData(() => next)
      setSaved(true)
    } catch (err) {
      setSaveError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  const save = () => {
    const parsed = SurveyDefinition.safeParse(def)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      setInvalid(`${issueText(def, issue.path, t)}${issue.message}`)
      return
    }
    setInvalid(null)
    void act(() => surveysApi.save(s.id, { ...draft, revision: s.revision, definition: parsed.data }))
  }

  let n = 0
  return (
    <div className="space-y-4" data-testid="survey-edit" data-survey-id={s.id} data-version={s.version} data-status={s.status}>
      <header className="card flex flex-wrap items-center gap-2 p-4">
        <h1 className="text-xl font-bold text-slate-900">{s.title}</h1>
        <SurveyStatusBadge status={s.status} open={s.open} />
        <span className="text-sm text-slate-600" data-testid="survey-version">{t('versionN', { n: s.version })} · {t('responsesN', { n: s.responses })}</span>
        <span className="ml-auto flex flex-wrap gap-2">
          <Link className="btn-secondary" to={`/unit/surveys/${encodeURIComponent(s.id)}/results`} data-testid="to-results">{t('resultsTab')}</Link>
          {s.status !== 'draft' && <Link className="btn-secondary" to={`/unit/surveys/${encodeURIComponent(s.id)}/entry`} data-testid="to-entry">{t('entryTab')}</Link>}
          {s.status !== 'draft' && <Link className="btn-secondary" to={`/surveys/${encodeURIComponent(s.id)}`} target="_blank" data-testid="to-public">{t('publicPage')}</Link>}
        </span>
      </header>

      <section className="card grid gap-3 p-4 sm:grid-cols-2" aria-labelledby="settings-title">
        <h2 id="settings-title" className="section-title sm:col-span-2">{t('settings')}</h2>
        <div className="sm:col-span-2"><label className="label" htmlFor="sv-title">{t('fields.title')}</label>
          <input id="sv-title" className="input" maxLength={200} value={draft.title} onChange={(e) => set({ title: e.target.value })} data-testid="survey-title" /></div>
        <div className="sm:col-span-2"><label className="label" htmlFor="sv-intro">{t('fields.intro')}</label>
          <textarea id="sv-intro" className="input min-h-20" maxLength={2000} value={draft.intro} onChange={(e) => set({ intro: e.target.value })} /></div>
        <div><label className="label" htmlFor="sv-dept">{t('fields.department')}</label>
          <input id="sv-dept" className="input" maxLength={100} value={draft.department} placeholder={s.unit.name} onChange={(e) => set({ department: e.target.value })} /></div>
        <div><label className="label" htmlFor="sv-event">{t('fields.event')}</label>
          <select id="sv-event" className="input" value={draft.eventId ?? ''} onChange={(e) => set({ eventId: e.target.value || null, placement: e.target.value ? draft.placement : 'standalone' })} data-testid="survey-event">
            <option value="">{t('fields.noEvent')}</option>
            {s.event && !events.data?.some((e) => e.id === s.event!.id) && <option value={s.event.id}>{s.event.theme}</option>}
            {(events.data ?? []).map((e) => <option key={e.id} value={e.id}>{e.theme}</option>)}
          </select></div>
        <div><label className="label" htmlFor="sv-placement">{t('fields.placement')}</label>
          <select id="sv-placement" className="input" value={draft.placement} disabled={!draft.eventId} onChange={(e) => set({ placement: e.target.value as Draft['placement'] })}>
            {SURVEY_PLACEMENTS.map((p) => <option key={p} value={p}>{t(`placements.${p}`)}</option>)}
          </select></div>
        <div><label className="label" htmlFor="sv-access">{t('fields.access')}</label>
          <select id="sv-access" className="input" value={draft.access} onChange={(e) => set({ access: e.target.value as Draft['access'] })} data-testid="survey-access">
            {SURVEY_ACCESS.map((a) => <option key={a} value={a}>{t(`access.${a}`)}</option>)}
          </select></div>
        <div><label className="label" htmlFor="sv-opens">{t('fields.opensAt')}</label>
          <input id="sv-opens" type="datetime-local" className="input" value={draft.opensAt ?? ''} onChange={(e) => set({ opensAt: e.target.value || null })} data-testid="survey-opens" /></div>
        <div><label className="label" htmlFor="sv-closes">{t('fields.closesAt')}</label>
          <input id="sv-closes" type="datetime-local" className="input" value={draft.closesAt ?? ''} onChange={(e) => set({ closesAt: e.target.value || null })} data-testid="survey-closes" /></div>
        <p className="text-xs text-slate-600 sm:col-span-2">{t('fields.zone')}</p>
      </section>

      <section className="space-y-3" aria-labelledby="builder-title">
        <h2 id="builder-title" className="section-title">{t('builder.heading')}</h2>
        {s.responses > 0 && <p className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="version-notice">{t('builder.versionNotice')}</p>}
        {def.sections.map((sec, si) => (
          <fieldset key={sec.id} className="card space-y-2 p-4" data-testid="builder-section">
            <legend className="px-1 text-sm font-bold text-slate-700">{t('builder.section', { n: si + 1 })}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              <div><label className="label" htmlFor={`sec-${sec.id}-title`}>{t('builder.sectionTitle')}</label>
                <input id={`sec-${sec.id}-title`} className="input" maxLength={200} value={sec.title ?? ''} onChange={(e) => setDef({ sections: def.sections.map((x, i) => (i === si ? { ...x, title: e.target.value } : x)) })} /></div>
              <div><label className="label" htmlFor={`sec-${sec.id}-desc`}>{t('builder.sectionDescription')}</label>
                <input id={`sec-${sec.id}-desc`} className="input" maxLength={1000} value={sec.description ?? ''} onChange={(e) => setDef({ sections: def.sections.map((x, i) => (i === si ? { ...x, description: e.target.value } : x)) })} /></div>
            </div>
            <ol className="space-y-2">
              {sec.questions.map((q, qi) => {
                n++
                const earlier = all.slice(0, all.indexOf(q))
                return (
                  <QuestionEditor key={q.id} q={q} index={n} earlier={earlier} first={qi === 0} last={qi === sec.questions.length - 1}
                    onChange={(nq) => setQuestions(si, sec.questions.map((x) => (x.id === q.id ? nq : x)))}
                    onMove={(by) => { const qs = [...sec.questions]; qs.splice(qi, 1); qs.splice(qi + by, 0, q); setQuestions(si, qs) }}
                    onRemove={() => setQuestions(si, sec.questions.filter((x) => x.id !== q.id))} />
                )
              })}
            </ol>
            <div className="flex flex-wrap gap-2">
              <button type="button" className="btn-secondary" data-testid="builder-add-question"
                onClick={() => setQuestions(si, [...sec.questions, { id: freeId(def, 'q'), kind: 'single', title: '', options: [{ id: 'o1', label: '' }, { id: 'o2', label: '' }] }])}>{t('builder.addQuestion')}</button>
              {def.sections.length > 1 && <button type="button" className="btn-danger" onClick={() => setDef({ sections: def.sections.filter((_, i) => i !== si) })}>{t('builder.removeSection')}</button>}
            </div>
          </fieldset>
        ))}
        <button type="button" className="btn-secondary" data-testid="builder-add-section"
          onClick={() => setDef({ sections: [...def.sections, { id: freeId(def, 's'), title: '', questions: [{ id: freeId(def, 'q'), kind: 'text', title: '' }] }] })}>{t('builder.addSection')}</button>
      </section>

      <div className="card sticky bottom-2 flex flex-wrap items-center gap-2 p-3">
        <button type="button" className="btn-primary" disabled={busy || !s.canEdit} onClick={save} data-testid="survey-save">{t('save')}</button>
        {s.status !== 'published' && <button type="button" className="btn-secondary" disabled={busy} onClick={() => void act(() => surveysApi.setState(s.id, s.revision, 'published'))} data-testid="survey-publish">{s.status === 'draft' ? t('publish') : t('reopen')}</button>}
        {s.status === 'published' && <button type="button" className="btn-secondary" disabled={busy} onClick={() => void act(() => surveysApi.setState(s.id, s.revision, 'closed'))} data-testid="survey-close">{t('close')}</button>}
        {saved && <span role="status" className="text-sm text-green-800" data-testid="survey-saved">{t('saved')}</span>}
        {invalid && <span role="alert" className="text-sm text-red-700" data-testid="survey-invalid">{invalid}</span>}
        {saveError && <ErrorMessage error={saveError} testId="survey-save-error" />}
      </div>

      {s.access === 'invite' && <InvitesPanel surveyId={s.id} />}
    </div>
  )
}
