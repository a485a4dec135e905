import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { type CipherSlot, createDataCipher, DecryptError, decodeKey, devKeyPath, keySource, LEGACY_PREFIX, loadDataKey, subkey } from './crypto.ts'

const key = randomBytes(32)
const cipher = createDataCipher(key)
const slot = (over: Partial<CipherSlot> = {}): CipherSlot => ({ table: 'HotlineCall', column: 'phoneCipher', rowId: 'call-1', ...over })

/** A v1 ciphertext as the code before row binding wrote it (the column name as associated data). */
function v1(master: Buffer, plain: string, context: string): string {
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'openday/v1/aes-256-gcm', 32))
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', encKey, iv, { authTagLength: 16 })
  c.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join(':')
}

describe('data cipher', () => {
  it('round-trips text, including Chinese and the empty string, as v2', () => {
    for (const s of ['13812345678', '张三', '', '0746-8533171 转 801']) {
      const token = cipher.encrypt(s, slot())
      expect(token).toMatch(/^v2:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/)
      expect(cipher.decrypt(token, slot())).toBe(s)
    }
  })

  it('uses a fresh IV each time: the same number never gives the same ciphertext', () => {
    const a = cipher.encrypt('13812345678', slot())
    const b = cipher.encrypt('13812345678', slot())
    expect(a).not.toBe(b)
    expect(a.split(':')[1]).not.toBe(b.split(':')[1])
    expect(a).not.toContain('13812345678')
  })

  it('detects tampering with the ciphertext, the tag or the IV', () => {
    const token = cipher.encrypt('13812345678', slot())
    const [v, iv, tag, body] = token.split(':') as [string, string, string, string]
    const flip = (s: string) => {
      const b = Buffer.from(s, 'base64url')
      b[0] = b[0]! ^ 1
      return b.toString('base64url')
    }
    for (const bad of [[v, iv, tag, flip(body)], [v, iv, flip(tag), body], [v, flip(iv), tag, body]]) {
      expect(() => cipher.decrypt(bad.join(':'), slot())).toThrow(DecryptError)
    }
    expect(() => cipher.decrypt(`v3:${iv}:${tag}:${body}`, slot())).toThrow(DecryptError)
    expect(() => cipher.decrypt('garbage', slot())).toThrow(DecryptError)
  })

  it('binds the row, the column and the table: a ciphertext decrypts in its own slot only', () => {
    const token = cipher.encrypt('13812345678', slot())
    expect(() => cipher.decrypt(token, slot({ rowId: 'call-2' }))).toThrow(DecryptError)
    expect(() => cipher.decrypt(token, slot({ column: 'callerNameCipher' }))).toThrow(DecryptError)
    expect(() => cipher.decrypt(token, slot({ table: 'Other' }))).toThrow(DecryptError)
    // No separator games: the parts are encoded unambiguously.
    const joined = cipher.encrypt('x', { table: 'a', column: 'c', rowId: 'b' })
    expect(() => cipher.decrypt(joined, { table: 'a', column: 'c', rowId: 'b"' })).toThrow(DecryptError)
    expect(cipher.decrypt(token, slot())).toBe('13812345678')
  })

  it('reads v1 only through decryptLegacy, never through decrypt', () => {
    const old = v1(key, '13812345678', 'hotline_call.phone')
    expect(old.startsWith(LEGACY_PREFIX)).toBe(true)
    expect(cipher.decryptLegacy(old, 'hotline_call.phone')).toBe('13812345678')
    expect(() => cipher.decryptLegacy(old, 'hotline_call.caller_name')).toThrow(DecryptError)
    expect(() => cipher.decrypt(old, slot())).toThrow(DecryptError)
    expect(() => cipher.decryptLegacy(cipher.encrypt('13812345678', slot()), 'hotline_call.phone')).toThrow(DecryptError)
    expect(() => createDataCipher(randomBytes(32)).decryptLegacy(old, 'hotline_call.phone')).toThrow(DecryptError)
  })

  it('fails with the wrong key', () => {
    const other = createDataCipher(randomBytes(32))
    expect(() => other.decrypt(cipher.encrypt('13812345678', slot()), slot())).toThrow(DecryptError)
  })

  it('hashes numbers with a key: stable for one key, different for another, not the plain SHA-256', () => {
    const h = cipher.phoneHash('13812345678')
    expect(h).toMatch(/^[0-9a-f]{64}$/)
    expect(cipher.phoneHash('13812345678')).toBe(h)
    expect(cipher.phoneHash('13812345679')).not.toBe(h)
    expect(createDataCipher(randomBytes(32)).phoneHash('13812345678')).not.toBe(h)
  })

  it('makes a key check value that is stable per key, differs between keys and holds nothing of the key', () => {
    const check = cipher.keyCheck()
    expect(check).toMatch(/^hmac-sha256:[0-9a-f]{64}$/)
    expect(createDataCipher(Buffer.from(key)).keyCheck()).toBe(check)
    expect(createDataCipher(randomBytes(32)).keyCheck()).not.toBe(check)
    const hex = check.slice('hmac-sha256:'.length)
    // Neither the key nor a subkey another feature might use (they would sign or decrypt with it).
    for (const secret of [key, subkey(key, 'aes-256-gcm'), subkey(key, 'phone-hmac'), subkey(key, 'key-check')]) {
      expect(hex).not.toContain(secret.toString('hex'))
      expect(check).not.toContain(secret.toString('base64'))
    }
  })

  it('keeps the derived keys of the same secret (labels stay v1 while ciphertexts are v2)', () => {
    expect(subkey(key, 'phone-hmac').equals(Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'openday/v1/phone-hmac', 32)))).toBe(true)
  })

  it('refuses keys that are not 32 bytes', () => {
    expect(() => createDataCipher(randomBytes(16))).toThrow()
  })
})

