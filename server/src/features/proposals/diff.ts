import type { Contact, DiffPart, FieldDiff, ProposalVersionDto } from '@openday/protocol'
import { diffChars, diffLines } from 'diff'

// Field by field between two submitted versions. Chinese has no spaces between words, so free
// text is compared by character; lists (contacts, joint units) line by line, one item a line.

const parts = (changes: { value: string; added?: boolean; removed?: boolean }[]): DiffPart[] =>
  changes.map((c) => ({ value: c.value, ...(c.added ? { added: true } : {}), ...(c.removed ? { removed: true } : {}) }))

function field(name: FieldDiff['field'], a: string, b: string, by: 'chars' | 'lines'): FieldDiff {
  if (a === b) return { field: name, changed: false, parts: a ? [{ value: a }] : [] }
  return { field: name, changed: true, parts: parts(by === 'chars' ? diffChars(a, b) : diffLines(a, b)) }
}

const contactLine = (c: Contact) => [c.name, c.position, c.phone, c.email].filter(Boolean).join(' · ')
const lines = (xs: string[]) => xs.map((x) => `${x}\n`).join('')

export function versionDiff(a: ProposalVersionDto, b: ProposalVersionDto, unitName: (id: string) => string): FieldDiff[] {
  return [
    field('theme', a.theme, b.theme, 'chars'),
    field('month', a.month === null ? '' : String(a.month), b.month === null ? '' : String(b.month), 'lines'),
    field('halfDay', a.halfDay, b.halfDay, 'lines'),
    field('form', a.form ?? '', b.form ?? '', 'lines'),
    field('steps', a.steps, b.steps, 'chars'),
    field('jointUnits', lines(a.jointUnitIds.map(unitName)), lines(b.jointUnitIds.map(unitName)), 'lines'),
    field('contacts', lines(a.contacts.map(contactLine)), lines(b.contacts.map(contactLine)), 'lines'),
  ]
}
