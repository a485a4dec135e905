import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { DOC, render } from '../../../scripts/permissions-doc.ts'

it('docs/PERMISSIONS.md is what the permission matrix gives (npx tsx scripts/permissions-doc.ts)', () => {
  expect(readFileSync(DOC, 'utf8')).toBe(render())
})
