import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PhotoDto } from '@openday/protocol'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { toApiError, type ApiError } from '../lib/api.ts'
import { useAsync } from '../lib/useAsync.ts'
import { photosApi } from './api.ts'

function Photo({ p, eventId, editable, first, last, onMove, onChanged, onRemove }: {
  p: PhotoDto; eventId: string; editable: boolean; first: boolean; last: boolean
  onMove: (dir: -1 | 1) => void; onChanged: () => void; onRemove: () => void
}) {
  const { t } = useTranslation('venue')
  const [caption, setCaption] = useState(p.caption)
  const [error, setError] = useState<ApiError | null>(null)
  const save = async () => { setError(null); try { await photosApi.update(eventId, p.id, { caption }); onChanged() } catch (err) { setError(toApiError(err)) } }
  return (
    <li className="space-y-1 rounded border border-slate-200 p-2" data-testid="photo-item" data-photo-id={p.id}>
      <img src={p.url} alt={p.caption || t('photos.untitled')} className="aspect-video w-full rounded object-cover" loading="lazy" />
      {editable ? (
        <div className="space-y-1">
          <label className="label" htmlFor={`ph-${p.id}`}>{t('photos.caption')}</label>
          <input id={`ph-${p.id}`} className="input" maxLength={200} value={caption} onChange={(e) => setCaption(e.target.value)} onBlur={() => { if (caption !== p.caption) void save() }} />
          <div className="flex gap-1">
            <button type="button" className="btn-secondary py-0.5 text-xs" disabled={first} onClick={() => onMove(-1)} aria-label={t('photos.earlier')}>↑</button>
            <button type="button" className="btn-secondary py-0.5 text-xs" disabled={last} onClick={() => onMove(1)} aria-label={t('photos.later')}>↓</button>
            <button type="button" className="btn-secondary ml-auto py-0.5 text-xs" onClick={onRemove} data-testid="photo-remove">{t('photos.remove')}</button>
          </div>
        </div>
      ) : <p className="text-sm text-slate-700">{p.caption}</p>}
      {error && <ErrorMessage error={error} />}
    </li>
  )
}

/** Photos of the day: the lead unit uploads them with a caption, orders and removes them. */
export function PhotosPanel({ eventId, editable }: { eventId: string; editable: boolean }) {
  const { t } = useTranslation('venue')
  const { data, error, loading, reload } = useAsync(() => photosApi.list(eventId), `photos:${eventId}`)
  const [caption, setCaption] = useState('')
  const [failure, setFailure] = useState<ApiError | null>(null)
  const [removing, setRemoving] = useState<PhotoDto | null>(null)
  if (loading && !data) return <Loading />
  if (error && !data) return <ErrorMessage error={error} onRetry={reload} />
  const photos = data ?? []
  const act = async (p: Promise<unknown>) => { setFailure(null); try { await p; reload() } catch (err) { setFailure(toApiError(err)) } }
  const upload = (file: File | undefined) => { if (file) void act(photosApi.add(eventId, file, caption).then(() => setCaption(''))) }
  // Every position is rewritten to the new order where it differs: old ones may have gaps (removed photos).
  const move = (n: number, dir: -1 | 1) => {
    const order = [...photos]
    ;[order[n], order[n + dir]] = [order[n + dir]!, order[n]!]
    void act(Promise.all(order.map((p, i) => (p.position === i ? null : photosApi.update(eventId, p.id, { caption: p.caption, position: i })))))
  }
  return (
    <section className="card space-y-3 p-4" aria-labelledby="photos-title" data-testid="photos-panel">
      <h2 id="photos-title" className="section-title">{t('photos.title')}</h2>
      {editable && (
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1"><label className="label" htmlFor="photo-caption">{t('photos.newCaption')}</label>
            <input id="photo-caption" className="input" maxLength={200} value={caption} onChange={(e) => setCaption(e.target.value)} data-testid="photo-caption" /></div>
          <label className="btn-primary cursor-pointer">{t('photos.upload')}
            <input type="file" accept="image/jpeg,image/png,image/webp,image/gif" className="sr-only" onChange={(e) => { upload(e.target.files?.[0]); e.target.value = '' }} data-testid="photo-file" /></label>
        </div>
      )}
      {failure && <ErrorMessage error={failure} text={failure.message} />}
      {photos.length === 0 ? <p className="text-sm text-slate-600">{t('photos.none')}</p> : (
        <ul className="grid gap-2 sm:grid-cols-3">
          {photos.map((p, n) => (
            <Photo key={`${p.id}:${p.position}`} p={p} eventId={eventId} editable={editable} first={n === 0} last={n === photos.length - 1}
              onMove={(dir) => move(n, dir)} onChanged={reload} onRemove={() => setRemoving(p)} />
          ))}
        </ul>
      )}
      {removing && (
        <ConfirmDialog title={t('photos.removeTitle')} body={removing.caption || t('photos.untitled')} confirmLabel={t('photos.remove')}
          onCancel={() => setRemoving(null)} onConfirm={() => { const p = removing; setRemoving(null); void act(photosApi.remove(eventId, p.id)) }} />
      )}
    </section>
  )
}
