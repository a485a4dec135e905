import { describe, expect, it } from 'vitest'
import type { StageProducer } from '@openday/protocol'
import { chooseLayout, consumerPlan, groupMembers } from './layout.ts'

let n = 0
const p = (memberId: string, role: StageProducer['role'], source: StageProducer['source'], paused = false): StageProducer => ({
  id: `${memberId}-${source}-${++n}`, kind: source === 'mic' ? 'audio' : 'video', source, memberId, name: memberId, role, paused,
})

describe('groupMembers', () => {
  it('groups tracks by member and orders host, guests, citizens', () => {
    const list = [p('c1', 'citizen', 'camera'), p('g', 'guest', 'mic'), p('h', 'host', 'camera'), p('g', 'guest', 'camera'), p('h', 'host', 'mic')]
    const members = groupMembers(list)
    expect(members.map((m) => m.memberId)).toEqual(['h', 'g', 'c1'])
    expect(members[1]!.camera?.id).toBe(list[3]!.id)
    expect(members[1]!.mic?.id).toBe(list[1]!.id)
    expect(members[2]!.mic).toBeNull()
  })
})

describe('chooseLayout', () => {
  const host = [p('h', 'host', 'camera'), p('h', 'host', 'mic')]
  const guest = [p('g', 'guest', 'camera'), p('g', 'guest', 'mic')]

  it('is empty without producers', () => {
    expect(chooseLayout([], null)).toEqual({ main: null, thumbs: [] })
  })

  it('shows the active speaker large and the others as thumbnails', () => {
    const layout = chooseLayout([...host, ...guest], 'g')
    expect(layout.main?.member.memberId).toBe('g')
    expect(layout.main?.producer.source).toBe('camera')
    expect(layout.thumbs.map((m) => m.memberId)).toEqual(['h'])
  })

  it('falls back to the host, then the guest, when nobody speaks', () => {
    expect(chooseLayout([...guest, ...host], null).main?.member.memberId).toBe('h')
    expect(chooseLayout([...guest], null).main?.member.memberId).toBe('g')
  })

  it('keeps the previous picture in a pause instead of jumping back to the host', () => {
    const guestCamera = guest[0]!.id
    expect(chooseLayout([...host, ...guest], null, guestCamera).main?.member.memberId).toBe('g')
  })

  it('does not show a paused camera large; a speaker without a camera leaves the picture as it was', () => {
    const pausedGuest = [p('g', 'guest', 'camera', true), p('g', 'guest', 'mic')]
    const layout = chooseLayout([...host, ...pausedGuest], 'g')
    expect(layout.main?.member.memberId).toBe('h')
    expect(layout.thumbs.map((m) => m.memberId)).toEqual(['g'])
  })

  it('puts a screen share large, with every camera (the sharer too) as thumbnails', () => {
    const screen = p('g', 'guest', 'screen')
    const layout = chooseLayout([...host, ...guest, screen], 'h')
    expect(layout.main?.producer.id).toBe(screen.id)
    expect(layout.thumbs.map((m) => m.memberId)).toEqual(['h', 'g'])
  })

  it('prefers the screen of whoever speaks when two are shared', () => {
    const s1 = p('h', 'host', 'screen')
    const s2 = p('g', 'guest', 'screen')
    expect(chooseLayout([s1, s2], 'g').main?.producer.id).toBe(s2.id)
    expect(chooseLayout([s1, s2], null, s2.id).main?.producer.id).toBe(s2.id)
  })

  it('shows audio-only members as thumbnails when no one has a camera', () => {
    const layout = chooseLayout([p('c', 'citizen', 'mic')], 'c')
    expect(layout.main).toBeNull()
    expect(layout.thumbs.map((m) => m.memberId)).toEqual(['c'])
  })
})

describe('consumerPlan', () => {
  it('consumes new producers, drops gone ones, never consumes our own', () => {
    const list = [p('h', 'host', 'camera'), p('h', 'host', 'mic'), p('me', 'guest', 'camera')]
    const plan = consumerPlan(list, new Set([list[0]!.id, 'gone']), new Set([list[2]!.id]))
    expect(plan).toEqual({ consume: [list[1]!.id], drop: ['gone'] })
  })
})
