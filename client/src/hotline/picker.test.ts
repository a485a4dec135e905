import { describe, expect, it } from 'vitest'
import { digitOf, filterItems, labelOf, pickByDigit } from './picker.ts'

const DOMAINS = [
  { id: 'econ', label: '经济调节', alt: ['Economic regulation'] },
  { id: 'market', label: '市场监管', alt: ['Market supervision'] },
  { id: 'social', label: '社会管理', alt: ['Social management'] },
  { id: 'public', label: '公共服务', alt: ['Public services'] },
  { id: 'eco', label: '生态环境', alt: ['Ecological environment'] },
  { id: 'city', label: '城市管理', alt: ['Urban management'] },
  { id: 'other', label: '其他', alt: ['Other'] },
]

describe('keyboard picking', () => {
  it('picks by number key', () => {
    expect(pickByDigit(DOMAINS, '1')?.id).toBe('econ')
    expect(pickByDigit(DOMAINS, '6')?.id).toBe('city')
    expect(pickByDigit(DOMAINS, '8')).toBeNull()
    expect(pickByDigit(DOMAINS, '0')).toBeNull()
    expect(pickByDigit(DOMAINS, 'a')).toBeNull()
    expect(digitOf(0)).toBe('1')
    expect(digitOf(8)).toBe('9')
    expect(digitOf(9)).toBeNull()
  })

  it('narrows by typed text, names starting with it first', () => {
    expect(filterItems(DOMAINS, '').length).toBe(7)
    expect(filterItems(DOMAINS, '管理').map((d) => d.id)).toEqual(['social', 'city'])
    expect(filterItems(DOMAINS, '城').map((d) => d.id)).toEqual(['city'])
    expect(filterItems(DOMAINS, 'mar').map((d) => d.id)).toEqual(['market'])
    // "e": Economic and Ecological start with it, the others only contain it.
    expect(filterItems(DOMAINS, 'E').slice(0, 2).map((d) => d.id)).toEqual(['econ', 'eco'])
    expect(filterItems(DOMAINS, 'zzz')).toEqual([])
  })

  it('labels in the reader language', () => {
    expect(labelOf({ name: '投诉', nameEn: 'Complaint' }, 'en')).toBe('Complaint')
    expect(labelOf({ name: '投诉', nameEn: null }, 'en')).toBe('投诉')
    expect(labelOf({ name: '投诉', nameEn: 'Complaint' }, 'zh-CN')).toBe('投诉')
  })
})
