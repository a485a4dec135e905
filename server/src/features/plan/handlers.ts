import { rooms } from '../live/hub.ts'
import type { TypedServer } from '../../socket/types.ts'
import type { PublishService } from './publish.ts'

/**
 * A cancelled event's sessions are no longer public (sessions/visibility.ts): everyone but their
 * staff leaves the session rooms at once, on every server process (the adapter carries
 * socketsLeave), so no further frame reaches them; a new join is refused by the visibility rule.
 */
export function watchPlan(io: TypedServer, publish: PublishService): void {
  publish.onCancelled((sessionIds) => {
    for (const id of sessionIds) io.in(rooms.session(id)).except(rooms.staff(id)).socketsLeave(rooms.session(id))
  })
}
