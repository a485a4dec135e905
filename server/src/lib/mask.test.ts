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

  // What a phone's keyboard, a Chinese IME or a copy from a document produces.
  it('masks mobiles written with full-width digits, dots, dashes of any width and runs of spaces', () => {
    expect(maskPersonalData('请回电１３８１２３４５６７８谢谢')).toBe('请回电138****5678谢谢')
    expect(maskPersonalData('电话138.1234.5678')).toBe('电话138****5678')
    expect(maskPersonalData('电话：１３８．１２３４．５６７８。')).toBe('电话：138****5678。')
    expect(maskPersonalData('电话 138  1234  5678 找我')).toBe('电话 138****5678 找我')
    expect(maskPersonalData('电话138\u30001234\u30005678')).toBe('电话138****5678')
    expect(maskPersonalData('电话138\u00a01234\u00a05678')).toBe('电话138****5678')
    expect(maskPersonalData('电话138－1234－5678')).toBe('电话138****5678')
    expect(maskPersonalData('电话138–1234—5678')).toBe('电话138****5678')
    expect(maskPersonalData('电话138\u200b1234\u200b5678')).toBe('电话138****5678')
    expect(maskPersonalData('＋８６ １３８ １２３４ ５６７８')).toBe('138****5678')
  })
  it('masks ID-card numbers written the same ways', () => {
    expect(maskPersonalData('身份证４３０１０２１９９００１０１１２３Ｘ')).toBe('身份证430102***********X')
    expect(maskPersonalData('身份证 430102 19900101 123X')).toBe('身份证 430102***********X')
    expect(maskPersonalData('身份证430102.1990.0101.1234')).toBe('身份证430102***********4')
    expect(maskPersonalData('身份证430102－19900101－1234')).toBe('身份证430102***********4')
    expect(maskPersonalData('身份证４３０１０２\u3000１９９００１０１\u3000１２３ｘ')).toBe('身份证430102***********x')
  })
  it('masks landlines written the same ways, with the area code in parentheses or not', () => {
    expect(maskPersonalData('联系（0746）8533171')).toBe('联系0746-***3171')
    expect(maskPersonalData('联系(010) 6234 5678')).toBe('联系010-****5678')
    expect(maskPersonalData('联系０７４６－８５３３１７１')).toBe('联系0746-***3171')
    expect(maskPersonalData('联系0746.853.3171')).toBe('联系0746-***3171')
    expect(maskPersonalData('联系0746  8533171')).toBe('联系0746-***3171')
    expect(maskPersonalData('联系02150123456')).toBe('联系021-****3456')
  })
  it('changes only the numbers: the rest of the text stays exactly as typed', () => {
    const typed = 'ＡＢＣ小区（东门）！电话１３８ １２３４ ５６７８，２０２６年３月。😀'
    expect(maskPersonalData(typed)).toBe('ＡＢＣ小区（东门）！电话138****5678，２０２６年３月。😀')
    expect(maskPersonalData('😀13812345678😀 和 😀0746-8533171')).toBe('😀138****5678😀 和 😀0746-***3171')
  })
  it('leaves dates, amounts, question numbers and short numbers alone, in any width', () => {
    for (const text of [
      '2026-12-03开会', '2026.12.03', '２０２６－１２－０３', '2026年12月03日 13:00-14:00',
      '补贴1,380,000元', '１，３８０，０００元', '共1,380,000.00元', '第12345号', '第１２３４５号',
      '12 34 56', '138 1234', '房间 0746', '430102199013011234', '1380000户，1234户',
    ]) expect(maskPersonalData(text)).toBe(text)
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
