// One translation namespace per area (DESIGN.md): each area's strings live in i18n/ns/<area>.<lang>.json,
// so areas grow without all editing one file. Components of an area call useTranslation('<area>').
import accountsEn from './ns/accounts.en.json'
import accountsZh from './ns/accounts.zh-CN.json'
import assignmentsEn from './ns/assignments.en.json'
import assignmentsZh from './ns/assignments.zh-CN.json'
import auditEn from './ns/audit.en.json'
import auditZh from './ns/audit.zh-CN.json'

export const namespaces = {
  'zh-CN': { accounts: accountsZh, assignments: assignmentsZh, audit: auditZh },
  en: { accounts: accountsEn, assignments: assignmentsEn, audit: auditEn },
} as const

export type AreaNamespaces = (typeof namespaces)['zh-CN']
