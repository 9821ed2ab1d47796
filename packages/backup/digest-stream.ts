import { createHash, type Hash } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'

/**
 * A pass-through that counts bytes and computes their SHA-256. With `expected`, it checks the
 * digest at the end of the stream and fails the stream (after calling `onMismatch`, e.g. to kill a
 * restore tool before it can commit) instead of ending it cleanly.
 */
export interface DigestExpectation {
  sha256: string
  sizeBytes?: number
  onMismatch?: () => void
}

export class DigestMismatchError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DigestMismatchError'
  }
}

export class DigestStream extends Transform {
  private readonly hash: Hash = createHash('sha256')
  private digest?: string
  bytes = 0

  constructor(private readonly expected?: DigestExpectation) {
    super()
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length
    this.hash.update(chunk)
    callback(null, chunk)
  }

  override _flush(callback: TransformCallback): void {
    this.digest = this.hash.digest('hex')
    const want = this.expected
    if (want) {
      const problem =
        want.sizeBytes !== undefined && want.sizeBytes !== this.bytes
          ? `its size is ${this.bytes} bytes, not the ${want.sizeBytes} recorded`
          : want.sha256.toLowerCase() !== this.digest
            ? `its SHA-256 is ${this.digest}, not the ${want.sha256} recorded`
            : undefined
      if (problem) {
        want.onMismatch?.()
        return callback(new DigestMismatchError(`the stored backup does not match its recorded digest: ${problem}`))
      }
    }
    callback()
  }

  /** The hex SHA-256 of everything that passed; only once the stream has ended. */
  sha256(): string {
    if (this.digest === undefined) throw new Error('the digest is not known before the stream ends')
    return this.digest
  }
}

/** Counts bytes that pass, for progress lines. */
export class CountingStream extends Transform {
  bytes = 0

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length
    callback(null, chunk)
  }
}
