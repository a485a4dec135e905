import type { ProposalDto } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { draftReducer, incompleteField, initDraft } from './draft.ts'

const proposal = (over: Partial<ProposalDto> = {}): ProposalDto => ({
  id: 'p1', year: 2027, unit: { id: 'u1', name: '人社局' }, jointUnits: [], theme: '', month: null, halfDay: 'am', form: null,
  status: 'draft', revision: 0, submittedAt: null, late: false, returnReason: null, versions: 0, updatedAt: '2027-01-01T00:00:00Z',
  steps: '', contacts: [], submittedRevision: null, decidedAt: null, canEdit: true, ...over,
})

describe('the autosaved draft', () => {
  it('keeps what was typed while a save was in flight', () => {
    let s = draftReducer(initDraft(proposal()), { type: 'edit', patch: { theme: '就业' } })
    const sent = s.local
    s = draftReducer(s, { type: 'saving' })
    s = draftReducer(s, { type: 'edit', patch: { theme: '就业政策' } })
    s = draftReducer(s, { type: 'saved', proposal: proposal({ theme: '就业', revision: 1 }), sent })
    expect(s).toMatchObject({ state: 'dirty', local: { theme: '就业政策' }, server: { revision: 1 } })
    s = draftReducer(s, { type: 'saved', proposal: proposal({ theme: '就业政策', revision: 2 }), sent: s.local })
    expect(s.state).toBe('saved')
  })

  it('on a conflict shows the newer version, keeps the own text and reapplies it on the newer revision', () => {
    let s = draftReducer(initDraft(proposal()), { type: 'edit', patch: { theme: '我的主题', steps: '我的步骤' } })
    s = draftReducer(s, { type: 'conflict', current: proposal({ theme: '同事的主题', revision: 3 }) })
    expect(s).toMatchObject({ state: 'conflict', local: { theme: '同事的主题' }, mine: { theme: '我的主题', steps: '我的步骤' } })
    expect(draftReducer(s, { type: 'edit', patch: { theme: 'x' } })).toBe(s)
    const again = draftReducer(s, { type: 'reapply' })
    expect(again).toMatchObject({ state: 'dirty', local: { theme: '我的主题' }, server: { revision: 3 }, mine: null })
    expect(draftReducer(s, { type: 'discard' })).toMatchObject({ state: 'idle', local: { theme: '同事的主题' }, mine: null })
  })
})

describe('what a refused submission lacks, in the user\'s words', () => {
  it("names the field the server's message starts with, contacts counted from 1", () => {
    expect(incompleteField({ code: 'BAD_REQUEST', message: 'contacts: at least one contact is needed to submit' })).toEqual({ key: 'contacts', n: 0 })
    expect(incompleteField({ code: 'BAD_REQUEST', message: 'contacts.1.phone: a phone number is needed' })).toEqual({ key: 'contactPhone', n: 2 })
    expect(incompleteField({ code: 'BAD_REQUEST', message: 'steps: the steps are needed to submit' })).toEqual({ key: 'steps', n: 0 })
  })
  it('leaves other errors to the generic text', () => {
    expect(incompleteField({ code: 'CONFLICT', message: 'theme: x' })).toBeNull()
    expect(incompleteField({ code: 'BAD_REQUEST', message: 'revision: stale' })).toBeNull()
  })
})
