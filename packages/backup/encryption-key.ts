import { InputError } from '../core/input-error.js'

/**
 * An AES-256 key given as text: 64 hex digits or base64 (standard or URL-safe, padding optional)
 * of exactly 32 bytes. Pure; the caller masks the raw value before calling.
 */
export function parseEncryptionKey(input: string, raw: string): Buffer {
  const value = raw.trim()
  const expected = '32 random bytes as 64 hex digits or base64 (e.g. the output of `openssl rand -base64 32`)'
  if (/^[0-9a-f]+$/i.test(value) && value.length % 2 === 0 && value.length !== 44) {
    const key = Buffer.from(value, 'hex')
    if (key.length !== 32) throw new InputError(input, `is ${key.length} bytes of hex, not 32`, expected)
    return key
  }
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (key.length !== 32) throw new InputError(input, `decodes to ${key.length} bytes, not 32`, expected)
    return key
  }
  throw new InputError(input, 'is neither hex nor base64', expected)
}
