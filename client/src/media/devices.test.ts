import { describe, expect, it } from 'vitest'
import { cameraConstraints, mediaProblem } from './devices.ts'

describe('mediaProblem', () => {
  it('explains getUserMedia failures by their DOMException name', () => {
    const e = (name: string) => Object.assign(new Error('x'), { name })
    expect(mediaProblem(e('NotAllowedError'))).toBe('denied')
    expect(mediaProblem(e('NotFoundError'))).toBe('notFound')
    expect(mediaProblem(e('OverconstrainedError'))).toBe('notFound')
    expect(mediaProblem(e('NotReadableError'))).toBe('busy')
    expect(mediaProblem(e('InsecureContext'))).toBe('insecure')
    expect(mediaProblem({ name: 'NotAllowedError' })).toBe('denied')
    expect(mediaProblem('boom')).toBe('other')
  })
})

describe('cameraConstraints', () => {
  it('asks for the chosen camera exactly, at 720p', () => {
    expect(cameraConstraints('cam-2')).toMatchObject({ deviceId: { exact: 'cam-2' }, height: { ideal: 720 } })
    expect(cameraConstraints()).not.toHaveProperty('deviceId')
  })
})
