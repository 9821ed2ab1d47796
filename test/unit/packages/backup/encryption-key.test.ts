import { randomBytes } from 'node:crypto'
import { describe, expect, it } from '@jest/globals'
import { parseEncryptionKey } from '../../../../packages/backup/encryption-key.js'

const bytes = randomBytes(32)

describe('parseEncryptionKey', () => {
  it.each([
    ['64 hex digits', bytes.toString('hex')],
    ['upper-case hex', bytes.toString('hex').toUpperCase()],
    ['base64', bytes.toString('base64')],
    ['base64 without padding', bytes.toString('base64').replace(/=+$/, '')],
    ['base64url', bytes.toString('base64url')],
    ['with surrounding whitespace', `  ${bytes.toString('base64')}\n`]
  ])('accepts %s', (_name, raw) => expect(parseEncryptionKey('encryption-key', raw).equals(bytes)).toBe(true))

  it.each([
    ['16 bytes of hex', randomBytes(16).toString('hex'), 'Input "encryption-key" is 16 bytes of hex, not 32'],
    ['33 bytes of hex', randomBytes(33).toString('hex'), 'is 33 bytes of hex, not 32'],
    ['24 bytes of base64', randomBytes(24).toString('base64'), 'decodes to 24 bytes, not 32'],
    ['a passphrase', 'correct horse battery staple', 'is neither hex nor base64']
  ])('rejects %s, naming the input', (_name, raw, message) => {
    expect(() => parseEncryptionKey('encryption-key', raw)).toThrow(message)
  })

  it('never repeats the key in its error', () => {
    const raw = randomBytes(20).toString('base64')
    expect(() => parseEncryptionKey('encryption-key', raw)).toThrow(expect.objectContaining({ message: expect.not.stringContaining(raw) }))
  })
})
