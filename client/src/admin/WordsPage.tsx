import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorMessage, Loading } from '../components/ErrorMessage.tsx'
import { api, toApiError, type ApiError } from '../lib/api.ts'
import { formatDate } from '../lib/format.ts'
import { useAsync } from '../lib/useAsync.ts'

/** Words that hold a question for a moderator's eye (they never block it outright). */
export function WordsPage() {
  const { t, i18n } = useTranslation()
  const list = useAsync(() => api.sensitiveWords(), 'sensitive-words')
  const [word, setWord] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)

  const add = async (e: FormEvent) => {
    e.preventDefault()
    const w = word.trim()
    if (!w) return
    setBusy(true)
    setError(null)
    try {
      const created = await api.addSensitiveWord(w)
      list.setData((prev) => [created, ...(prev ?? []).filter((x) => x.id !== created.id)])
      setWord('')
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }

  const remove = async (id: string) => {
    setError(null)
    try {
      await api.deleteSensitiveWord(id)
      list.setData((prev) => prev?.filter((x) => x.id !== id))
    } catch (err) {
      setError(toApiError(err))
    }
  }

  const words = [...(list.data ?? [])].sort((a, b) => a.word.localeCompare(b.word, 'zh-CN'))

  return (
    <div className="space-y-4" data-testid="words-page">
      <section className="rounded border-t-4 border-accent bg-white p-4 shadow-sm">
        <h1 className="text-xl font-bold text-slate-900">{t('words.title')}</h1>
        <p className="mt-1 text-sm text-slate-600">{t('words.intro')}</p>
        <form onSubmit={add} className="mt-3 flex gap-2" data-testid="word-form">
          <label htmlFor="word-input" className="sr-only">{t('words.label')}</label>
          <input id="word-input" className="input flex-1" maxLength={50} value={word} onChange={(e) => setWord(e.target.value)}
            placeholder={t('words.placeholder')} data-testid="word-input" />
          <button type="submit" className="btn-primary" disabled={busy || !word.trim()} data-testid="word-submit">{t('words.add')}</button>
        </form>
        {error && <div className="mt-2"><ErrorMessage error={error} testId="word-error" text={error.code === 'CONFLICT' ? t('words.duplicate') : undefined} /></div>}
      </section>
      {list.loading && <Loading />}
      {list.error && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.data && words.length === 0 && <p className="py-6 text-center text-sm text-slate-500" data-testid="word-list-empty">{t('words.empty')}</p>}
      {words.length > 0 && (
        <ul className="card divide-y divide-slate-100" data-testid="word-list" data-count={words.length}>
          {words.map((w) => (
            <li key={w.id} className="flex items-center gap-3 px-4 py-2" data-testid="word-item" data-word-id={w.id} data-word={w.word}>
              <span className="flex-1 font-medium text-slate-900">{w.word}</span>
              <time className="text-xs text-slate-500" dateTime={w.createdAt}>{formatDate(w.createdAt, i18n.language)}</time>
              <button type="button" className="btn-danger py-1" onClick={() => void remove(w.id)} data-testid="word-delete" aria-label={t('words.deleteLabel', { word: w.word })}>
                {t('words.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
