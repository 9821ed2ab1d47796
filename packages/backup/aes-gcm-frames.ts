import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'

/**
 * Streaming AES-256-GCM in authenticated frames, so a reader can decrypt any size with constant
 * memory and still refuse to release a single byte that was not authenticated.
 *
 * Layout (all integers big-endian):
 *
 *   header, 36 bytes
 *     0  8  magic "DABKAES1"
 *     8  4  frame size F: plaintext bytes per frame (every frame but the last holds exactly F)
 *    12  8  nonce prefix: random, fresh for every backup
 *    20 16  key check: the GCM tag of an empty message under nonce = prefix ‖ FFFFFFFF with the
 *           first 20 header bytes as additional data. A wrong key fails here, before any frame.
 *   frames, one after another
 *     0  4  bit 31: final-frame flag; bits 0–30: ciphertext length n (n ≤ F)
 *     4  n  ciphertext
 *   4+n 16  GCM tag
 *
 * Frame i (from 0) is encrypted with nonce = prefix ‖ i (u32) and additional data = the first 20
 * header bytes ‖ i (u32) ‖ final flag (1 byte). Reordering, dropping or duplicating frames, moving
 * the final flag, or cutting the stream short all fail authentication or the end-of-stream check;
 * the last frame (possibly empty) always carries the final flag.
 */

export const MAGIC = Buffer.from('DABKAES1', 'ascii')
export const HEADER_BYTES = 36
export const TAG_BYTES = 16
export const DEFAULT_FRAME_BYTES = 1024 * 1024
const MAX_FRAME_BYTES = 0x7fffffff
const KEY_CHECK_COUNTER = 0xffffffff
const FINAL = 0x80000000

export class DecryptionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DecryptionError'
  }
}

function nonce(prefix: Buffer, counter: number): Buffer {
  const iv = Buffer.alloc(12)
  prefix.copy(iv, 0)
  iv.writeUInt32BE(counter, 8)
  return iv
}

function frameAad(headerStart: Buffer, counter: number, final: boolean): Buffer {
  const aad = Buffer.alloc(headerStart.length + 5)
  headerStart.copy(aad, 0)
  aad.writeUInt32BE(counter, headerStart.length)
  aad[headerStart.length + 4] = final ? 1 : 0
  return aad
}

function keyCheck(key: Buffer, headerStart: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', key, nonce(headerStart.subarray(12, 20), KEY_CHECK_COUNTER))
  cipher.setAAD(headerStart)
  cipher.final()
  return cipher.getAuthTag()
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error(`an AES-256 key has 32 bytes, not ${key.length}`)
}

/** Collects chunks and hands out exact-size pieces without copying more than needed. */
class ByteQueue {
  private chunks: Buffer[] = []
  length = 0

  push(chunk: Buffer): void {
    if (chunk.length === 0) return
    this.chunks.push(chunk)
    this.length += chunk.length
  }

  /** Removes and returns the first `size` bytes (size ≤ length). */
  take(size: number): Buffer {
    if (size === 0) return Buffer.alloc(0)
    const first = this.chunks[0]
    if (first.length === size) {
      this.chunks.shift()
      this.length -= size
      return first
    }
    if (first.length > size) {
      this.chunks[0] = first.subarray(size)
      this.length -= size
      return first.subarray(0, size)
    }
    const out = Buffer.allocUnsafe(size)
    let filled = 0
    while (filled < size) {
      const chunk = this.chunks[0]
      const wanted = size - filled
      if (chunk.length <= wanted) {
        chunk.copy(out, filled)
        filled += chunk.length
        this.chunks.shift()
      } else {
        chunk.copy(out, filled, 0, wanted)
        this.chunks[0] = chunk.subarray(wanted)
        filled += wanted
      }
    }
    this.length -= size
    return out
  }

  peek(size: number): Buffer {
    const taken = this.take(size)
    this.chunks.unshift(taken)
    this.length += size
    return taken
  }
}

export class EncryptStream extends Transform {
  private readonly headerStart: Buffer
  private readonly prefix: Buffer
  private readonly queue = new ByteQueue()
  private counter = 0

