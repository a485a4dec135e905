import { describe, expect, it } from 'vitest'
import { SensitiveFilter } from './sensitive.ts'

describe('SensitiveFilter', () => {
  const f = new SensitiveFilter(['赌博', 'Spam', '代开发票'])
  it('finds listed words', () => {
    expect(f.hits('这里有人赌博')).toEqual(['赌博'])
    expect(f.hits('正常的问题')).toEqual([])
  })
  it('sees through case, width and separators', () => {
    expect(f.hits('ＳＰＡＭ here')).toEqual(['Spam'])
    expect(f.hits('代 开-发.票')).toEqual(['代开发票'])
  })
  it('reports each word once', () => {
    expect(f.hits('赌博赌博')).toEqual(['赌博'])
  })
  it('ignores empty entries', () => {
    expect(new SensitiveFilter([' ', '']).hits('anything')).toEqual([])
  })
})
