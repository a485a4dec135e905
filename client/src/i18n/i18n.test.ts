import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN.json'
import en from './en.json'
import { namespaces } from './namespaces.ts'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]))
}

function placeholders(obj: object): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  const walk = (o: object, prefix: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'object' && v !== null) walk(v as object, `${prefix}${k}.`)
      else out[`${prefix}${k}`] = [...String(v).matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]!).sort()
    }
  }
  walk(obj, '')
  return out
}

// Component sources, raw, to catch UI text written straight into a component.
const sources = import.meta.glob('../**/*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>

describe('translations', () => {
  it('English has exactly the Chinese keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('both languages use the same interpolation variables', () => {
    expect(placeholders(en)).toEqual(placeholders(zhCN))
  })

  it('every area namespace has the same keys and variables in both languages', () => {
    for (const [ns, zh] of Object.entries(namespaces['zh-CN'])) {
      const other = namespaces.en[ns as keyof typeof namespaces.en]
      expect([ns, keys(other).sort()]).toEqual([ns, keys(zh).sort()])
      expect([ns, placeholders(other)]).toEqual([ns, placeholders(zh)])
    }
  })

  it('no component contains Chinese text outside the translation files', () => {
    const offenders = Object.entries(sources)
      .filter(([, src]) => /[\u4e00-\u9fff]/.test(src.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')))
      .map(([file]) => file)
    expect(Object.keys(sources).length).toBeGreaterThan(10)
    expect(offenders).toEqual([])
  })
})
