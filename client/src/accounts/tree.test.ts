import { describe, expect, it } from 'vitest'
import { asTree, descendantsOf, parentChoices } from './tree.ts'

const u = (id: string, parentId: string | null = null, active = true) => ({ id, code: id, parentId, active })
const units = [u('city'), u('county', null), u('town', 'county'), u('village', 'town'), u('zone'), u('closed', null, false)]

describe('unit tree', () => {
  it('finds everything below a unit', () => {
    expect([...descendantsOf(units, 'county')].sort()).toEqual(['town', 'village'])
    expect(descendantsOf(units, 'village').size).toBe(0)
  })

  it('offers as parents only active units outside the unit itself', () => {
    expect(parentChoices(units, 'county').map((x) => x.id)).toEqual(['city', 'zone'])
    expect(parentChoices(units, 'village').map((x) => x.id)).toEqual(['city', 'county', 'town', 'zone'])
    expect(parentChoices(units, null).map((x) => x.id)).toEqual(['city', 'county', 'town', 'village', 'zone'])
    // The deactivated parent it already has stays shown.
    expect(parentChoices([...units, u('child', 'closed')], 'child', 'closed').map((x) => x.id)).toContain('closed')
  })

  it('orders parents before their children, with depth, and survives a cycle in the data', () => {
    expect(asTree(units).map(({ unit, depth }) => `${unit.id}:${depth}`)).toEqual(['city:0', 'closed:0', 'county:0', 'town:1', 'village:2', 'zone:0'])
    const looped = [u('a', 'b'), u('b', 'a'), u('c')]
    expect(asTree(looped).map(({ unit }) => unit.id).sort()).toEqual(['a', 'b', 'c'])
    expect(descendantsOf(looped, 'a')).toEqual(new Set(['b']))
  })
})
