import { describe, expect, it } from 'vitest'
import { LogCall } from '@openday/protocol'
import { draftKey, emptyDraft, isDraftEmpty, loadDraft, loadOutbox, nextDraft, saveDraft, saveOutbox, validateDraft, type CallDraft, type KeyValueStore } from './draft.ts'

function fakeStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) }
}

const S = 'demo-hotline'
const CID = 'client-0001'
const NOW = new Date('2026-05-15T02:00:30.000Z')

const filled = (over: Partial<CallDraft> = {}): CallDraft => ({
  ...emptyDraft('王建国'),
  phone: '138 1234 5678', domainId: 'dom1', appealTypeId: 'typ1', content: '小区门口道路破损', reply: '已安排维修', startedAt: '2026-05-15T02:00:00.000Z',
  ...over,
})

describe('the call draft survives reloads', () => {
  it('round-trips through storage per session', () => {
    const store = fakeStore()
    const d = filled({ callerName: '张先生', disposition: 'handed_off', unitId: 'u1' })
    saveDraft(store, S, d)
    expect(loadDraft(store, S, 'someone else')).toEqual(d)
    expect(loadDraft(store, 'other-session', '李四')).toEqual(emptyDraft('李四'))
  })

  it('survives garbage and partial values', () => {
    const store = fakeStore()
    store.setItem(draftKey(S), '{not json')
    expect(loadDraft(store, S, 'L')).toEqual(emptyDraft('L'))
    store.setItem(draftKey(S), JSON.stringify({ content: 'abc', disposition: 'weird', startedAt: 'never', phone: 42, leader: '' }))
    expect(loadDraft(store, S, 'L')).toEqual({ ...emptyDraft('L'), content: 'abc' })
  })

  it('keeps working when storage throws', () => {
    const broken: KeyValueStore = { getItem: () => { throw new Error('denied') }, setItem: () => { throw new Error('quota') }, removeItem: () => { throw new Error('denied') } }
    expect(() => saveDraft(broken, S, filled())).not.toThrow()
    expect(loadDraft(broken, S, 'L')).toEqual(emptyDraft('L'))
    expect(() => saveOutbox(broken, S, [])).not.toThrow()
    expect(loadOutbox(broken, S)).toEqual([])
  })

  it('knows an empty draft, and the next call keeps the leader only', () => {
    expect(isDraftEmpty(emptyDraft('王建国'))).toBe(true)
    expect(isDraftEmpty({ ...emptyDraft(), content: ' x' })).toBe(false)
    expect(isDraftEmpty({ ...emptyDraft(), disposition: 'handed_off' })).toBe(false)
    expect(nextDraft(filled())).toEqual(emptyDraft('王建国'))
  })

  it('keeps the outbox until it is emptied', () => {
    const store = fakeStore()
    const v = validateDraft(filled(), S, CID, NOW)
    if (!v.ok) throw new Error('expected valid')
    saveOutbox(store, S, [{ clientId: CID, payload: v.payload, error: null }])
    expect(loadOutbox(store, S)).toEqual([{ clientId: CID, payload: v.payload, error: null }])
    saveOutbox(store, S, [])
    expect(store.data.size).toBe(0)
  })
})

describe('validating a call before it is saved', () => {
  it('builds the payload the server expects', () => {
    const v = validateDraft(filled({ location: '  ' }), S, CID, NOW)
    expect(v.ok).toBe(true)
    if (!v.ok) return
    expect(v.payload).toEqual({
      sessionId: S, clientId: CID, phone: '13812345678', domainId: 'dom1', appealTypeId: 'typ1', content: '小区门口道路破损',
      leader: '王建国', disposition: 'answered', reply: '已安排维修', startedAt: '2026-05-15T02:00:00.000Z', endedAt: NOW.toISOString(),
    })
    expect(LogCall.safeParse(v.payload).success).toBe(true)
  })

  it('sends the unit, not the reply, for a handed-off call', () => {
    const v = validateDraft(filled({ disposition: 'handed_off', unitId: 'u1' }), S, CID, NOW)
    expect(v.ok && v.payload).toMatchObject({ disposition: 'handed_off', unitId: 'u1' })
    expect(v.ok && 'reply' in v.payload).toBe(false)
  })

  it('starts an unstarted timer at the save', () => {
    const v = validateDraft(filled({ startedAt: null }), S, CID, NOW)
    expect(v.ok && v.payload.startedAt).toBe(NOW.toISOString())
  })

  it('names every problem at once, first in form order', () => {
    const v = validateDraft({ ...emptyDraft(''), phone: '1381234', content: 'x' }, S, CID, NOW)
    expect(v.ok).toBe(false)
    if (v.ok) return
    expect(v.problems).toEqual({ phone: 'mobileShort', domainId: 'required', appealTypeId: 'required', content: 'tooShort', leader: 'required', reply: 'required' })
    expect(v.first).toBe('phone')
    const h = validateDraft(filled({ disposition: 'handed_off' }), S, CID, NOW)
    expect(!h.ok && h.problems).toEqual({ unitId: 'required' })
    const e = validateDraft(filled({ content: '   ' }), S, CID, NOW)
    expect(!e.ok && e.problems).toEqual({ content: 'required' })
  })
})
