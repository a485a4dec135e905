import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { SummaryBlock, SummaryFiguresDto } from '@openday/protocol'

type Photo = SummaryFiguresDto['photos'][number]

/** The summary's text as blocks: headings, paragraphs, lists (a line each), photos of the event. */
export function BlockEditor({ blocks, photos, onChange }: { blocks: SummaryBlock[]; photos: Photo[]; onChange: (b: SummaryBlock[]) => void }) {
  const { t } = useTranslation('summaries')
  const id = useId()
  const set = (i: number, b: SummaryBlock) => onChange(blocks.map((x, j) => (j === i ? b : x)))
  const move = (i: number, d: -1 | 1) => {
    const j = i + d
    if (j < 0 || j >= blocks.length) return
    const next = [...blocks]
    ;[next[i], next[j]] = [next[j]!, next[i]!]
    onChange(next)
  }
  const url = (uploadId: string) => photos.find((p) => p.uploadId === uploadId)?.url
  return (
    <div className="space-y-3" data-testid="summary-blocks">
      {blocks.map((b, i) => (
        <div key={i} className="rounded border border-slate-200 p-2" data-testid="summary-block" data-type={b.type}>
          <div className="mb-1 flex items-center gap-2 text-xs text-slate-500">
            <span className="flex-1">{t(`block.${b.type}`)}</span>
            <button type="button" className="btn-secondary px-2 py-0.5" onClick={() => move(i, -1)} disabled={i === 0} aria-label={t('block.up', { n: i + 1 })}>↑</button>
            <button type="button" className="btn-secondary px-2 py-0.5" onClick={() => move(i, 1)} disabled={i === blocks.length - 1} aria-label={t('block.down', { n: i + 1 })}>↓</button>
            <button type="button" className="btn-secondary px-2 py-0.5" onClick={() => onChange(blocks.filter((_, j) => j !== i))} disabled={blocks.length === 1}
              aria-label={t('block.remove', { n: i + 1 })} data-testid="summary-block-remove">{t('block.removeShort')}</button>
          </div>
          <label className="sr-only" htmlFor={`${id}-${i}`}>{t(`block.${b.type}`)} {i + 1}</label>
          {b.type === 'heading' && <input id={`${id}-${i}`} className="input font-bold" maxLength={100} value={b.text} onChange={(e) => set(i, { ...b, text: e.target.value })} data-testid="summary-block-text" />}
          {b.type === 'paragraph' && <textarea id={`${id}-${i}`} className="input min-h-24" maxLength={4000} value={b.text} onChange={(e) => set(i, { ...b, text: e.target.value })} data-testid="summary-block-text" />}
          {b.type === 'list' && (
            <textarea id={`${id}-${i}`} className="input min-h-20" value={b.items.join('\n')} aria-describedby={`${id}-lh`} data-testid="summary-block-text"
              onChange={(e) => set(i, { ...b, items: e.target.value.split('\n') })} />
          )}
          {b.type === 'list' && <p id={`${id}-lh`} className="text-xs text-slate-500">{t('block.listHint')}</p>}
          {b.type === 'photo' && (
            <div className="flex items-center gap-3">
              {url(b.uploadId) && <img src={url(b.uploadId)} alt={b.caption || t('block.photo')} className="h-20 w-28 rounded object-cover" />}
              <input id={`${id}-${i}`} className="input" maxLength={200} value={b.caption} placeholder={t('block.caption')} onChange={(e) => set(i, { ...b, caption: e.target.value })} data-testid="summary-block-text" />
            </div>
          )}
        </div>
      ))}
      <div className="flex flex-wrap gap-2" role="group" aria-label={t('block.add')}>
        <button type="button" className="btn-secondary py-1" onClick={() => onChange([...blocks, { type: 'heading', text: '' }])} data-testid="summary-add-heading">{t('block.addHeading')}</button>
        <button type="button" className="btn-secondary py-1" onClick={() => onChange([...blocks, { type: 'paragraph', text: '' }])} data-testid="summary-add-paragraph">{t('block.addParagraph')}</button>
        <button type="button" className="btn-secondary py-1" onClick={() => onChange([...blocks, { type: 'list', items: [''] }])} data-testid="summary-add-list">{t('block.addList')}</button>
        {photos.map((p) => (
          <button key={p.uploadId} type="button" className="btn-secondary py-1" onClick={() => onChange([...blocks, { type: 'photo', uploadId: p.uploadId, caption: p.caption }])} data-testid="summary-add-photo">
            {t('block.addPhoto', { caption: p.caption || p.uploadId.slice(0, 6) })}
          </button>
        ))}
      </div>
    </div>
  )
}

/** Lists are edited a line each: empty lines are dropped before saving (the server refuses empty items). */
export const cleanBlocks = (blocks: SummaryBlock[]): SummaryBlock[] =>
  blocks.map((b) => (b.type === 'list' ? { ...b, items: b.items.map((s) => s.trim()).filter(Boolean) } : b))
