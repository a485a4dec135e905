import { useState } from 'react'
import { toApiError, type ApiError } from './api.ts'

/**
 * One button's request at a time: busy while it runs, its error kept for display, and the
 * result handed to `onDone` (then `after`, e.g. to clear a form) only when it succeeded.
 */
export function useAction<T>(onDone: (result: T) => void) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const run = async (action: () => Promise<T>, after?: () => void) => {
    setBusy(true)
    setError(null)
    try {
      onDone(await action())
      after?.()
    } catch (err) {
      setError(toApiError(err))
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, run }
}
