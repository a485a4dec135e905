import { describe, expect, it } from 'vitest'
import { maskName, maskPersonalData, maskPhone } from './mask.ts'

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
  it('keeps the first three and last four digits of a mobile', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
    expect(maskPhone('138 1234 1234')).toBe('138****1234')
  })
  it('keeps the area code and the last four digits of a landline', () => {
    expect(maskPhone('0746-8533171')).toBe('0746-***3171')
    expect(maskPhone('07468533171')).toBe('0746-***3171')
    expect(maskPhone('01062345678')).toBe('010-****5678')
    expect(maskPhone('02150123456')).toBe('021-****3456')
    expect(maskPhone('0755-86001234-801')).toBe('0755-*******4801')
  })
  it('never shows a short number whole', () => {
    expect(maskPhone('12345')).toBe('*****')
  })
})

describe('maskName', () => {
  it('shows only the first character', () => {
    expect(maskName('王建国')).toBe('王**')
    expect(maskName('欧阳')).toBe('欧*')
    expect(maskName('李')).toBe('*')
    expect(maskName('')).toBe('')
    expect(maskName('Alexander Hamilton the Third')).toBe('A******')
  })
})
