import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { InterpretationBody, PolicyStaffDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { useAction } from '../lib/useAction.ts'
import { policiesApi } from './api.ts'

type Block = { key: string; type: 'text'; text: string } | { key: string; type: 'picture'; uploadId: string; url: string; caption: string }
type Qa = { key: string; question: string; answer: string }
let keys = 0
const key = () => `k${++keys}`

/** The lead unit writes the interpretation: what changes for whom, paragraphs and pictures, Q&A; saves it, then publishes it. */
export function InterpretationEditor({ eventId, doc, onSaved }: { eventId: string; doc: PolicyStaffDto; onSaved: (d: PolicyStaffDto) => void }) {
  const { t } = useTranslation('policies')
  const i = doc.interpretation
  const [summary, setSummary] = useState(i?.summary ?? '')
  const [blocks, setBlocks] = useState<Block[]>(() => (i?.body ?? [{ type: 'text' as const, text: '' }]).map((b) => ({ ...b, key: key() }) as Block))
  const [qa, setQa] = useState<Qa[]>(() => (i?.qa ?? []).map((x) => ({ ...x, key: key() })))
  const [saved, setSaved] = useState(false)
  // Unsaved changes: publishing publishes what is stored, so save first.
  const [dirty, setDirty] = useState(false)
  const save = useAction<PolicyStaffDto>((d) => { onSaved(d); setSaved(true); setDirty(false) })
  const publish = useAction<PolicyStaffDto>(onSaved)
  const picture = useAction<Block>((b) => setBlocks((bs) => [...bs, b]))
  const body = (): InterpretationBody => ({
    summary,
    body: blocks.filter((b) => b.type === 'picture' || b.text.trim() !== '').map((b) => (b.type === 'text' ? { type: 'text', text: b.text } : { type: 'picture', uploadId: b.uploadId, caption: b.caption })),
    qa: qa.filter((x) => x.question.trim() || x.answer.trim()).map(({ question, answer }) => ({ question, answer })),
  })
  const touch = () => { setSaved(false); setDirty(true) }
  const change = <T,>(set: (f: (v: T) => T) => void) => (f: (v: T) => T) => { touch(); set(f) }
  const editBlocks = change(setBlocks)
  const editQa = change(setQa)
  const p = `interp-${doc.id}`
  return (
    <div className="space-y-3 rounded border border-slate-200 p-3" data-testid="interpretation-editor">
      <div>
        <label className="label" htmlFor={`${p}-summary`}>{t('panel.summary')}</label>
        <textarea id={`${p}-summary`} className="input min-h-20" maxLength={2000} value={summary} onChange={(e) => { touch(); setSummary(e.target.value) }} data-testid="interpretation-summary" />
      </div>
      <fieldset className="space-y-2">
        <legend className="label">{t('panel.blocks')}</legend>
        {blocks.map((b, n) => (
          <div key={b.key} className="flex items-start gap-2" data-testid="interpretation-block" data-type={b.type}>
            {b.type === 'text' ? (
              <div className="flex-1">
                <label className="sr-only" htmlFor={`${p}-b-${b.key}`}>{t('panel.textBlock', { n: n + 1 })}</label>
                <textarea id={`${p}-b-${b.key}`} className="input min-h-20" maxLength={5000} value={b.text} data-testid="interpretation-text"
                  onChange={(e) => editBlocks((bs) => bs.map((x) => (x.key === b.key ? { ...x, text: e.target.value } : x)))} />
              </div>
            ) : (
              <div className="flex flex-1 flex-wrap items-end gap-2">
                <img src={b.url} alt={b.caption || t('pictureAlt')} className="h-16 rounded border border-slate-200" />
                <div className="flex-1">
                  <label className="label" htmlFor={`${p}-c-${b.key}`}>{t('panel.caption')} ({t('panel.pictureBlock', { n: n + 1 })})</label>
                  <input id={`${p}-c-${b.key}`} className="input" maxLength={200} value={b.caption} data-testid="interpretation-caption"
                    onChange={(e) => editBlocks((bs) => bs.map((x) => (x.key === b.key ? { ...x, caption: e.target.value } : x)))} />
                </div>
              </div>
            )}
            <button type="button" className="btn-secondary py-1" onClick={() => editBlocks((bs) => bs.filter((x) => x.key !== b.key))}>{t('panel.remove')}</button>
          </div>
        ))}
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className="btn-secondary" onClick={() => editBlocks((bs) => [...bs, { key: key(), type: 'text', text: '' }])} data-testid="interpretation-add-text">{t('panel.addText')}</button>
          <label className="text-sm text-slate-700">
            {t('panel.addPicture')}{' '}
            <input type="file" accept="image/jpeg,image/png,image/webp,image/gif" className="text-sm" data-testid="interpretation-add-picture"
              onChange={(e) => {
                const f = e.target.files?.[0]
                e.target.value = ''
                if (f) void picture.run(async () => { const u = await policiesApi.picture(eventId, f); touch(); return { key: key(), type: 'picture', uploadId: u.id, url: u.url, caption: '' } })
              }} />
          </label>
        </div>
        {picture.error && <ErrorMessage error={picture.error} testId="interpretation-picture-error" />}
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="label">{t('panel.qa')}</legend>
        {qa.map((x, n) => (
          <div key={x.key} className="grid gap-2 rounded bg-slate-50 p-2 sm:grid-cols-[1fr_2fr_auto]" data-testid="interpretation-qa">
            <div>
              <label className="label" htmlFor={`${p}-q-${x.key}`}>{t('panel.qaQuestion', { n: n + 1 })}</label>
              <input id={`${p}-q-${x.key}`} className="input" maxLength={500} value={x.question} data-testid="interpretation-qa-question"
                onChange={(e) => editQa((qs) => qs.map((y) => (y.key === x.key ? { ...y, question: e.target.value } : y)))} />
            </div>
            <div>
              <label className="label" htmlFor={`${p}-a-${x.key}`}>{t('panel.qaAnswer', { n: n + 1 })}</label>
              <textarea id={`${p}-a-${x.key}`} className="input min-h-16" maxLength={3000} value={x.answer} data-testid="interpretation-qa-answer"
                onChange={(e) => editQa((qs) => qs.map((y) => (y.key === x.key ? { ...y, answer: e.target.value } : y)))} />
            </div>
            <button type="button" className="btn-secondary self-end py-1" onClick={() => editQa((qs) => qs.filter((y) => y.key !== x.key))}>{t('panel.remove')}</button>
          </div>
        ))}
        <button type="button" className="btn-secondary" onClick={() => editQa((qs) => [...qs, { key: key(), question: '', answer: '' }])} data-testid="interpretation-add-qa">{t('panel.addQa')}</button>
      </fieldset>
      {save.error && <ErrorMessage error={save.error} testId="interpretation-save-error" />}
      {publish.error && <ErrorMessage error={publish.error} testId="interpretation-publish-error" />}
      {saved && <p role="status" className="text-sm text-green-800" data-testid="interpretation-saved">{t('panel.saved')}</p>}
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={save.busy || picture.busy} onClick={() => void save.run(() => policiesApi.saveInterpretation(eventId, doc.id, body()))} data-testid="interpretation-save">{t('panel.save')}</button>
        {i?.state !== 'published' && (
          <button type="button" className="btn-secondary" disabled={!i || dirty || publish.busy} onClick={() => void publish.run(() => policiesApi.publishInterpretation(eventId, doc.id))} data-testid="interpretation-publish">{t('panel.publish')}</button>
        )}
      </div>
    </div>
  )
}
