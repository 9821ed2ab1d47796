import { PassThrough, Writable, type Duplex, type Readable, type Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { DecryptStream, EncryptStream } from '../../../packages/backup/aes-gcm-frames.js'
import { compressor, decompressor, type Compression } from '../../../packages/backup/compression.js'
import { CountingStream, DigestStream } from '../../../packages/backup/digest-stream.js'
import { progressLine, startProgress } from '../../../packages/backup/progress.js'
import type { Logger } from '../../../packages/core/log.js'
import { formatBytes } from '../../../packages/core/markdown.js'
import type { BackupMetadata, BackupStore, StoredObject } from '../../../packages/providers/backup-store/types.js'
import type { DumpSource } from './engines/engine.js'

/**
 * The streams between a dump tool and a store, and back:
 *
 *   backup   tool stdout → count → compress → [encrypt] → SHA-256 → store.put (commit at the end)
 *   restore  store.get → SHA-256 (checked at the end) → [decrypt] → decompress → target
 *
 * Nothing is buffered beyond a few blocks, so memory stays flat whatever the database size. The
 * digest covers the stored bytes, so anyone can check a backup without its key.
 */

export interface WriteBackupOptions {
  source: DumpSource
  store: BackupStore
  key: string
  compression: Compression
  encryptionKey?: Buffer
  metadata: Omit<BackupMetadata, 'sizeBytes' | 'sha256'>
  logger: Logger
  progressIntervalMs: number
  signal: AbortSignal
}

export interface WrittenBackup {
  stored: StoredObject
  dumpBytes: number
  /** What compressed it (the zstd program or Node's stream), for the summary. */
  compressedBy: string
}

export async function writeBackup(options: WriteBackupOptions): Promise<WrittenBackup> {
  const { source, store, key, logger } = options
  const controller = new AbortController()
  const onOuterAbort = (): void => controller.abort(options.signal.reason)
  options.signal.addEventListener('abort', onOuterAbort, { once: true })
  if (options.signal.aborted) onOuterAbort()
  const counted = new CountingStream()
  const digest = new DigestStream()
  const body = new PassThrough()
  const compression = compressor(options.compression, { signal: controller.signal })
  compression.done.catch(() => undefined)
  const stages: Duplex[] = [counted, compression.stream, ...(options.encryptionKey ? [new EncryptStream(options.encryptionKey)] : []), digest]
  const piping = pipeline([source.stream, ...stages, body], { signal: controller.signal })
  piping.catch(() => undefined)
  let toolFailure: unknown
  source.done.catch((error: unknown) => {
    toolFailure = error
  })
  const progress = startProgress(logger, options.progressIntervalMs, (elapsed) => progressLine('dumped', counted.bytes, elapsed, `${formatBytes(digest.bytes)} stored`))
  try {
    const stored = await store.put(
      key,
      body,
      async () => {
        // Only now, with every byte staged, may the backup become visible: the tool must have exited 0.
        await piping
        await source.done
        await compression.done
        return { ...options.metadata, sizeBytes: digest.bytes, sha256: digest.sha256() }
      },
      { signal: controller.signal }
    )
    return { stored, dumpBytes: counted.bytes, compressedBy: compression.ranBy }
  } catch (error) {
    // The tool's own failure (pg_dump's message), when it came first, explains more than what it
    // caused downstream; a failure of the store is reported as itself once the tool is stopped.
    const earlier = toolFailure
    controller.abort(error)
    source.abort()
    // A compressor program that failed on its own (zstd: no space left) comes first: the dump tool's
    // broken pipe, or the copy's premature close, is what it caused. When the dump tool failed first,
    // the compressor saw its input end and exited 0.
    const compressorFailure = await compression.done.then(
      () => undefined,
      (reason: Error) => (/exited with code/.test(reason.message) ? reason : undefined)
    )
    throw compressorFailure ?? earlier ?? error
  } finally {
    progress.stop()
    options.signal.removeEventListener('abort', onOuterAbort)
    await source.cleanup()
  }
}

export interface DecodeOptions {
  store: BackupStore
  key: string
  metadata: BackupMetadata
  encryptionKey?: Buffer
  signal: AbortSignal
  /** Called before the stream fails on a digest mismatch (kill the restore tool first). */
  onMismatch?: () => void
  logger?: Logger
  progressIntervalMs?: number
  label?: string
}

function decodingStages(options: DecodeOptions): { digest: DigestStream; stages: Transform[] } {
  const digest = new DigestStream({ sha256: options.metadata.sha256, sizeBytes: options.metadata.sizeBytes, onMismatch: options.onMismatch })
  const stages: Transform[] = [digest]
  if (options.metadata.encryption !== 'none') {
    if (!options.encryptionKey) throw new Error('the backup is encrypted and no key was given')
    stages.push(new DecryptStream(options.encryptionKey))
  }
  stages.push(decompressor(options.metadata.compression as Compression))
  return { digest, stages }
}

/**
 * The decoded dump as a stream (for a restore). Fails (after onMismatch) if the stored bytes do
 * not match the recorded digest, if decryption fails, or if decompression fails.
 */
export async function openDecoded(options: DecodeOptions): Promise<Readable> {
  const { digest, stages } = decodingStages(options)
  const raw = await options.store.get(options.key, options.signal)
  const out = new PassThrough()
  const progress = options.logger
    ? startProgress(options.logger, options.progressIntervalMs ?? 10_000, (elapsed) =>
        progressLine(options.label ?? 'read', digest.bytes, elapsed, `of ${formatBytes(options.metadata.sizeBytes)}`)
      )
    : undefined
  pipeline([raw, ...stages, out], { signal: options.signal })
    .catch((error: unknown) => out.destroy(error as Error))
    .finally(() => progress?.stop())
  return out
}

/** Reads the whole backup back: digest, authentication of every frame, decompression. Returns decoded bytes. */
export async function checkBackup(options: DecodeOptions): Promise<number> {
  const { stages } = decodingStages(options)
  const raw = await options.store.get(options.key, options.signal)
  let decoded = 0
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      decoded += chunk.length
      callback()
    }
  })
  const progress = options.logger
    ? startProgress(options.logger, options.progressIntervalMs ?? 10_000, (elapsed) => progressLine(options.label ?? 'checked', decoded, elapsed, 'decoded'))
    : undefined
  try {
    await pipeline([raw, ...stages, sink], { signal: options.signal })
  } finally {
    progress?.stop()
  }
  return decoded
}
