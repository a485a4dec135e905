/** The empty office's first admin (the "year" project's server, `npm run db:init -- office`) and its one-time password. */
export const OFFICE_ADMIN = { username: 'office', oneTimePassword: 'E2EY-EARA-DMJN-PASS' } as const
