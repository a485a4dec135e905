import type { ApiError } from '../lib/api.ts'
import type { Contact, ProposalDto, ProposalSaveBody } from '@openday/protocol'

// The editor's draft as typed, apart from what the server last confirmed, so a save in flight,
// a failed save or a conflict never loses a keystroke.

export type Fields = Omit<ProposalSaveBody, 'revision'>
export const emptyContact = (): Contact => ({ name: '', position: '', phone: '', email: '' })

export const fieldsOf = (p: ProposalDto): Fields => ({
  theme: p.theme, month: p.month, halfDay: p.halfDay, form: p.form, steps: p.steps,
  contacts: p.contacts.map((c) => ({ ...c })), jointUnitIds: p.jointUnits.map((u) => u.id),
})

export const sameFields = (a: Fields, b: Fields) => JSON.stringify(a) === JSON.stringify(b)

/** idle: nothing to save; dirty: typed, waiting; saving; saved; error: will retry on the next edit; conflict: someone else saved. */
export type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict'

export interface DraftState {
  /** The server's last confirmed proposal (its revision is what the next save names). */
  server: ProposalDto
  /** What the editor sees and types. */
  local: Fields
  state: SaveState
  /** On a conflict: the editor's own text, kept to reapply onto the newer version. */
  mine: Fields | null
}

export type DraftAction =
  | { type: 'edit'; patch: Partial<Fields> }
  | { type: 'saving' }
  | { type: 'saved'; proposal: ProposalDto; sent: Fields }
  | { type: 'failed' }
  | { type: 'conflict'; current: ProposalDto }
  | { type: 'reapply' }
  | { type: 'discard' }
  | { type: 'replaced'; proposal: ProposalDto }

export const initDraft = (p: ProposalDto): DraftState => ({ server: p, local: fieldsOf(p), state: 'idle', mine: null })

export function draftReducer(s: DraftState, a: DraftAction): DraftState {
  switch (a.type) {
    case 'edit':
      // During a conflict the editor reads both versions; edits wait for their choice.
      if (s.state === 'conflict') return s
      return { ...s, local: { ...s.local, ...a.patch }, state: 'dirty' }
    case 'saving':
      return { ...s, state: 'saving' }
    case 'saved':
      // Typed on while the save was in flight: still dirty, the next save sends the rest.
      return { ...s, server: a.proposal, state: sameFields(a.sent, s.local) ? 'saved' : 'dirty' }
    case 'failed':
      return { ...s, state: 'error' }
    case 'conflict':
      return { ...s, server: a.current, mine: s.local, local: fieldsOf(a.current), state: 'conflict' }
    case 'reapply':
      // Their text onto the newer revision: saved as the next edit.
      return s.mine ? { ...s, local: s.mine, mine: null, state: 'dirty' } : s
    case 'discard':
      return { ...s, mine: null, state: 'idle' }
    case 'replaced':
      return { server: a.proposal, local: fieldsOf(a.proposal), state: 'idle', mine: null }
  }
}

type Incomplete = 'theme' | 'month' | 'form' | 'steps' | 'contacts' | 'contactName' | 'contactPhone' | 'contactEmail'
const CONTACT_KEYS = { name: 'contactName', phone: 'contactPhone', email: 'contactEmail' } as const

/** What the server found missing on submit ("contacts.0.phone: …"), as a key of editor.incomplete, in the user's language. */
export function incompleteField(e: Pick<ApiError, 'code' | 'message'>): { key: Incomplete; n: number } | null {
  if (e.code !== 'BAD_REQUEST' || !e.message) return null
  const m = /^(theme|month|form|steps|contacts)(?:\.(\d+)\.(name|phone|email))?:/.exec(e.message)
  if (!m) return null
  if (m[2] !== undefined) return { key: CONTACT_KEYS[m[3] as keyof typeof CONTACT_KEYS], n: Number(m[2]) + 1 }
  return { key: m[1] as Incomplete, n: 0 }
}
