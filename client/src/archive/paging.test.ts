import type { ArchiveListItemDto } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { appendPage, pageSizeFrom } from './paging.ts'

const item = (id: string) => ({ session: { id } }) as ArchiveListItemDto

describe('archive paging', () => {
  it('takes a page size from the address only when the server would accept it', () => {
    expect(pageSizeFrom('5')).toBe(5)
    expect(pageSizeFrom('50')).toBe(50)
    for (const bad of [null, '', '0', '51', '1.5', '-2', 'abc', '2x']) expect(pageSizeFrom(bad), String(bad)).toBeUndefined()
  })

  it('appends the next page after what is shown, each session once', () => {
    const shown = appendPage([item('a'), item('b')], { items: [item('b'), item('c')], nextCursor: null, total: 3 })
    expect(shown.map((i) => i.session.id)).toEqual(['a', 'b', 'c'])
  })
})
