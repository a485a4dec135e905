import { describe, expect, it } from 'vitest'
import type { WorkOrderDto } from '@openday/protocol'
import { actionsFor, closedOnTime, sortWorkOrders } from './workOrders.ts'
import { workOrdersPath } from './api.ts'

const wo = (over: Partial<WorkOrderDto> = {}): WorkOrderDto => ({
  id: 'w1', callId: 'c1', sessionId: 's', unitId: 'rsj', unitName: '人社局', status: 'assigned', overdue: false,
  dueAt: '2026-05-20T15:59:59.999Z', domainId: 'd', appealTypeId: 't', content: 'x', phoneMasked: '138****5678',
  reply: null, satisfaction: null, reopenCount: 0, acceptedAt: null, repliedAt: null, callbackAt: null, closedAt: null,
  createdAt: '2026-05-15T02:00:00.000Z', ...over,
})

describe('work order actions', () => {
  const editor = { role: 'unit_editor' as const, unitId: 'rsj' }
  const otherEditor = { role: 'unit_editor' as const, unitId: 'zjj' }
  const operator = { role: 'operator' as const, unitId: 'rx' }
  const admin = { role: 'admin' as const, unitId: 'gkb' }

  it('lets the unit accept and reply, the hotline call back, the admin everything', () => {
    expect(actionsFor(wo(), editor)).toEqual(['accept'])
    expect(actionsFor(wo({ status: 'accepted' }), editor)).toEqual(['reply'])
    expect(actionsFor(wo({ status: 'replied' }), editor)).toEqual([])
    expect(actionsFor(wo({ status: 'replied' }), operator)).toEqual(['callback'])
    expect(actionsFor(wo(), operator)).toEqual([])
    expect(actionsFor(wo(), otherEditor)).toEqual([])
    expect(actionsFor(wo({ status: 'accepted' }), admin)).toEqual(['reply'])
    expect(actionsFor(wo({ status: 'replied' }), admin)).toEqual(['callback'])
    expect(actionsFor(wo({ status: 'closed' }), admin)).toEqual([])
  })

  it('puts overdue orders first and closed ones last', () => {
    const list = sortWorkOrders([
      wo({ id: 'closed', status: 'closed', dueAt: '2026-05-01T00:00:00Z' }),
      wo({ id: 'later', dueAt: '2026-05-30T00:00:00Z' }),
      wo({ id: 'sooner', dueAt: '2026-05-21T00:00:00Z' }),
      wo({ id: 'late', overdue: true, dueAt: '2026-05-10T00:00:00Z' }),
    ])
    expect(list.map((w) => w.id)).toEqual(['late', 'sooner', 'later', 'closed'])
  })

  it('knows what closed on time means', () => {
    expect(closedOnTime(wo({ status: 'closed', closedAt: '2026-05-19T00:00:00Z' }))).toBe(true)
    expect(closedOnTime(wo({ status: 'closed', closedAt: '2026-05-21T00:00:00Z' }))).toBe(false)
    expect(closedOnTime(wo({ status: 'replied' }))).toBe(false)
  })

  it('builds the list query', () => {
    expect(workOrdersPath()).toBe('/api/work-orders')
    expect(workOrdersPath({ status: 'accepted', overdue: true })).toBe('/api/work-orders?status=accepted&overdue=1')
    expect(workOrdersPath({ status: '', overdue: false })).toBe('/api/work-orders')
  })
})
