import type { AdminSessionDto, StaffPersonDto } from '@openday/protocol'
import { describe, expect, it } from 'vitest'
import { addable, matchPeople } from './people.ts'

const person = (id: string, displayName: string, role: StaffPersonDto['role'], unit: string | null): StaffPersonDto =>
  ({ id, username: id, displayName, role, unit: unit ? { id: `u-${unit}`, name: unit, nameEn: null } : null })
const people = [
  person('operator', '话务员 赵敏', 'operator', '市12345政务服务便民热线中心'),
  person('moderator', '审核员 陈静', 'moderator', '市政务公开办'),
  person('zhao', '赵刚', 'host', '市人力资源和社会保障局'),
]
const labels = { role: (p: StaffPersonDto) => ({ operator: '话务员', moderator: '审核员', host: '主持人' } as Record<string, string>)[p.role] ?? p.role, unit: (p: StaffPersonDto) => p.unit?.name ?? '' }

describe('the staff picker', () => {
  it('finds people by name, username, unit or role, names starting with the text first', () => {
    expect(matchPeople(people, '赵', labels).map((p) => p.id)).toEqual(['zhao', 'operator'])
    expect(matchPeople(people, 'MODER', labels).map((p) => p.id)).toEqual(['moderator'])
    expect(matchPeople(people, '人力资源', labels).map((p) => p.id)).toEqual(['zhao'])
    expect(matchPeople(people, '主持人', labels).map((p) => p.id)).toEqual(['zhao'])
    expect(matchPeople(people, 'operator', labels).map((p) => p.id)).toEqual(['operator'])
    expect(matchPeople(people, '热线 赵', labels).map((p) => p.id)).toEqual(['operator'])
    expect(matchPeople(people, '  ', labels)).toHaveLength(3)
    expect(matchPeople(people, '没有这个人', labels)).toEqual([])
  })

  it('offers only people not yet on the session', () => {
    const session = { staff: [{ user: { ...people[1]!, active: true }, role: 'moderator' }] } as unknown as AdminSessionDto
    expect(addable(people, session).map((p) => p.id)).toEqual(['operator', 'zhao'])
  })
})
