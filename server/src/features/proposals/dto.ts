import type { Contact, EventForm, HalfDay, ProposalDto, ProposalStatus, ProposalSummaryDto, ProposalVersionContent, ProposalVersionDto } from '@openday/protocol'
import type { CipherSlot, DataCipher } from '../../lib/crypto.ts'
import type { ProposalRow } from './repository.ts'

// Contacts are staff phones and e-mails: ciphertext in the database, bound to their row, opened
// only for a ProposalDto / ProposalVersionDto (the units' editors and the admin).
export const contactsSlot = (id: string): CipherSlot => ({ table: 'proposal', column: 'contacts', rowId: id })
export const versionContactsSlot = (id: string): CipherSlot => ({ table: 'proposal_version', column: 'contacts', rowId: id })

export const sealContacts = (cipher: DataCipher, contacts: Contact[], slot: CipherSlot) => cipher.encrypt(JSON.stringify(contacts), slot)
export const openContacts = (cipher: DataCipher, token: string, slot: CipherSlot): Contact[] =>
  token ? (JSON.parse(cipher.decrypt(token, slot)) as Contact[]) : []

const iso = (d: Date | null) => d?.toISOString() ?? null

export const toSummaryDto = (p: ProposalRow): ProposalSummaryDto => ({
  id: p.id, year: p.year, unit: p.unit,
  jointUnits: p.jointUnits.map((j) => j.unit).sort((a, b) => a.name.localeCompare(b.name)),
  theme: p.theme, month: p.month, halfDay: p.halfDay as HalfDay, form: p.form as EventForm | null,
  status: p.status as ProposalStatus, revision: p.revision, submittedAt: iso(p.submittedAt), late: p.late,
  returnReason: p.returnReason, versions: p._count.versions, updatedAt: p.updatedAt.toISOString(),
})

export const toProposalDto = (p: ProposalRow, cipher: DataCipher, canEdit: boolean): ProposalDto => ({
  ...toSummaryDto(p), steps: p.steps, contacts: openContacts(cipher, p.contactsCipher, contactsSlot(p.id)),
  submittedRevision: p.submittedRevision, decidedAt: iso(p.decidedAt), canEdit,
})

/** What a version keeps (contacts aside, which are sealed in their own column). */
export const versionContent = (p: ProposalRow): ProposalVersionContent => ({
  theme: p.theme, month: p.month, halfDay: p.halfDay as HalfDay, form: p.form as EventForm | null, steps: p.steps,
  jointUnitIds: p.jointUnits.map((j) => j.unitId).sort(),
})

interface VersionRow { id: string; number: number; content: string; contactsCipher: string; late: boolean; submittedAt: Date; submittedById: string }
export const toVersionDto = (v: VersionRow, cipher: DataCipher, names: Map<string, string>): ProposalVersionDto => ({
  ...(JSON.parse(v.content) as ProposalVersionContent), number: v.number, late: v.late, submittedAt: v.submittedAt.toISOString(),
  submittedBy: names.get(v.submittedById) ?? '', contacts: openContacts(cipher, v.contactsCipher, versionContactsSlot(v.id)),
})
