import { describe, expect, it } from 'vitest'
import { Phone } from '@openday/protocol'
import { checkPhone, cleanPhone, formatPhone, isIncomplete } from './phone.ts'

describe('phone numbers as operators type them', () => {
  it('accepts mobiles and landlines with area code, with spaces and dashes', () => {
    for (const raw of ['13812345678', '138 1234 5678', '138-1234-5678', '0731-84567890', '010 8765 4321', '021-6234 5678', '0755-2345678', '0731-84567890-801']) {
      const c = checkPhone(raw)
      expect(c.valid, raw).toBe(true)
      expect(c.problem).toBeNull()
      // Whatever the console accepts, the server's schema accepts too.
      expect(Phone.safeParse(c.digits).success, raw).toBe(true)
    }
    expect(checkPhone('13812345678').kind).toBe('mobile')
    expect(checkPhone('0731-84567890').kind).toBe('landline')
  })

  it('drops a country prefix in front of a mobile', () => {
    expect(cleanPhone('+86 138 1234 5678')).toBe('13812345678')
    expect(cleanPhone('0086-13812345678')).toBe('13812345678')
    expect(cleanPhone('8613812345678')).toBe('13812345678')
    expect(checkPhone('+86 13812345678').valid).toBe(true)
  })

  it('names the mistake and how many digits are missing or too many', () => {
    expect(checkPhone('')).toMatchObject({ problem: 'empty', valid: false })
    expect(checkPhone('   ')).toMatchObject({ problem: 'empty' })
    expect(checkPhone('1381234')).toMatchObject({ problem: 'mobileShort', missing: 4, kind: 'mobile' })
    expect(checkPhone('138123456789')).toMatchObject({ problem: 'mobileLong', extra: 1 })
    expect(checkPhone('12812345678')).toMatchObject({ problem: 'mobilePrefix' })
    expect(checkPhone('0731-8456')).toMatchObject({ problem: 'landlineShort', missing: 3, kind: 'landline' })
    expect(checkPhone('010-8765')).toMatchObject({ problem: 'landlineShort', missing: 3 })
    expect(checkPhone(`0731${'8'.repeat(15)}`)).toMatchObject({ problem: 'landlineLong', extra: 1 })
    expect(checkPhone('00731')).toMatchObject({ problem: 'areaCode' })
    expect(checkPhone('0118765432')).toMatchObject({ problem: 'areaCode' })
    expect(checkPhone('0731-1234567')).toMatchObject({ problem: 'landlineLocal' })
    expect(checkPhone('010-0234567')).toMatchObject({ problem: 'landlineLocal' })
    expect(checkPhone('84567890')).toMatchObject({ problem: 'noAreaCode', kind: null })
    expect(checkPhone('138abc12345')).toMatchObject({ problem: 'chars' })
    expect(checkPhone('+1 555 0100')).toMatchObject({ problem: 'chars' })
  })

  it('treats a number that more digits can complete as still being typed', () => {
    expect(isIncomplete(checkPhone('138'))).toBe(true)
    expect(isIncomplete(checkPhone('0731'))).toBe(true)
    expect(isIncomplete(checkPhone('128'))).toBe(false)
    expect(isIncomplete(checkPhone('84567890'))).toBe(false)
    expect(isIncomplete(checkPhone('13812345678'))).toBe(false)
  })

  it('reads numbers back in groups', () => {
    expect(formatPhone('13812345678')).toBe('138 1234 5678')
    expect(formatPhone('073184567890')).toBe('0731-8456 7890')
    expect(formatPhone('01087654321')).toBe('010-8765 4321')
    expect(formatPhone('02162345678')).toBe('021-6234 5678')
    expect(formatPhone('07552345678')).toBe('0755-234 5678')
    expect(formatPhone('073184567890801')).toBe('0731-8456 7890 801')
    expect(formatPhone('1381')).toBe('1381')
  })
})
