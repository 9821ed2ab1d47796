import { randomBytes } from 'node:crypto'
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { describe, expect, it } from '@jest/globals'
import { DecryptStream, EncryptStream, HEADER_BYTES, TAG_BYTES, encryptedSize } from '../../../../packages/backup/aes-gcm-frames.js'

const key = Buffer.alloc(32, 7)

async function collect(source: Buffer[], ...stages: NodeJS.ReadWriteStream[]): Promise<Buffer> {
  const out: Buffer[] = []
  await pipeline([
    Readable.from(source),
    ...stages,
    new Writable({
      write(chunk: Buffer, _e, cb) {
        out.push(chunk)
        cb()
      }
    })
  ])
  return Buffer.concat(out)
}

function chunks(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = []
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, i + size))
  return out.length ? out : []
}

describe('AES-256-GCM framed stream', () => {
  it.each([
    [0, 16, 5],
    [1, 16, 1],
    [15, 16, 4],
    [16, 16, 16],
    [17, 16, 3],
    [32, 16, 7],
    [1000, 64, 33],
    [100_000, 4096, 999]
  ])('round-trips %i bytes with %i-byte frames fed in %i-byte chunks, at the documented size', async (size, frame, chunk) => {
    const plain = randomBytes(size)
    const sealed = await collect(chunks(plain, chunk), new EncryptStream(key, frame))
    expect(sealed.length).toBe(encryptedSize(size, frame))
    // Feed the ciphertext back in awkward pieces: the reader must reassemble frames.
    const opened = await collect(chunks(sealed, 7), new DecryptStream(key))
    expect(opened.equals(plain)).toBe(true)
  })

  it('fails on the key check, before any frame, with a wrong key', async () => {
    const sealed = await collect([Buffer.from('secret rows')], new EncryptStream(key, 16))
    await expect(collect([sealed], new DecryptStream(Buffer.alloc(32, 8)))).rejects.toThrow('the encryption key does not match this backup')
  })

  const sealedSample = async (): Promise<Buffer> => collect([randomBytes(64)], new EncryptStream(key, 16))
  const frameLength = 4 + 16 + TAG_BYTES

  it.each([
    ['a flipped ciphertext byte', (b: Buffer) => ((b[HEADER_BYTES + 4 + 3] ^= 1), b), 'frame 0 of the encrypted backup failed authentication'],
    ['a flipped tag byte of frame 2', (b: Buffer) => ((b[HEADER_BYTES + 3 * frameLength - 1] ^= 1), b), 'frame 2 of the encrypted backup failed authentication'],
    ['the last frame cut off', (b: Buffer) => b.subarray(0, b.length - (4 + TAG_BYTES)), 'truncated'],
    ['a stream cut mid-frame', (b: Buffer) => b.subarray(0, HEADER_BYTES + frameLength + 10), 'truncated'],
    [
      'two frames swapped',
      (b: Buffer) =>
        Buffer.concat([
          b.subarray(0, HEADER_BYTES),
          b.subarray(HEADER_BYTES + frameLength, HEADER_BYTES + 2 * frameLength),
          b.subarray(HEADER_BYTES, HEADER_BYTES + frameLength),
          b.subarray(HEADER_BYTES + 2 * frameLength)
        ]),
      'failed authentication'
    ],
    ['bytes after the final frame', (b: Buffer) => Buffer.concat([b, Buffer.alloc(40)]), 'data after its final frame'],
    ['a plain (unencrypted) file', () => Buffer.from('PGDMP\u0001\u000e\u0000 plain custom-format dump, not encrypted.....'), 'not in the encrypted format'],
    ['a header only', (b: Buffer) => b.subarray(0, 20), 'incomplete header']
  ])('rejects %s', async (_name, tamper, message) => {
    const sealed = tamper(Buffer.from(await sealedSample()))
    await expect(collect([sealed], new DecryptStream(key))).rejects.toThrow(message)
  })

  it('never emits plaintext of a frame that fails authentication', async () => {
    const sealed = await collect([Buffer.alloc(48, 0x41)], new EncryptStream(key, 16))
    sealed[HEADER_BYTES + frameLength + 4] ^= 1 // corrupt frame 1
    const released: Buffer[] = []
    const decrypt = new DecryptStream(key)
    decrypt.on('data', (c: Buffer) => released.push(c))
    await expect(pipeline(Readable.from([sealed]), decrypt)).rejects.toThrow('frame 1')
    expect(Buffer.concat(released).length).toBe(16)
  })

  it('uses a fresh nonce prefix per stream: the same input encrypts differently', async () => {
    const a = await collect([Buffer.from('same')], new EncryptStream(key))
    const b = await collect([Buffer.from('same')], new EncryptStream(key))
    expect(a.equals(b)).toBe(false)
  })

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new EncryptStream(Buffer.alloc(16))).toThrow('32 bytes')
    expect(() => new DecryptStream(Buffer.alloc(31))).toThrow('32 bytes')
  })
})