describe('loading the key', () => {
  const b64 = key.toString('base64')
  const base = { DATA_DIR: mkdtempSync(join(tmpdir(), 'openday-key-')), DEMO_MODE: false, DATA_ENCRYPTION_KEY: undefined, DATA_ENCRYPTION_KEY_FILE: undefined }

  it('takes DATA_ENCRYPTION_KEY in base64 and refuses a short one', () => {
    expect(loadDataKey({ ...base, DATA_ENCRYPTION_KEY: b64 }).equals(key)).toBe(true)
    expect(decodeKey(key.toString('base64url'))?.equals(key)).toBe(true)
    expect(() => loadDataKey({ ...base, DATA_ENCRYPTION_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/)
    expect(keySource({ ...base, DATA_ENCRYPTION_KEY: b64 })).toBe('DATA_ENCRYPTION_KEY')
  })

  it('reads a key file (base64 text or raw bytes)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openday-key-'))
    writeFileSync(join(dir, 'k.txt'), `${b64}\n`)
    writeFileSync(join(dir, 'k.bin'), key)
    expect(loadDataKey({ ...base, DATA_ENCRYPTION_KEY_FILE: join(dir, 'k.txt') }).equals(key)).toBe(true)
    expect(loadDataKey({ ...base, DATA_ENCRYPTION_KEY_FILE: join(dir, 'k.bin') }).equals(key)).toBe(true)
    expect(() => loadDataKey({ ...base, DATA_ENCRYPTION_KEY_FILE: join(dir, 'missing') })).toThrow(/cannot read/)
    expect(keySource({ ...base, DATA_ENCRYPTION_KEY_FILE: join(dir, 'k.txt') })).toContain('DATA_ENCRYPTION_KEY_FILE')
  })

  it('makes no key without DEMO_MODE, whatever NODE_ENV is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openday-key-'))
    expect(() => loadDataKey({ ...base, DATA_DIR: dir })).toThrow(/no data encryption key: set DATA_ENCRYPTION_KEY/)
    expect(existsSync(devKeyPath(dir))).toBe(false)
    // Not even a key file left there by an earlier demo is picked up without DEMO_MODE.
    writeFileSync(devKeyPath(dir), `${b64}\n`, { mode: 0o600 })
    expect(() => loadDataKey({ ...base, DATA_DIR: dir })).toThrow(/secret\.key exists .*set DATA_ENCRYPTION_KEY_FILE to it/)
    expect(loadConfig({}).DEMO_MODE).toBe(false)
  })

  it('in DEMO_MODE makes DATA_DIR/secret.key (0600) once, even where DATA_DIR does not exist yet, and reuses it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'openday-key-')), 'data')
    const first = loadDataKey({ ...base, DATA_DIR: dir, DEMO_MODE: true })
    expect(statSync(devKeyPath(dir)).mode & 0o777).toBe(0o600)
    expect(decodeKey(readFileSync(devKeyPath(dir), 'utf8'))?.equals(first)).toBe(true)
    expect(loadDataKey({ ...base, DATA_DIR: dir, DEMO_MODE: true }).equals(first)).toBe(true)
    expect(keySource({ ...base, DATA_DIR: dir, DEMO_MODE: true })).toContain(devKeyPath(dir))
    // An explicit key wins over the demo's.
    expect(loadDataKey({ ...base, DATA_DIR: dir, DEMO_MODE: true, DATA_ENCRYPTION_KEY: b64 }).equals(key)).toBe(true)
  })

  it('is a configuration error in production without a key, DEMO_MODE or not', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATA_ENCRYPTION_KEY/)
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'true' })).toThrow(/DATA_ENCRYPTION_KEY/)
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: b64, DATA_ENCRYPTION_KEY_FILE: '/x' })).toThrow(/not both/)
    expect(loadConfig({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: b64 }).DATA_ENCRYPTION_KEY).toBe(b64)
    expect(loadConfig({ DEMO_MODE: 'true' }).DEMO_MODE).toBe(true)
  })
})
