import type { Logger } from 'pino'
import { timingSafeEqual } from 'node:crypto'
import { ConfigError } from '../../config.ts'
import type { Db } from '../../db/client.ts'
import { inTransaction } from '../../db/tx.ts'
import { type DataCipher, DecryptError, LEGACY_PREFIX } from '../../lib/crypto.ts'
import { CALL_SLOT } from '../hotline/dto.ts'
import * as repo from './repository.ts'

// The data key at start-up: is it the key this database was written with, and are all stored
// ciphertexts bound to their rows? Both run before the server (or the seed) writes anything.

/** The Setting row holding the key's check value (lib/crypto.ts keyCheck). */
export const KEY_CHECK_SETTING = 'data_key.check'

/** The associated data of v1 ciphertexts: the column only. Known here and nowhere else. */
const LEGACY_CONTEXT = { phone: 'hotline_call.phone', callerName: 'hotline_call.caller_name' } as const

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/** Whether the key opens this call's number, in whichever version it is stored. */
function opens(cipher: DataCipher, c: repo.CallCiphers): boolean {
  try {
    if (c.phoneCipher.startsWith(LEGACY_PREFIX)) cipher.decryptLegacy(c.phoneCipher, LEGACY_CONTEXT.phone)
    else cipher.decrypt(c.phoneCipher, CALL_SLOT.phone(c.id))
    return true
  } catch (err) {
    if (err instanceof DecryptError) return false
    throw err
  }
}

/**
 * Refuses (ConfigError) a key that is not the database's. The first start records the key's check
 * value; a database that already has calls but no check value (written before there was one) gets
 * it only once the key opens one of those calls. `source` names the setting to fix.
 */
export async function checkDataKey(db: Db, cipher: DataCipher, source: string): Promise<'matched' | 'recorded'> {
  const expected = cipher.keyCheck()
  // Twice at most: when another process records its value first, compare with that one.
  for (let attempt = 0; ; attempt++) {
    const stored = await repo.getSetting(db, KEY_CHECK_SETTING)
    if (stored !== null) {
      if (same(stored, expected)) return 'matched'
      throw new ConfigError(`the data encryption key is not the one this database was written with (its check value, Setting "${KEY_CHECK_SETTING}", `
        + `was made with another key): set ${source} to this database's key. Starting anyway would hide callers' names and numbers and write new ones under the wrong key.`)
    }
    const sample = await repo.sampleCallCiphers(db, 3)
    if (sample.length && !sample.some((c) => opens(cipher, c))) {
      throw new ConfigError(`the data encryption key does not decrypt the hotline calls already in this database: set ${source} to the key they were written with `
        + `(the check value, Setting "${KEY_CHECK_SETTING}", is recorded once a key opens them)`)
    }
    if (await repo.createSetting(db, KEY_CHECK_SETTING, expected)) return 'recorded'
    if (attempt) throw new Error(`${KEY_CHECK_SETTING} is neither readable nor writable`)
  }
}

/** A call's columns bound to its row (v2); null when a v1 value does not decrypt. */
function rebind(cipher: DataCipher, c: repo.CallCiphers): Omit<repo.CallCiphers, 'id'> | null {
  const one = (token: string, context: string, slot: ReturnType<typeof CALL_SLOT.phone>) =>
    token.startsWith(LEGACY_PREFIX) ? cipher.encrypt(cipher.decryptLegacy(token, context), slot) : token
  try {
    return {
      phoneCipher: one(c.phoneCipher, LEGACY_CONTEXT.phone, CALL_SLOT.phone(c.id)),
      callerNameCipher: c.callerNameCipher === null ? null : one(c.callerNameCipher, LEGACY_CONTEXT.callerName, CALL_SLOT.callerName(c.id)),
    }
  } catch (err) {
    if (err instanceof DecryptError) return null
    throw err
  }
}

/**
 * Re-encrypts every v1 ciphertext as v2, bound to its row: SQL alone cannot, so this runs at
 * start-up, after checkDataKey. Batches in id order, one transaction each, compare-and-set per
 * row: safe to interrupt and to run again (or in two processes at once); done, it finds nothing.
 * A v1 value the key does not open (altered, or written under another key) is left as it is and
 * named in the log: it could not be shown before either, and v1 is no longer read.
 */
export async function migrateCiphertexts(db: Db, cipher: DataCipher, log: Logger, batchSize = 200): Promise<{ migrated: number; unreadable: string[] }> {
  let after = ''
  let migrated = 0
  const unreadable: string[] = []
  for (;;) {
    const batch = await repo.callsWithVersion(db, LEGACY_PREFIX, after, batchSize)
    if (!batch.length) break
    after = batch.at(-1)!.id
    migrated += await inTransaction(db, async (tx) => {
      let n = 0
      for (const c of batch) {
        const to = rebind(cipher, c)
        if (!to) unreadable.push(c.id)
        else if (await repo.replaceCallCiphers(tx, c, to)) n++
      }
      return n
    })
  }
  if (migrated) log.info({ migrated }, 'bound the encrypted names and numbers of hotline calls to their rows (v1 -> v2)')
  if (unreadable.length) {
    log.warn({ calls: unreadable.length, ids: unreadable.slice(0, 20) }, 'hotline calls with v1 ciphertexts this key does not open were left as they are: their names and numbers cannot be shown')
  }
  return { migrated, unreadable }
}
