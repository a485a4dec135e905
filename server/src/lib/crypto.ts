import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Logger } from 'pino'
import type { Config } from '../config.ts'
import { ConfigError } from '../config.ts'

// Callers' names and numbers are personal data: stored only as AES-256-GCM ciphertext (the tag
// makes any change to a stored value fail loudly instead of decrypting to garbage), with a keyed
// hash of the number so repeat callers are found without decrypting anything.

export const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16
/**
 * The ciphertext format. v1 bound only the column name, so a ciphertext copied from one row into
 * another decrypted there; v2 binds table, row id and column. v1 is read only by the start-up
 * migration (features/datakey), never by a request.
 */
const VERSION = 'v2'
const LEGACY_VERSION = 'v1'
/**
 * The HKDF labels stay "v1" whatever the ciphertext version: changing them would change every
 * derived key (the cipher key, the phone hash and other features' subkeys) for the same secret.
 */
const KDF_VERSION = 'v1'
/** The check value's fixed message: what is stored is an HMAC of it, never anything of the key. */
const KEY_CHECK_LABEL = 'openday data key check'

/**
 * Keys derived from one master key (HKDF), so the cipher key, the hash key and the check key never
 * coincide, and other features derive their own from the same configured secret.
 */
export function subkey(master: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `openday/${KDF_VERSION}/${label}`, KEY_BYTES))
}

/** Where a ciphertext is stored. Bound as associated data: it decrypts in this row and column only. */
export interface CipherSlot { table: string; column: string; rowId: string }

export interface DataCipher {
  /** `v2:<iv>:<tag>:<ciphertext>` (base64url), bound to its slot. */
  encrypt(plain: string, slot: CipherSlot): string
  /** Throws DecryptError on a wrong key, a changed value, another slot or a v1 ciphertext. */
  decrypt(token: string, slot: CipherSlot): string
  /** A v1 ciphertext, bound to `context` (its column) only: for the migration to v2, nothing else. */
  decryptLegacy(token: string, context: string): string
  /** HMAC-SHA256 (hex) of a phone number in its normalised form (digits only). */
  phoneHash(normalisedPhone: string): string
  /**
   * A value that tells whether a database was written with this key (stored at first start, see
   * features/datakey). An HMAC under its own subkey: it shows nothing of the key or the other subkeys.
   */
  keyCheck(): string
}

export class DecryptError extends Error {}

/** JSON: unambiguous whatever the ids contain, so two different slots never give the same bytes. */
const slotAad = (s: CipherSlot) => Buffer.from(JSON.stringify([VERSION, s.table, s.rowId, s.column]), 'utf8')

export function createDataCipher(masterKey: Buffer): DataCipher {
  if (masterKey.length !== KEY_BYTES) throw new Error(`the data encryption key must be ${KEY_BYTES} bytes`)
  const encKey = subkey(masterKey, 'aes-256-gcm')
  const macKey = subkey(masterKey, 'phone-hmac')
  const checkKey = subkey(masterKey, 'key-check')

  function open(token: string, version: string, aad: Buffer): string {
    const [v, iv, tag, body, ...rest] = token.split(':')
    if (v !== version || iv === undefined || tag === undefined || body === undefined || rest.length) throw new DecryptError(`not a ${version} ciphertext`)
    const ivBuf = Buffer.from(iv, 'base64url')
    const tagBuf = Buffer.from(tag, 'base64url')
    if (ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES) throw new DecryptError('malformed ciphertext')
    try {
      const d = createDecipheriv('aes-256-gcm', encKey, ivBuf, { authTagLength: TAG_BYTES })
      d.setAAD(aad)
      d.setAuthTag(tagBuf)
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
    } catch {
      throw new DecryptError('ciphertext does not authenticate (wrong key, altered data or another row)')
    }
  }

  return {
    encrypt(plain, slot) {
      const iv = randomBytes(IV_BYTES)
      const c = createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES })
      c.setAAD(slotAad(slot))
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return [VERSION, iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join(':')
    },
    decrypt: (token, slot) => open(token, VERSION, slotAad(slot)),
    decryptLegacy: (token, context) => open(token, LEGACY_VERSION, Buffer.from(context, 'utf8')),
    phoneHash(normalisedPhone) {
      return createHmac('sha256', macKey).update(normalisedPhone, 'utf8').digest('hex')
    },
    keyCheck() {
      return `hmac-sha256:${createHmac('sha256', checkKey).update(KEY_CHECK_LABEL, 'utf8').digest('hex')}`
    },
  }
}

