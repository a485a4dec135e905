import { useEffect, useRef, useState } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import QRCode from 'qrcode'
import { publicResults } from '@openday/protocol'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { useLiveSession } from '../live/useLiveSession.ts'
import { ResultView } from '../surveys/ResultView.tsx'
import { figuresOf } from './store.ts'
import { usePolls } from './usePolls.ts'

/** The join link as a QR code (drawn here, from the page's own address: nothing leaves the browser). */
function JoinCode({ url }: { url: string }) {
  const { t } = useTranslation('polls')
  const [src, setSrc] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    void QRCode.toDataURL(url, { margin: 1, width: 360, errorCorrectionLevel: 'M' }).then((d) => { if (live) setSrc(d) })
    return () => { live = false }
  }, [url])
  return (
    <figure className="flex flex-col items-center gap-2" data-testid="presenter-qr">
      {src && <img src={src} alt={t('qrAlt')} className="size-64 bg-white p-2" data-url={url} />}
      <figcaption className="break-all text-center text-lg text-slate-200">{url}</figcaption>
    </figure>
  )
}

/**
 * The venue screen (大屏): one poll, full screen, with a QR code to join from a phone. Opened by
 * staff, it shows the figures only when the room may see them (the poll's visibility, or once the
 * host shows them), so the screen never runs ahead of the audience.
 */
export function PresenterPage() {
  const { t } = useTranslation('polls')
  const { sessionId = '' } = useParams()
  const [params] = useSearchParams()
  const { polls, observe } = usePolls(sessionId)
  const { state, rejoin } = useLiveSession(sessionId, true, observe)
  const ref = useRef<HTMLDivElement>(null)
  const wanted = params.get('poll')
  const list = Object.values(polls.polls).filter((p) => p.state !== 'draft')
  const poll = (wanted ? polls.polls[wanted] : undefined)
    ?? list.find((p) => p.state === 'open') ?? list.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0]
  const figures = poll ? figuresOf(polls, poll) : null
  const show = poll && figures && publicResults(poll)
  const joinUrl = `${window.location.origin}/s/${encodeURIComponent(sessionId)}#polls`

  if (state.joinError) return <ErrorMessage error={state.joinError} onRetry={rejoin} />
  if (!state.synced) return <Loading />
  return (
    <div ref={ref} className="min-h-[80vh] rounded bg-slate-900 p-6 text-white sm:p-10" data-testid="presenter" data-poll-id={poll?.id ?? ''} data-state={poll?.state ?? ''}>
      <div className="flex justify-end">
        <button type="button" className="btn-secondary" onClick={() => void ref.current?.requestFullscreen?.()} data-testid="presenter-fullscreen">{t('fullscreen')}</button>
      </div>
      {!poll ? <p className="mt-10 text-center text-3xl">{t('noPoll')}</p> : (
        <div className="mt-4 grid items-start gap-10 lg:grid-cols-[2fr_1fr]">
          <div>
            <p className="text-xl text-slate-300">{t(`state.${poll.state}`)}{poll.round > 1 && ` · ${t('round', { n: poll.round })}`}</p>
            <h1 className="mt-2 text-4xl font-bold leading-tight sm:text-5xl">{poll.question.title}</h1>
            {show ? (
              <div className="mt-8 rounded bg-white p-6 text-slate-900" data-testid="presenter-results">
                <p className="mb-3 text-2xl">{t('votes', { n: figures.votes })}</p>
                <ResultView result={figures.result} big />
              </div>
            ) : (
              <p className="mt-8 text-3xl text-slate-200" data-testid="presenter-waiting">
                {poll.state === 'open' ? t('scanToVote') : t('resultsSoon')}
                {figures && <span className="mt-2 block text-xl text-slate-400">{t('votes', { n: figures.votes })}</span>}
              </p>
            )}
          </div>
          <JoinCode url={joinUrl} />
        </div>
      )}
    </div>
  )
}
