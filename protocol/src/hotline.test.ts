import { describe, expect, it } from 'vitest'
import { CalendarDayBody, LogCall, Phone } from './hotline.ts'

const valid = (s: string) => Phone.safeParse(s).success

describe('Phone', () => {
  it('accepts mobiles and landlines with area code, as typed with spaces or dashes', () => {
    expect(Phone.parse('13812345678')).toBe('13812345678')
    expect(Phone.parse('138 1234 5678')).toBe('13812345678')
    expect(Phone.parse('138-1234-5678')).toBe('13812345678')
    expect(Phone.parse('0746-8533171')).toBe('07468533171') // 4-digit area code, 7-digit number
    expect(Phone.parse('010-62345678')).toBe('01062345678') // Beijing
    expect(Phone.parse('021 5012 3456')).toBe('02150123456') // Shanghai
    expect(valid('0755-86001234')).toBe(true)
    expect(valid('0746-8533171-801')).toBe(true) // extension
  })
  it('refuses what is neither', () => {
    for (const bad of ['', '12345', '12812345678', '1381234567', '138123456789', '8533171', '62345678',
      '00000000000', '0746-0533171', '010-12345678', '+8613812345678', '138l2345678', '１３８１２３４５６７８', '0'.repeat(31)]) {
      expect(valid(bad), bad).toBe(false)
    }
  })
  it('says why', () => {
    const r = Phone.safeParse('12345')
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toMatch(/mobile|landline/)
  })
})

describe('LogCall', () => {
  const base = {
    sessionId: 's1', clientId: 'abcdefgh-1', phone: '13812345678', domainId: 'd1', appealTypeId: 'a1',
    content: '小区门口路灯坏了', leader: '王建国', startedAt: '2026-11-28T02:00:00.000Z', endedAt: '2026-11-28T02:03:00.000Z',
  }
  it('needs the reply for an answered call and the unit for a handed-off one', () => {
    expect(LogCall.safeParse({ ...base, disposition: 'answered', reply: '已答复' }).success).toBe(true)
    expect(LogCall.safeParse({ ...base, disposition: 'answered' }).success).toBe(false)
    expect(LogCall.safeParse({ ...base, disposition: 'handed_off', unitId: 'u1' }).success).toBe(true)
    expect(LogCall.safeParse({ ...base, disposition: 'handed_off' }).success).toBe(false)
  })
  it('refuses a call that ends before it starts, unknown keys and wrong types', () => {
    const ok = { ...base, disposition: 'answered', reply: '已答复' }
    expect(LogCall.safeParse({ ...ok, endedAt: '2026-11-28T01:00:00.000Z' }).success).toBe(false)
    expect(LogCall.safeParse(JSON.parse(`{"__proto__":{"x":1},${JSON.stringify(ok).slice(1)}`)).success).toBe(false)
    expect(LogCall.safeParse({ ...ok, extra: 1 }).success).toBe(false)
    expect(LogCall.safeParse({ ...ok, phone: 13812345678 }).success).toBe(false)
    expect(LogCall.safeParse({ ...ok, disposition: 'lost' }).success).toBe(false)
    expect(LogCall.safeParse({ ...ok, content: 'x'.repeat(2001) }).success).toBe(false)
  })
})

describe('CalendarDayBody', () => {
  it('takes real dates only', () => {
    expect(CalendarDayBody.safeParse({ date: '2026-10-01', kind: 'holiday', name: '国庆节' }).success).toBe(true)
    expect(CalendarDayBody.safeParse({ date: '2026-02-30', kind: 'holiday', name: 'x' }).success).toBe(false)
    expect(CalendarDayBody.safeParse({ date: '2026-10-01', kind: 'weekend', name: 'x' }).success).toBe(false)
  })
})
