import { useCallback, useEffect, useState } from 'react'
import { toApiError, type ApiError } from './api.ts'

export interface AsyncState<T> {
  data: T | undefined
  error: ApiError | null
  loading: boolean
  reload: () => void
  setData: (update: (prev: T | undefined) => T | undefined) => void
}

/** Runs a loader when its key changes; a stale answer (key changed meanwhile) is dropped. */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> {
  const [data, setDataState] = useState<T | undefined>(undefined)
  const [error, setError] = useState<ApiError | null>(null)
  const [loading, setLoading] = useState(true)
  const [tick, setTick] = useState(0)

  useEffect(() => {
    let current = true
    setLoading(true)
    setError(null)
    load().then(
      (d) => {
        if (!current) return
        setDataState(d)
        setLoading(false)
      },
      (e: unknown) => {
        if (!current) return
        setError(toApiError(e))
        setLoading(false)
      },
    )
    return () => {
      current = false
    }
    // `load` is a fresh closure every render; `key` says when it means something new.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick])

  const reload = useCallback(() => setTick((n) => n + 1), [])
  const setData = useCallback((update: (prev: T | undefined) => T | undefined) => setDataState(update), [])
  return { data, error, loading, reload, setData }
}
