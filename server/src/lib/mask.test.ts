import { describe, expect, it } from 'vitest'
import { maskPersonalData, maskPhone } from './mask.ts'

describe('maskPersonalData', () => {
  it('masks mobile numbers in any common spelling', () => {
    expect(maskPersonalData('请回电13812345678谢谢')).toBe('请回电138****5678谢谢')
    expect(maskPersonalData('电话 138 1234 5678')).toBe('电话 138****5678')
    expect(maskPersonalData('+86 13812345678')).toBe('138****5678')
  })
  it('masks ID-card numbers including an X check digit', () => {
    expect(maskPersonalData('身份证430102199001011234')).toBe('身份证430102***********4')
    expect(maskPersonalData('id 43010219900101123X.')).toBe('id 430102***********X.')
  })
  it('masks landlines with area code', () => {
    expect(maskPersonalData('联系0746-8533171')).toBe('联系0746-***3171')
  })
  it('leaves ordinary numbers alone', () => {
    expect(maskPersonalData('2022年5月16日前，共123456户')).toBe('2022年5月16日前，共123456户')
    expect(maskPersonalData('订单号 123456789012345678901')).toBe('订单号 123456789012345678901')
  })
})

describe('maskPhone', () => {
  it('keeps the first three and last four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('0746-8533171')).toBe('074****3171')
  })
})
