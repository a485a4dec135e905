import { useRef, useState, type ChangeEvent, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { PostTranscript, UPLOAD_MAX_BYTES, UPLOAD_MIME, type GuestDto, type TranscriptEntryDto } from '@openday/protocol'
import { ErrorMessage } from '../components/ErrorMessage.tsx'
import { api, toApiError, type ApiError } from '../lib/api.ts'
import { newClientId } from '../lib/ids.ts'
import { emitWithRetry } from '../lib/socket.ts'

type StaffSpeaker = 'host' | 'guest'

interface Props {
  sessionId: string
  defaultHostName: string
  guests: GuestDto[]
  closed: boolean
  /** Uploads are for hosts and the admin; guests post text only. */
  allowImage: boolean
  onPosted: (entry: TranscriptEntryDto) => void
}

interface Picked {
  file: File
  preview: string
  /** Set once uploaded, so a retried post does not upload the same picture twice. */
  uploadId: string | null
}

type LocalProblem = 'imageType' | 'imageSize' | 'empty' | 'name'

// A data: URL rather than an object URL: the server's Content-Security-Policy allows data: images.
function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result))
    r.onerror = () => reject(r.error ?? new Error('read failed'))
    r.readAsDataURL(file)
  })
}

export function TranscriptComposer({ sessionId, defaultHostName, guests, closed, allowImage, onPosted }: Props) {
  const { t } = useTranslation()
  const [speaker, setSpeaker] = useState<StaffSpeaker>('host')
  const [names, setNames] = useState<Record<StaffSpeaker, string>>({ host: defaultHostName, guest: guests[0]?.name ?? '' })
  const [body, setBody] = useState('')
  const [picked, setPicked] = useState<Picked | null>(null)
  const [problem, setProblem] = useState<LocalProblem | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  const fileInput = useRef<HTMLInputElement>(null)
  // Idempotency key of the entry being posted; kept across a timed-out attempt.
  const pendingId = useRef<string | null>(null)

  const clearImage = () => {
    setPicked(null)
    if (fileInput.current) fileInput.current.value = ''
  }

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    setProblem(null)
    const file = e.target.files?.[0]
    if (!file) return clearImage()
    // Checked here for a quick answer; the server checks the real content again.
    if (!(UPLOAD_MIME as readonly string[]).includes(file.type)) {
      clearImage()
      return setProblem('imageType')
    }
    if (file.size > UPLOAD_MAX_BYTES) {
      clearImage()
      return setProblem('imageSize')
    }
    try {
      setPicked({ file, preview: await readAsDataUrl(file), uploadId: null })
    } catch (err) {
      setError(toApiError(err))
    }
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError(null)
    setProblem(null)
    const speakerName = names[speaker].trim()
    if (!speakerName) return setProblem('name')
    if (!body.trim() && !picked) return setProblem('empty')
    const clientId = pendingId.current ?? newClientId()
    pendingId.current = clientId
    setBusy(true)
    try {
      let uploadId = picked?.uploadId ?? undefined
      if (picked && !uploadId) {
        uploadId = (await api.upload(sessionId, picked.file)).id
        setPicked({ ...picked, uploadId })
      }
      const parsed = PostTranscript.safeParse({ sessionId, clientId, speaker, speakerName, body, ...(uploadId ? { uploadId } : {}) })
      if (!parsed.success) {
        pendingId.current = null
        return setProblem(parsed.error.issues[0]?.path[0] === 'speakerName' ? 'name' : 'empty')
      }
      const entry = await emitWithRetry('transcript:post', parsed.data)
      pendingId.current = null
      onPosted(entry)
      setBody('')
      clearImage()
    } catch (err) {
      const apiErr = toApiError(err)
      if (apiErr.code !== 'TIMEOUT' && apiErr.code !== 'NETWORK') pendingId.current = null
      setError(apiErr)
    } finally {
      setBusy(false)
    }
  }

  if (closed) return <p className="text-sm text-slate-500" data-testid="transcript-form-closed">{t('host.composerClosed')}</p>

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="transcript-form" noValidate>
      <div className="grid gap-2 sm:grid-cols-[auto_1fr]">
        <div>
          <label className="label" htmlFor="speaker-select">{t('host.speaker')}</label>
          <select id="speaker-select" className="input" value={speaker} onChange={(e) => setSpeaker(e.target.value as StaffSpeaker)} data-testid="speaker-select">
            <option value="host">{t('speaker.host')}</option>
            <option value="guest">{t('speaker.guest')}</option>
          </select>
        </div>
        <div>
          <label className="label" htmlFor="speaker-name">{t('host.speakerName')}</label>
          <input id="speaker-name" className="input" maxLength={40} list="guest-names" value={names[speaker]}
            onChange={(e) => setNames({ ...names, [speaker]: e.target.value })} data-testid="speaker-name-input" />
          <datalist id="guest-names">
            {guests.map((g) => <option key={g.id} value={g.name}>{g.title}</option>)}
          </datalist>
        </div>
      </div>
      <div>
        <label className="label" htmlFor="transcript-body">{t('host.text')}</label>
        <textarea id="transcript-body" className="input min-h-28" maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.currentTarget.form?.requestSubmit()}
          placeholder={t('host.textPlaceholder')} data-testid="transcript-body-input" />
      </div>
      {allowImage && (
        <div>
          <label className="label" htmlFor="transcript-image">{t('host.image')}</label>
          <input ref={fileInput} id="transcript-image" type="file" accept={UPLOAD_MIME.join(',')} onChange={onFile}
            className="block w-full text-sm text-slate-600 file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5"
            data-testid="transcript-image-input" />
          <p className="mt-1 text-xs text-slate-500">{t('host.imageHint', { mb: UPLOAD_MAX_BYTES / 1024 / 1024 })}</p>
          {picked && (
            <div className="mt-2 flex items-start gap-2">
              <img src={picked.preview} alt={t('host.imagePreview')} className="max-h-40 rounded border border-slate-200" data-testid="transcript-image-preview" />
              <button type="button" className="btn-secondary py-1" onClick={clearImage} data-testid="transcript-image-remove">{t('host.removeImage')}</button>
            </div>
          )}
        </div>
      )}
      {problem && <p role="alert" className="text-sm text-red-700" data-testid="transcript-form-invalid" data-problem={problem}>{t(`host.problems.${problem}`, { mb: UPLOAD_MAX_BYTES / 1024 / 1024 })}</p>}
      {error && <ErrorMessage error={error} testId="transcript-form-error" />}
      <button type="submit" className="btn-primary" disabled={busy} data-testid="transcript-submit">
        {busy ? t('host.posting') : t('host.post')}
      </button>
    </form>
  )
}
