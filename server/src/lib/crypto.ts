import { readFileSync, statSync, writeFileSync } from 'node:fs'
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
const VERSION = 'v1'

/**
 * Two keys from one master key (HKDF), so the cipher key and the hash key never coincide and a
 * future v2 can derive new ones from the same configured secret.
 */
export function subkey(master: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `openday/${VERSION}/${label}`, KEY_BYTES))
}

export interface DataCipher {
  /**
   * `v1:<iv>:<tag>:<ciphertext>` (base64url). `context` is bound as associated data: a phone
   * ciphertext copied into the name column does not decrypt there.
   */
  encrypt(plain: string, context: string): string
  /** Throws on a wrong key, a changed value or a wrong context. */
  decrypt(token: string, context: string): string
  /** HMAC-SHA256 (hex) of a phone number in its normalised form (digits only). */
  phoneHash(normalisedPhone: string): string
}

export class DecryptError extends Error {}

export function createDataCipher(masterKey: Buffer): DataCipher {
  if (masterKey.length !== KEY_BYTES) throw new Error(`the data encryption key must be ${KEY_BYTES} bytes`)
  const encKey = subkey(masterKey, 'aes-256-gcm')
  const macKey = subkey(masterKey, 'phone-hmac')
  return {
    encrypt(plain, context) {
      const iv = randomBytes(IV_BYTES)
      const c = createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: TAG_BYTES })
      c.setAAD(Buffer.from(context, 'utf8'))
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return [VERSION, iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join(':')
    },
    decrypt(token, context) {
      const [version, iv, tag, body, ...rest] = token.split(':')
      if (version !== VERSION || iv === undefined || tag === undefined || body === undefined || rest.length) throw new DecryptError('not a v1 ciphertext')
      const ivBuf = Buffer.from(iv, 'base64url')
      const tagBuf = Buffer.from(tag, 'base64url')
      if (ivBuf.length !== IV_BYTES || tagBuf.length !== TAG_BYTES) throw new DecryptError('malformed ciphertext')
      try {
        const d = createDecipheriv('aes-256-gcm', encKey, ivBuf, { authTagLength: TAG_BYTES })
        d.setAAD(Buffer.from(context, 'utf8'))
        d.setAuthTag(tagBuf)
        return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
      } catch {
        throw new DecryptError('ciphertext does not authenticate (wrong key or altered data)')
      }
    },
    phoneHash(normalisedPhone) {
      return createHmac('sha256', macKey).update(normalisedPhone, 'utf8').digest('hex')
    },
  }
}

/** A key written as base64 (or base64url) text; null when it does not decode to 32 bytes. */
export function decodeKey(text: string): Buffer | null {
  const t = text.trim()
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) return null
  const buf = Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64')
  return buf.length === KEY_BYTES ? buf : null
}

/** Where a development server keeps the key it made for itself. */
export const devKeyPath = (dataDir: string) => join(dataDir, 'secret.key')

/**
 * The master key, from DATA_ENCRYPTION_KEY, else DATA_ENCRYPTION_KEY_FILE (base64 text or 32 raw
 * bytes), else — outside production only — DATA_DIR/secret.key, made on first use. The seed and
 * the server resolve it the same way, so demo calls stay readable. Throws ConfigError.
 */
export function loadDataKey(config: Pick<Config, 'DATA_ENCRYPTION_KEY' | 'DATA_ENCRYPTION_KEY_FILE' | 'DATA_DIR' | 'NODE_ENV'>, log?: Logger): Buffer {
  if (config.DATA_ENCRYPTION_KEY) {
    const key = decodeKey(config.DATA_ENCRYPTION_KEY)
    if (!key) throw new ConfigError(`DATA_ENCRYPTION_KEY must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`)
    return key
  }
  if (config.DATA_ENCRYPTION_KEY_FILE) return readKeyFile(config.DATA_ENCRYPTION_KEY_FILE, log)
  if (config.NODE_ENV === 'production') {
    throw new ConfigError('DATA_ENCRYPTION_KEY or DATA_ENCRYPTION_KEY_FILE is required in production (openssl rand -base64 32)')
  }
  const path = devKeyPath(config.DATA_DIR)
  try {
    // 'wx': two processes starting on one DATA_DIR (the seed, then the server) must not both create it.
    writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
    log?.warn({ path }, 'no DATA_ENCRYPTION_KEY set: created a random data key for development; losing it makes stored phone numbers unreadable')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new ConfigError(`cannot create ${path}: ${(err as Error).message}`)
    log?.warn({ path }, 'no DATA_ENCRYPTION_KEY set: using the development data key in DATA_DIR')
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
