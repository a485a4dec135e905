import type { AuditEntryDto } from '@openday/protocol'
import { AuditPaths } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { appendEntries, detailText, EMPTY_FORM, rangeInvalid, toFilter } from './filters.ts'

const entry = (id: string) => ({ id }) as AuditEntryDto

describe('audit filters', () => {
  it('send only what was filled in, trimmed', () => {
    const f = toFilter({ ...EMPTY_FORM, action: ' assignment. ', from: '2026-05-02', targetId: '  ' })
    expect(f).toEqual({ action: 'assignment.', from: '2026-05-02' })
    expect(AuditPaths.page({ ...f, cursor: 'abc' })).toBe('/api/admin/audit?action=assignment.&from=2026-05-02&cursor=abc')
    expect(AuditPaths.page(toFilter(EMPTY_FORM))).toBe('/api/admin/audit')
  })

  it('catch a range that ends before it starts', () => {
    expect(rangeInvalid({ ...EMPTY_FORM, from: '2026-05-02', to: '2026-05-01' })).toBe(true)
    expect(rangeInvalid({ ...EMPTY_FORM, from: '2026-05-02', to: '2026-05-02' })).toBe(false)
    expect(rangeInvalid({ ...EMPTY_FORM, from: '2026-05-02' })).toBe(false)
  })

  it('add a page without repeating an entry, and show details as recorded', () => {
    expect(appendEntries([entry('a'), entry('b')], [entry('b'), entry('c')]).map((e) => e.id)).toEqual(['a', 'b', 'c'])
    expect(detailText({ sessionId: 'demo-hotline' })).toBe('{"sessionId":"demo-hotline"}')
    expect(detailText({})).toBe('')
    expect(detailText('not json')).toBe('not json')
    expect(detailText(null)).toBe('')
  })
})
