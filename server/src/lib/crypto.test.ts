import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { createDataCipher, DecryptError, decodeKey, devKeyPath, loadDataKey } from './crypto.ts'

const key = randomBytes(32)
const cipher = createDataCipher(key)

describe('data cipher', () => {
  it('round-trips text, including Chinese and the empty string', () => {
    for (const s of ['13812345678', '张三', '', '0746-8533171 转 801']) {
      const token = cipher.encrypt(s, 'phone')
      expect(token).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/)
      expect(cipher.decrypt(token, 'phone')).toBe(s)
    }
  })

  it('uses a fresh IV each time: the same number never gives the same ciphertext', () => {
    const a = cipher.encrypt('13812345678', 'phone')
    const b = cipher.encrypt('13812345678', 'phone')
    expect(a).not.toBe(b)
    expect(a.split(':')[1]).not.toBe(b.split(':')[1])
    expect(a).not.toContain('13812345678')
  })

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const token = cipher.encrypt('13812345678', 'phone')
    const [v, iv, tag, body] = token.split(':') as [string, string, string, string]
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url')
      b[0] = b[0]! ^ 1
      return b.toString('base64url')
    }
    for (const bad of [[v, iv, tag, flip(body)], [v, iv, flip(tag), body], [v, flip(iv), tag, body]]) {
      expect(() => cipher.decrypt(bad.join(':'), 'phone')).toThrow(DecryptError)
    }
    expect(() => cipher.decrypt(`v2:${iv}:${tag}:${body}`, 'phone')).toThrow(DecryptError)
    expect(() => cipher.decrypt('garbage', 'phone')).toThrow(DecryptError)
  })

  it('binds the context: a phone ciphertext does not decrypt as a name', () => {
    expect(() => cipher.decrypt(cipher.encrypt('13812345678', 'phone'), 'name')).toThrow(DecryptError)
  })

  it('fails with the wrong key', () => {
    const other = createDataCipher(randomBytes(32))
    expect(() => other.decrypt(cipher.encrypt('13812345678', 'phone'), 'phone')).toThrow(DecryptError)
  })

  it('hashes numbers with a key: stable for one key, different for another, not the plain SHA-256', () => {
    const h = cipher.phoneHash('13812345678')
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(cipher.phoneHash('13812345678')).toBe(h)
    expect(cipher.phoneHash('13812345679')).not.toBe(h)
    expect(createDataCipher(randomBytes(32)).phoneHash('13812345678')).not.toBe(h)
  })

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createDataCipher(randomBytes(16))).toThrow()
  })
})

describe('loading the key', () => {
  const b64 = key.toString('base64')
  const base = { DATA_DIR: mkdtempSync(join(tmpdir(), 'openday-key-')), NODE_ENV: 'development' as const, DATA_ENCRYPTION_KEY: undefined, DATA_ENCRYPTION_KEY_FILE: undefined }

  it('takes DATA_ENCRYPTION_KEY in base64 and refuses a short one', () => {
    expect(loadDataKey({ ...base, DATA_ENCRYPTION_KEY: b64 }).equals(key)).toBe(true)
    expect(decodeKey(key.toString('base64url'))?.equals(key)).toBe(true)
    expect(() => loadDataKey({ ...base, DATA_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/)
  })

  it('reads a key file (base64 text or raw bytes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openday-key-'))
    writeFileSync(join(dir, 'k.txt'), `${b64}\n`)
    writeFileSync(join(dir, 'k.bin'), key)
    expect(loadDataKey({ ...base, DATA_ENCRYPTION_KEY_FILE: join(dir, 'k.txt') }).equals(key)).toBe(true)
    expect(loadDataKey({ ...base, DATA_ENCRYPTION_KEY_FILE: join(dir, 'k.bin') }).equals(key)).toBe(true)
    expect(() => loadDataKey({ ...base, DATA_ENCRYPTION_KEY_FILE: join(dir, 'missing') })).toThrow(/cannot read/)
  })

  it('makes DATA_DIR/secret.key (0600) once outside production and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openday-key-'))
    const first = loadDataKey({ ...base, DATA_DIR: dir })
    expect(statSync(devKeyPath(dir)).mode & 0o777).toBe(0o600)
    expect(decodeKey(readFileSync(devKeyPath(dir), 'utf8'))?.equals(first)).toBe(true)
    expect(loadDataKey({ ...base, DATA_DIR: dir }).equals(first)).toBe(true)
  })

  it('is a configuration error in production without a key', () => {
    expect(() => loadDataKey({ ...base, NODE_ENV: 'production' })).toThrow(/required in production/)
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATA_ENCRYPTION_KEY/)
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: b64, DATA_ENCRYPTION_KEY_FILE: '/x' })).toThrow(/not both/)
    expect(loadConfig({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: b64 }).DATA_ENCRYPTION_KEY).toBe(b64)
  })
})
