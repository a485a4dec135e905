import type { StageProducer, StageRole } from '@openday/protocol'

/** One person on stage: their tracks grouped by source (the server groups them by memberId). */
export interface StageMember {
  memberId: string
  name: string
  role: StageRole
  camera: StageProducer | null
  mic: StageProducer | null
  screen: StageProducer | null
}

export interface StageLayout {
  /** The large picture: a screen share if there is one, else a camera. */
  main: { member: StageMember; producer: StageProducer } | null
  /** Everyone else (the screen sharer's camera too), cameras or name cards. */
  thumbs: StageMember[]
}

const ROLE_ORDER: Record<StageRole, number> = { host: 0, guest: 1, citizen: 2 }

/** Members in a stable order (host, guests, citizens; then by first track) so tiles do not jump. */
export function groupMembers(producers: readonly StageProducer[]): StageMember[] {
  const byId = new Map<string, StageMember>()
  for (const p of producers) {
    let m = byId.get(p.memberId)
    if (!m) {
      m = { memberId: p.memberId, name: p.name, role: p.role, camera: null, mic: null, screen: null }
      byId.set(p.memberId, m)
    }
    m[p.source] = p
  }
  const order = [...byId.keys()]
  return [...byId.values()].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || order.indexOf(a.memberId) - order.indexOf(b.memberId))
}

const live = (p: StageProducer | null): p is StageProducer => p !== null && !p.paused

/**
 * Who fills the large picture. A screen share wins (it is what the guest is talking about); then
 * whoever speaks. In a pause (`activeSpeaker` null, or a speaker without a camera) the previous
 * choice stays, so the picture does not flick back and forth between sentences; only when that is
 * gone too does it fall back to the host, the guest, then anyone with a camera.
 */
export function chooseLayout(producers: readonly StageProducer[], activeSpeaker: string | null, previousMainId: string | null = null): StageLayout {
  const members = groupMembers(producers)
  const find = (id: string | null) => (id === null ? undefined : members.find((m) => m.memberId === id))

  const screens = members.filter((m) => live(m.screen))
  if (screens.length > 0) {
    const owner = screens.find((m) => m.memberId === activeSpeaker) ?? screens.find((m) => m.screen!.id === previousMainId) ?? screens[0]!
    return { main: { member: owner, producer: owner.screen! }, thumbs: members }
  }

  const candidates: (StageMember | undefined)[] = [
    find(activeSpeaker),
    members.find((m) => m.camera?.id === previousMainId),
    members.find((m) => m.role === 'host' && live(m.camera)),
    members.find((m) => m.role === 'guest' && live(m.camera)),
    members.find((m) => live(m.camera)),
  ]
  const chosen = candidates.find((m): m is StageMember => m !== undefined && live(m.camera))
  if (!chosen) return { main: null, thumbs: members }
  return { main: { member: chosen, producer: chosen.camera! }, thumbs: members.filter((m) => m !== chosen) }
}

/** Producers to consume now and consumers to drop, given what the stage lists and what we hold. */
export function consumerPlan(producers: readonly StageProducer[], consumed: ReadonlySet<string>, own: ReadonlySet<string>): { consume: string[]; drop: string[] } {
  const wanted = new Set(producers.filter((p) => !own.has(p.id)).map((p) => p.id))
  return {
    consume: [...wanted].filter((id) => !consumed.has(id)),
    drop: [...consumed].filter((id) => !wanted.has(id)),
  }
}
