import { describe, expect, it } from 'vitest'
import { workOrdersExportPath } from './api.ts'

describe('workOrdersExportPath', () => {
  it('is the masked file of the list as filtered, never a full one', () => {
    expect(workOrdersExportPath('xlsx')).toBe('/api/work-orders.xlsx')
    expect(workOrdersExportPath('csv', { status: 'assigned', overdue: true })).toBe('/api/work-orders.csv?status=assigned&overdue=1')
    expect(workOrdersExportPath('csv', { status: '', overdue: false })).toBe('/api/work-orders.csv')
  })
})
