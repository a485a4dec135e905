import { useMyAssignments } from '../assignments/live.ts'
import { useAuth } from '../auth/AuthContext.tsx'
import { api } from '../lib/api.ts'
import { useAsync } from '../lib/useAsync.ts'
import { useLiveSession } from '../live/useLiveSession.ts'
import { usePolls } from '../polls/usePolls.ts'

/**
 * What every staff console of one session starts from: the session's details, the live store,
 * and the viewer's role in it (admin, or their assignment; undefined until assignments load).
 */
export function useStaffSession(sessionId: string) {
  const { user } = useAuth()
  const info = useAsync(() => api.session(sessionId), `session:${sessionId}`)
  // Reloaded when the admin changes one of our assignments (useLiveSession joins again meanwhile).
  const assignments = useMyAssignments()
  const polls = usePolls(sessionId)
  const live = useLiveSession(sessionId, true, polls.observe)
  const { state } = live
  const session = state.session ?? info.data?.session ?? null
  const role = user?.role === 'admin' ? 'admin' : assignments.data?.find((a) => a.session.id === sessionId)?.role
  return {
    ...live,
    polls: polls.polls,
    dispatchPolls: polls.dispatch,
    user,
    info,
    session,
    role,
    closed: session?.status === 'ended' || session?.status === 'archived',
    /** Joined, but the server does not count us as staff of this session. */
    forbidden: state.synced && !state.staff,
  }
}
