// One translation namespace per area (DESIGN.md): each area's strings live in i18n/ns/<area>.<lang>.json,
// so areas grow without all editing one file. Components of an area call useTranslation('<area>').
import accountsEn from './ns/accounts.en.json'
import accountsZh from './ns/accounts.zh-CN.json'
import assignmentsEn from './ns/assignments.en.json'
import assignmentsZh from './ns/assignments.zh-CN.json'
import auditEn from './ns/audit.en.json'
import auditZh from './ns/audit.zh-CN.json'
import assessmentEn from './ns/assessment.en.json'
import assessmentZh from './ns/assessment.zh-CN.json'
import proposalsEn from './ns/proposals.en.json'
import proposalsZh from './ns/proposals.zh-CN.json'
import planEn from './ns/plan.en.json'
import planZh from './ns/plan.zh-CN.json'
import calendarEn from './ns/calendar.en.json'
import calendarZh from './ns/calendar.zh-CN.json'
import eventsEn from './ns/events.en.json'
import eventsZh from './ns/events.zh-CN.json'
import publicityEn from './ns/publicity.en.json'
import publicityZh from './ns/publicity.zh-CN.json'
import repliesEn from './ns/replies.en.json'
import summariesEn from './ns/summaries.en.json'
import summariesZh from './ns/summaries.zh-CN.json'
import repliesZh from './ns/replies.zh-CN.json'
import pollsEn from './ns/polls.en.json'
import pollsZh from './ns/polls.zh-CN.json'
import surveysEn from './ns/surveys.en.json'
import surveysZh from './ns/surveys.zh-CN.json'
import attendanceEn from './ns/attendance.en.json'
import attendanceZh from './ns/attendance.zh-CN.json'
import policiesEn from './ns/policies.en.json'
import policiesZh from './ns/policies.zh-CN.json'
import venueEn from './ns/venue.en.json'
import venueZh from './ns/venue.zh-CN.json'

export const namespaces = {
  'zh-CN': { accounts: accountsZh, assignments: assignmentsZh, audit: auditZh, proposals: proposalsZh, plan: planZh, calendar: calendarZh, events: eventsZh, replies: repliesZh, publicity: publicityZh, summaries: summariesZh, assessment: assessmentZh, polls: pollsZh, surveys: surveysZh, attendance: attendanceZh, venue: venueZh, policies: policiesZh },
  en: { accounts: accountsEn, assignments: assignmentsEn, audit: auditEn, proposals: proposalsEn, plan: planEn, calendar: calendarEn, events: eventsEn, replies: repliesEn, publicity: publicityEn, summaries: summariesEn, assessment: assessmentEn, polls: pollsEn, surveys: surveysEn, attendance: attendanceEn, venue: venueEn, policies: policiesEn },
} as const

export type AreaNamespaces = (typeof namespaces)['zh-CN']
