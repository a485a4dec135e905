import { describe, expect, it } from 'vitest'
import { attachmentName } from './api.ts'

describe('attachmentName', () => {
  it('takes the UTF-8 name of the server\'s Content-Disposition, else the plain one, else the fallback', () => {
    const name = '12345来电记录-局长接听12345热线.xlsx'
    const header = `attachment; filename="hotline-calls-demo-hotline.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`
    expect(attachmentName(header, 'x.xlsx')).toBe(name)
    expect(attachmentName('attachment; filename="work-orders.csv"', 'x.csv')).toBe('work-orders.csv')
    expect(attachmentName('attachment; filename="a.csv"; filename*=UTF-8\'\'%E0%A4%A', 'x.csv')).toBe('a.csv')
    expect(attachmentName(null, 'x.csv')).toBe('x.csv')
  })
})
