import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { BlobServiceClient } from '@azure/storage-blob'
import { ListMultipartUploadsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { silentLogger } from '../../../packages/core/log.js'
import { createBackupStore } from '../../../packages/providers/backup-store/factory.js'
import type { BackupStore } from '../../../packages/providers/backup-store/types.js'
import { writeBackup } from '../../../actions/db-backup/src/pipeline.js'
import type { DumpSource } from '../../../actions/db-backup/src/engines/engine.js'
import { startAzurite, type Azurite } from '../../support/services/azurite.js'
import { startS3rver, type S3rver } from '../../support/services/s3rver.js'

/** A dump source that produces `bytes` of data, then fails its stream (or exits non-zero after a clean EOF). */
function failingSource(bytes: number, how: 'stream-error' | 'exit-code'): DumpSource {
  let sent = 0
  let fail: (e: Error) => void = () => undefined
  let succeed: () => void = () => undefined
  const done = new Promise<void>((resolve, reject) => {
    succeed = resolve
    fail = reject
  })
  done.catch(() => undefined)
  const stream = new Readable({
    read() {
      if (sent >= bytes) {
        if (how === 'stream-error') {
          const error = new Error('connection to the database lost mid-dump')
          fail(error)
          this.destroy(error)
        } else {
          this.push(null)
          setTimeout(() => fail(new Error('pg_dump was killed (SIGKILL)')), 20)
        }
        return
      }
      const chunk = Buffer.alloc(Math.min(1 << 20, bytes - sent), sent % 251)
      for (let i = 0; i < chunk.length; i += 97) chunk[i] = (i * 7 + sent) & 0xff
      sent += chunk.length
      this.push(chunk)
    }
  })
  void succeed
  return { stream, done, abort: () => stream.destroy(), cleanup: async () => undefined }
}

const metadata = { engine: 'postgres', serverVersion: 'PostgreSQL 15', createdAt: new Date().toISOString(), compression: 'none', encryption: 'none' }

// The pipeline and the three stores against real Azurite, real s3rver and a real directory: a dump
// that dies after several blocks/parts must leave nothing that looks like a backup.
describe('an interrupted dump leaves nothing complete-looking (Azurite, s3rver, local directory)', () => {
  let azurite: Azurite
  let s3: S3rver
  let dir: string
  const stores: Record<string, () => Promise<BackupStore>> = {}

  beforeAll(async () => {
    ;[azurite, s3] = await Promise.all([startAzurite(), startS3rver(['backups'])])
    await BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('backups').create()
    dir = mkdtempSync(join(tmpdir(), 'interrupted-'))
    stores.azure = () =>
      createBackupStore({ destination: { kind: 'azure-blob', container: 'backups', prefix: '' }, azure: { connectionString: azurite.connectionString }, partBytes: 4 << 20 })
    stores.s3 = () =>
      createBackupStore({
        destination: { kind: 's3', bucket: 'backups', prefix: '' },
        s3: { endpoint: s3.endpoint, region: 'us-east-1', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
        partBytes: 5 << 20
      })
    stores.local = async () => createBackupStore({ destination: { kind: 'local', directory: dir, prefix: '' } })
  })

  afterAll(async () => {
    await Promise.all([azurite?.stop(), s3?.stop()])
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  async function leftovers(kind: string, prefix: string): Promise<string[]> {
    if (kind === 'azure') {
      const names: string[] = []
      for await (const b of BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('backups').listBlobsFlat({ prefix })) names.push(b.name)
      return names
    }
    if (kind === 's3') {
      const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } })
      try {
        const objects = ((await client.send(new ListObjectsV2Command({ Bucket: 'backups', Prefix: prefix }))).Contents ?? []).map((o) => o.Key ?? '')
        const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: 'backups', Prefix: prefix })).then(
          (r) => (r.Uploads ?? []).map((u) => `upload:${u.Key}`),
          () => [] // s3rver does not list multipart uploads
        )
        return [...objects, ...uploads]
      } finally {
        client.destroy()
      }
    }
    try {
      return readdirSync(join(dir, prefix))
    } catch {
      return []
    }
  }

  it.each([
    ['azure', 'stream-error'],
    ['azure', 'exit-code'],
    ['s3', 'stream-error'],
    ['s3', 'exit-code'],
    ['local', 'stream-error'],
    ['local', 'exit-code']
  ] as const)('%s store, dump fails by %s after 12 MiB', async (kind, how) => {
    const store = await stores[kind]()
    const prefix = `${kind}-${how}`
    const key = `${prefix}/20261122T031500Z-1.dump`
    await expect(
      writeBackup({ source: failingSource(12 << 20, how), store, key, compression: 'none', metadata, logger: silentLogger, progressIntervalMs: 60_000, signal: new AbortController().signal })
    ).rejects.toThrow(how === 'stream-error' ? 'connection to the database lost mid-dump' : 'pg_dump was killed')
    expect(await leftovers(kind, prefix)).toEqual([])
    expect(await store.list(prefix)).toEqual([])
    expect(await store.head(key)).toBeUndefined()
  })

  it.each(['azure', 's3', 'local'])('%s store: a run cancelled mid-upload (job cancelled) leaves nothing', async (kind) => {
    const store = await stores[kind]()
    const prefix = `${kind}-cancelled`
    const cancel = new AbortController()
    let sent = 0
    const endless = new Readable({
      read() {
        sent += 1 << 20
        if (sent > 10 << 20) cancel.abort(new Error('cancelled (SIGINT)'))
        this.push(Buffer.alloc(1 << 20, sent % 255))
      }
    })
    const source: DumpSource = { stream: endless, done: new Promise(() => undefined), abort: () => endless.destroy(), cleanup: async () => undefined }
    await expect(
      writeBackup({ source, store, key: `${prefix}/20261122T031500Z-1.dump`, compression: 'none', metadata, logger: silentLogger, progressIntervalMs: 60_000, signal: cancel.signal })
    ).rejects.toThrow()
    expect(endless.destroyed).toBe(true)
    expect(await leftovers(kind, prefix)).toEqual([])
  })

  it.each(['azure', 's3', 'local'])('%s store: the same pipeline without a failure commits one complete backup', async (kind) => {
    const store = await stores[kind]()
    const ok: DumpSource = { stream: Readable.from([Buffer.alloc(9 << 20, 1)]), done: Promise.resolve(), abort: () => undefined, cleanup: async () => undefined }
    const { stored } = await writeBackup({
      source: ok,
      store,
      key: `${kind}-ok/20261122T031500Z-1.dump`,
      compression: 'gzip',
      metadata,
      logger: silentLogger,
      progressIntervalMs: 60_000,
      signal: new AbortController().signal
    })
    const listed = await store.list(`${kind}-ok`)
    expect(listed).toHaveLength(1)
    expect(listed[0].metadata).toMatchObject({ sha256: stored.metadata?.sha256, sizeBytes: stored.sizeBytes, engine: 'postgres' })
  })
})