/** How a v1 ciphertext (written before rows were bound, see features/datakey) starts. */
export const LEGACY_PREFIX = `${LEGACY_VERSION}:`

/** A key written as base64 (or base64url) text; null when it does not decode to 32 bytes. */
export function decodeKey(text: string): Buffer | null {
  const t = text.trim()
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return null
  const buf = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64')
  return buf.length === KEY_BYTES ? buf : null
}

/** Where a demo (DEMO_MODE) keeps the key it made for itself. */
export const devKeyPath = (dataDir: string) => join(dataDir, 'secret.key')

type KeyConfig = Pick<Config, 'DATA_ENCRYPTION_KEY' | 'DATA_ENCRYPTION_KEY_FILE' | 'DATA_DIR' | 'DEMO_MODE'>

/** The setting the key comes from, for messages that must say what to fix. */
export function keySource(config: KeyConfig): string {
  if (config.DATA_ENCRYPTION_KEY) return 'DATA_ENCRYPTION_KEY'
  if (config.DATA_ENCRYPTION_KEY_FILE) return `DATA_ENCRYPTION_KEY_FILE (${config.DATA_ENCRYPTION_KEY_FILE})`
  return `the demo key ${devKeyPath(config.DATA_DIR)} (DEMO_MODE; or set DATA_ENCRYPTION_KEY)`
}

/**
 * The master key, from DATA_ENCRYPTION_KEY, else DATA_ENCRYPTION_KEY_FILE (base64 text or 32 raw
 * bytes), else — in DEMO_MODE only — DATA_DIR/secret.key, made on first use. A key is never made
 * otherwise: one made beside the database is lost with the disk and copied with every backup of
 * it. The seed and the server resolve it the same way, so demo calls stay readable. Throws ConfigError.
 */
export function loadDataKey(config: KeyConfig, log?: Logger): Buffer {
  if (config.DATA_ENCRYPTION_KEY) {
    const key = decodeKey(config.DATA_ENCRYPTION_KEY)
    if (!key) throw new ConfigError(`DATA_ENCRYPTION_KEY must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`)
    return key
  }
  if (config.DATA_ENCRYPTION_KEY_FILE) return readKeyFile(config.DATA_ENCRYPTION_KEY_FILE, log)
  const path = devKeyPath(config.DATA_DIR)
  if (!config.DEMO_MODE) {
    // Earlier versions made this file outside production: that deployment's calls are under it.
    const left = existsSync(path)
      ? ` ${path} exists (made by an earlier version or a demo): if this database's calls were written with it, move it away from DATA_DIR and its backups and set DATA_ENCRYPTION_KEY_FILE to it.`
      : ''
    throw new ConfigError('no data encryption key: set DATA_ENCRYPTION_KEY (openssl rand -base64 32) or DATA_ENCRYPTION_KEY_FILE, '
      + `kept apart from the database and its backups; only a demo (DEMO_MODE=true) makes its own key in DATA_DIR.${left}`)
  }
  try {
    mkdirSync(config.DATA_DIR, { recursive: true })
    // 'wx': two processes starting on one DATA_DIR (the seed, then the server) must not both create it.
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    log?.warn({ path }, 'DEMO_MODE: created a random data key in DATA_DIR; a backup of DATA_DIR holds it beside the data, and losing it makes stored phone numbers unreadable')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError(`cannot create ${path}: ${(err as Error).message}`)
    log?.warn({ path }, 'DEMO_MODE: using the demo data key in DATA_DIR')
  }
  return readKeyFile(path, log)
}

function readKeyFile(path: string, log?: Logger): Buffer {
  let raw: Buffer
  try {
    raw = readFileSync(path)
    if ((statSync(path).mode & 0o077) !== 0) log?.warn({ path }, 'the data encryption key file is readable by other users: chmod 600 it')
  } catch (err) {
    throw new ConfigError(`cannot read the data encryption key file ${path}: ${(err as Error).message}`)
  }
  const key = raw.length === KEY_BYTES ? raw : decodeKey(raw.toString('utf8'))
  if (!key) throw new ConfigError(`${path} must hold a ${KEY_BYTES}-byte key (base64 text or raw bytes)`)
  return key
}
