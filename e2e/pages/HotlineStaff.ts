import { expect } from '@playwright/test'
import type { Actor, Actors } from '../fixtures.ts'
import { LoginPage } from './LoginPage.ts'

/** Demo accounts of the hotline day that the shared `actors.staff` does not cover. */
export type HotlineStaffName = 'operator' | 'editor' | 'admin' | 'host'

const ROLE: Record<HotlineStaffName, string> = { operator: 'operator', editor: 'unit_editor', admin: 'admin', host: 'host' }

/** A new device on which `username` logged in through /login. */
export async function hotlineStaff(actors: Actors, username: HotlineStaffName): Promise<Actor> {
  const actor = await actors.citizen(username)
  const login = new LoginPage(actor.page)
  await login.goto()
  await login.login(username)
  await expect(actor.page.getByTestId('staff-user')).toHaveAttribute('data-role', ROLE[username])
  return actor
}
