import { useEffect, useRef } from 'react'
import type { StaffAssignmentsChanged } from '@openday/protocol'
import { api } from '../lib/api.ts'
import { getSocket } from '../lib/socket.ts'
import { useAsync } from '../lib/useAsync.ts'

/**
 * Calls `onChange` when the admin adds, changes or removes one of our assignments: the server
 * tells every open socket of the user (`staff:assignments`). Opens the tab's socket if no page
 * has yet, so that the console hears of it too.
 */
export function useAssignmentChanges(onChange: (change: StaffAssignmentsChanged) => void): void {
  const ref = useRef(onChange)
  useEffect(() => {
    ref.current = onChange
  }, [onChange])
  useEffect(() => {
    const socket = getSocket()
    const handler = (change: StaffAssignmentsChanged) => ref.current(change)
    socket.on('staff:assignments', handler)
    if (!socket.connected && !socket.active) socket.connect()
    return () => {
      socket.off('staff:assignments', handler)
    }
  }, [])
}

/** The sessions we work (GET /api/staff/assignments), reloaded whenever the admin changes one of them. */
export function useMyAssignments() {
  const list = useAsync(() => api.assignments(), 'assignments')
  const { reload } = list
  useAssignmentChanges(reload)
  return list
}