  constructor(
    private readonly key: Buffer,
    private readonly frameBytes = DEFAULT_FRAME_BYTES,
    prefix: Buffer = randomBytes(8)
  ) {
    super()
    assertKey(key)
    if (!Number.isInteger(frameBytes) || frameBytes < 1 || frameBytes > MAX_FRAME_BYTES) throw new Error('frame size out of range')
    this.prefix = prefix
    this.headerStart = Buffer.alloc(20)
    MAGIC.copy(this.headerStart, 0)
    this.headerStart.writeUInt32BE(frameBytes, 8)
    prefix.copy(this.headerStart, 12)
    this.push(Buffer.concat([this.headerStart, keyCheck(key, this.headerStart)]))
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.queue.push(chunk)
    // Keep at least one byte back: the last frame must be sealed with the final flag in _flush.
    while (this.queue.length > this.frameBytes) this.seal(this.queue.take(this.frameBytes), false)
    callback()
  }

  override _flush(callback: TransformCallback): void {
    this.seal(this.queue.take(this.queue.length), true)
    callback()
  }

  private seal(plain: Buffer, final: boolean): void {
    if (this.counter >= KEY_CHECK_COUNTER) throw new Error('too many frames for one stream')
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.prefix, this.counter))
    cipher.setAAD(frameAad(this.headerStart, this.counter, final))
    const body = Buffer.concat([cipher.update(plain), cipher.final()])
    const length = Buffer.alloc(4)
    length.writeUInt32BE((body.length | (final ? FINAL : 0)) >>> 0)
    this.push(Buffer.concat([length, body, cipher.getAuthTag()]))
    this.counter++
  }
}

export class DecryptStream extends Transform {
  private readonly queue = new ByteQueue()
  private headerStart?: Buffer
  private frameBytes = 0
  private counter = 0
  private finished = false

  constructor(private readonly key: Buffer) {
    super()
    assertKey(key)
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.queue.push(chunk)
    try {
      this.drain()
      callback()
    } catch (error) {
      callback(error as Error)
    }
  }

  override _flush(callback: TransformCallback): void {
    if (!this.headerStart) return callback(new DecryptionError('the encrypted backup is truncated (incomplete header)'))
    if (!this.finished) return callback(new DecryptionError(`the encrypted backup is truncated (stream ended after ${this.counter} frames without the final one)`))
    callback()
  }

  private drain(): void {
    if (!this.headerStart) {
      if (this.queue.length < HEADER_BYTES) return
      const header = this.queue.take(HEADER_BYTES)
      if (!header.subarray(0, 8).equals(MAGIC)) throw new DecryptionError('the backup is not in the encrypted format (bad magic): was it stored without encryption?')
      const headerStart = Buffer.from(header.subarray(0, 20))
      this.frameBytes = headerStart.readUInt32BE(8)
      if (this.frameBytes < 1 || this.frameBytes > MAX_FRAME_BYTES) throw new DecryptionError('the encrypted backup has a corrupt header (frame size)')
      if (!keyCheck(this.key, headerStart).equals(header.subarray(20, 36))) {
        throw new DecryptionError('the encryption key does not match this backup (key check failed)')
      }
      this.headerStart = headerStart
    }
    while (this.queue.length >= 4) {
      if (this.finished) throw new DecryptionError('the encrypted backup has data after its final frame')
      const word = this.queue.peek(4).readUInt32BE(0)
      const final = (word & FINAL) !== 0
      const size = word & ~FINAL & 0x7fffffff
      if (size > this.frameBytes) throw new DecryptionError(`frame ${this.counter} of the encrypted backup is corrupt (length ${size})`)
      if (this.queue.length < 4 + size + TAG_BYTES) return
      this.queue.take(4)
      const body = this.queue.take(size)
      const tag = this.queue.take(TAG_BYTES)
      const decipher = createDecipheriv('aes-256-gcm', this.key, nonce(this.headerStart.subarray(12, 20), this.counter))
      decipher.setAAD(frameAad(this.headerStart, this.counter, final))
      decipher.setAuthTag(tag)
      let plain: Buffer
      try {
        plain = Buffer.concat([decipher.update(body), decipher.final()])
      } catch {
        throw new DecryptionError(`frame ${this.counter} of the encrypted backup failed authentication: the data was altered`)
      }
      this.counter++
      if (final) this.finished = true
      if (plain.length > 0) this.push(plain)
    }
  }
}

/** The exact stored size of `plainBytes` bytes once encrypted (header + frames + tags). */
export function encryptedSize(plainBytes: number, frameBytes = DEFAULT_FRAME_BYTES): number {
  const frames = Math.max(1, Math.ceil(plainBytes / frameBytes))
  return HEADER_BYTES + plainBytes + frames * (4 + TAG_BYTES)
}
