import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  AccountSASPermissions,
  AccountSASResourceTypes,
  AccountSASServices,
  BlobServiceClient,
  generateAccountSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
  type ContainerClient
} from '@azure/storage-blob'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { AZURITE_ACCOUNT, AZURITE_KEY, startAzurite, type Azurite } from '../../support/services/azurite.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'
import { expectFailure, expectSuccess, FINGERPRINT_SQL, KEY, killedDumpPath, OTHER_KEY, SEED_SQL } from './helpers.js'

// The action's bundle run as the runner runs it, against a real PostgreSQL and Azurite.
describe('db-backup: PostgreSQL to Azure Blob (Azurite), run as the runner runs it', () => {
  let pg: Postgres
  let azurite: Azurite
  let container: ContainerClient
  let source: string
  const runs: RunResult[] = []
  const run = async (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> => {
    const result = await runAction({ action: 'db-backup', inputs: { 'azure-connection-string': azurite.connectionString, 'progress-interval': '1s', ...inputs }, env, timeoutMs: 90_000 })
    runs.push(result)
    return result
  }
  const committed = async (prefix: string): Promise<string[]> => {
    const names: string[] = []
    for await (const blob of container.listBlobsFlat({ prefix })) names.push(blob.name)
    return names
  }

  beforeAll(async () => {
    ;[pg, azurite] = await Promise.all([startPostgres(), startAzurite()])
    container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient('backups')
    await container.create()
    source = pg.createDatabase('shop')
    pg.sql(SEED_SQL, 'shop')
  })

  afterAll(async () => {
    await Promise.all(runs.map(cleanup))
    await Promise.all([pg?.stop(), azurite?.stop()])
  })

  it('backs up (encrypted, verified), then restores into a fresh database with the same rows', async () => {
    const backup = await run({ engine: 'postgres', 'database-url': source, destination: 'azblob://backups/shop', environment: 'staging', 'deployment-id': 'deploy-1', 'encryption-key': KEY })
    expectSuccess(backup)
    expect(backup.outputs['backup-id']).toMatch(/^\d{8}T\d{6}Z-deploy-1$/)
    expect(backup.outputs.uri).toBe(`azblob://backups/shop/staging/${backup.outputs['backup-id']}.dump.zst.enc`)
    expect(backup.outputs.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(Number(backup.outputs['size-bytes'])).toBeGreaterThan(10_000)
    expect(Number(backup.outputs['duration-seconds'])).toBeGreaterThan(0)
    expect(backup.stdout).toContain('verified: sha256 re-read and matched; pg_restore into a scratch database: 2 tables')
    expect(backup.summary).toContain(`| sha256 | \`${backup.outputs.sha256}\` |`)
    // The secret never reaches the log, the outputs or the summary.
    expect(backup.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain(KEY)
    expect(backup.summary).not.toContain(KEY)
    // The scratch database is gone.
    expect(pg.sql("SELECT count(*) FROM pg_database WHERE datname LIKE 'da_verify_%'")).toBe('0')

    // The blob carries its metadata.
    const props = await container.getBlockBlobClient(`shop/staging/${backup.outputs['backup-id']}.dump.zst.enc`).getProperties()
    expect(props.metadata).toMatchObject({
      sha256: backup.outputs.sha256,
      sizebytes: backup.outputs['size-bytes'],
      engine: 'postgres',
      compression: 'zstd',
      encryption: 'aes-256-gcm',
      managedby: 'deploy-actions'
    })
    expect(props.metadata?.serverversion).toMatch(/^PostgreSQL 1\d/)

    const fresh = pg.createDatabase('shop_restored')
    const restore = await run({
      mode: 'restore',
      engine: 'postgres',
      'database-url': fresh,
      destination: 'azblob://backups/shop',
      environment: 'staging',
      'backup-id': backup.outputs['backup-id'],
      'encryption-key': KEY
    })
    expectSuccess(restore)
    expect(restore.outputs).toMatchObject({ 'backup-id': backup.outputs['backup-id'], sha256: backup.outputs.sha256 })
    expect(pg.sql(FINGERPRINT_SQL, 'shop_restored')).toBe(pg.sql(FINGERPRINT_SQL, 'shop'))
    expect(pg.sql('SELECT count(*) FROM big_spenders', 'shop_restored')).toBe(pg.sql('SELECT count(*) FROM big_spenders', 'shop'))
  })

  it('restore replaces what the target holds (pg_restore --clean), found by uri', async () => {
    const backup = await run({ engine: 'postgres', 'database-url': source, destination: 'azblob://backups/shop', environment: 'clean', verify: 'false', compression: 'gzip' })
    expectSuccess(backup)
    const target = pg.createDatabase('shop_drifted')
    pg.sql(SEED_SQL, 'shop_drifted')
    pg.sql("DELETE FROM orders WHERE id % 2 = 0; UPDATE customers SET name = 'changed'", 'shop_drifted')
    const restore = await run({ mode: 'restore', engine: 'postgres', 'database-url': target, uri: backup.outputs.uri })
    expectSuccess(restore)
    expect(pg.sql(FINGERPRINT_SQL, 'shop_drifted')).toBe(pg.sql(FINGERPRINT_SQL, 'shop'))
    expect(pg.sql("SELECT count(*) FROM customers WHERE name = 'changed'", 'shop_drifted')).toBe('0')
  })

  it('a wrong encryption key fails the restore cleanly, before the target is touched', async () => {
    const backup = await run({ engine: 'postgres', 'database-url': source, destination: 'azblob://backups/shop', environment: 'keys', verify: 'false', 'encryption-key': KEY })
    expectSuccess(backup)
    const target = pg.createDatabase('shop_untouched')
    pg.sql("CREATE TABLE marker (note text); INSERT INTO marker VALUES ('still here')", 'shop_untouched')
    const restore = await run({
      mode: 'restore',
      engine: 'postgres',
      'database-url': target,
      destination: 'azblob://backups/shop',
      environment: 'keys',
      'backup-id': 'latest',
      'encryption-key': OTHER_KEY
    })
    expectFailure(restore, 'Input "encryption-key" cannot decrypt backup')
    expect(restore.errors[0]).toContain('the encryption key does not match this backup')
    expect(restore.errors[0]).toContain('the target was not touched')
    expect(pg.sql('SELECT note FROM marker', 'shop_untouched')).toBe('still here')
    expect(pg.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'orders'", 'shop_untouched')).toBe('0')

    const withoutKey = await run({ mode: 'restore', engine: 'postgres', 'database-url': target, destination: 'azblob://backups/shop', environment: 'keys', 'backup-id': 'latest' })
    expectFailure(withoutKey, 'Input "encryption-key" is empty, but backup')
  })

  it('a dump killed midway leaves no committed blob, and retention keeps the newest good backup', async () => {
    const env = 'retention'
    const good: string[] = []
    for (const id of ['good-1', 'good-2']) {
      const result = await run({ engine: 'postgres', 'database-url': source, destination: 'azblob://backups/shop', environment: env, 'deployment-id': id, verify: 'false' })
      expectSuccess(result)
      good.push(`shop/${env}/${result.outputs['backup-id']}.dump.zst`)
      await new Promise((r) => setTimeout(r, 1100)) // distinct timestamps
    }
    expect(await committed(`shop/${env}/`)).toEqual(good)

    // The latest run fails: pg_dump dies after 64 KiB. Retention must not run, nothing may appear.
    const killed = await run(
      { engine: 'postgres', 'database-url': source, destination: 'azblob://backups/shop', environment: env, 'deployment-id': 'killed', 'keep-last': '1', 'max-age': '1s' },
      { PATH: killedDumpPath('pg_dump') }
    )
    expectFailure(killed, 'db-backup failed: pg_dump exited with code 137')
    expect(await committed(`shop/${env}/`)).toEqual(good)
    // Its blocks were staged but never committed: invisible as a blob, and only visible at all when asking for uncommitted blobs.
    const uncommitted: string[] = []
    for await (const blob of container.listBlobsFlat({ prefix: `shop/${env}/`, includeUncommitedBlobs: true })) if (!good.includes(blob.name)) uncommitted.push(blob.name)
    expect(uncommitted.length).toBeGreaterThan(0)
    expect(uncommitted.every((name) => name.includes('-killed.'))).toBe(true)

    // A dry run lists what would go without deleting.
    const dry = await run({
      engine: 'postgres',
      'database-url': source,
      destination: 'azblob://backups/shop',
      environment: env,
      'deployment-id': 'dry',
      verify: 'false',
      'keep-last': '1',
      'retention-dry-run': 'true'
    })
    expectSuccess(dry)
    expect(dry.summary).toContain('#### Retention (dry run: nothing deleted)')
    expect(dry.summary.match(/would delete/g)).toHaveLength(2)
    expect(dry.outputs['retention-deleted']).toBe('[]')
    expect(await committed(`shop/${env}/`)).toHaveLength(3)

    // The next good run applies keep-last 2: the two oldest go, its own and the previous newest stay.
    const next = await run({
      engine: 'postgres',
      'database-url': source,
      destination: 'azblob://backups/shop',
      environment: env,
      'deployment-id': 'good-3',
      verify: 'false',
      'keep-last': '2'
    })
    expectSuccess(next)
    const left = await committed(`shop/${env}/`)
    expect(left).toHaveLength(2)
    expect(left).toContain(`shop/${env}/${next.outputs['backup-id']}.dump.zst`)
    expect(left).toContain(`shop/${env}/${dry.outputs['backup-id']}.dump.zst`)
    expect(JSON.parse(next.outputs['retention-deleted'])).toHaveLength(2)
    expect(next.summary).toMatch(/\| \S+-good-2 \| \S+ \| deleted \| beyond keep-last 2 \(#3\) \|/)
    expect(next.summary).toMatch(/\| \S+-good-1 \| \S+ \| deleted \| beyond keep-last 2 \(#4\) \|/)
  })

  it('authenticates with a SAS token against an https-style (here path-style emulator) blob URL', async () => {
    const sas = generateAccountSASQueryParameters(
      {
        permissions: AccountSASPermissions.parse('rwdlac'),
        services: AccountSASServices.parse('b').toString(),
        resourceTypes: AccountSASResourceTypes.parse('sco').toString(),
        protocol: SASProtocol.HttpsAndHttp,
        expiresOn: new Date(Date.now() + 3_600_000)
      },
      new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY)
    ).toString()
    const destination = `${azurite.blobEndpoint}/backups/sas`
    const backup = await run({ engine: 'postgres', 'database-url': source, destination, 'azure-connection-string': '', 'azure-sas-token': sas, verify: 'false' })
    expectSuccess(backup)
    expect(backup.outputs.uri).toBe(`${destination}/production/${backup.outputs['backup-id']}.dump.zst`)
    expect(await committed('sas/')).toEqual([`sas/production/${backup.outputs['backup-id']}.dump.zst`])
    expect(backup.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain(sas)

    const bad = await run({
      engine: 'postgres',
      'database-url': source,
      destination,
      'azure-connection-string': '',
      'azure-sas-token': sas.replace(/sig=[^&]+/, 'sig=AAAA'),
      verify: 'false'
    })
    expectFailure(bad, 'Input "azure-sas-token" cannot be used: Azure Blob Storage: the storage account refused the credentials')
  })

  it.each<[string, Record<string, string>, string]>([
    ['unknown engine', { engine: 'oracle' }, 'Input "engine" is "oracle", which is not allowed'],
    ['malformed destination URL', { destination: 'azblob://Bad Container/x' }, 'Input "destination" is not a valid URL'],
    ['missing credentials', { 'azure-connection-string': '' }, 'Input "azure-connection-string" is empty, and an azblob:// destination names no storage account'],
    ['a key of the wrong length', { 'encryption-key': Buffer.alloc(24, 0xff).toString('base64') }, 'Input "encryption-key" decodes to 24 bytes, not 32'],
    ['negative retention', { 'keep-last': '-3' }, 'Input "keep-last" is -3, which is out of range'],
    ['a container that does not exist', { destination: 'azblob://nosuchcontainer/x' }, 'Input "destination" cannot be used: Azure Blob Storage: container "nosuchcontainer" does not exist']
  ])('bad input (%s) fails before any write, naming the input', async (_name, inputs, message) => {
    const result = await run({ engine: 'postgres', 'database-url': source, destination: 'azblob://backups/bad', environment: 'bad', ...inputs })
    expectFailure(result, message)
    expect(await committed('bad/')).toEqual([])
  })

  it('verify with a user that cannot CREATE DATABASE fails before any write, naming verify', async () => {
    pg.sql('CREATE ROLE reader LOGIN; GRANT CONNECT ON DATABASE shop TO reader')
    pg.sql('GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader; GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO reader', 'shop')
    const result = await run({ engine: 'postgres', 'database-url': pg.urlFor('shop').replace('postgres@', 'reader@'), destination: 'azblob://backups/bad', environment: 'bad' })
    expectFailure(result, 'Input "verify" is true but the database user cannot CREATE DATABASE')
    expect(await committed('bad/')).toEqual([])
    // The same user can back up without the scratch restore (the digest is still re-read).
    const plain = await run({ engine: 'postgres', 'database-url': pg.urlFor('shop').replace('postgres@', 'reader@'), destination: 'azblob://backups/reader', verify: 'false' })
    expectSuccess(plain)
  })

  it('a pg_dump older than the server is refused before any write', async () => {
    const path = killedDumpPath('pg_dump')
    const dir = path.split(':')[0]
    writeFileSync(join(dir, 'pg_dump'), '#!/bin/sh\necho "pg_dump (PostgreSQL) 12.22"\n')
    const result = await run({ engine: 'postgres', 'database-url': source, destination: 'azblob://backups/bad', environment: 'bad' }, { PATH: path })
    expectFailure(result, 'db-backup failed: pg_dump 12 cannot dump a PostgreSQL 1')
    expect(result.errors[0]).toContain('install a newer PostgreSQL client on the runner')
    expect(await committed('bad/')).toEqual([])
  })

  it('an unreachable database fails before any write, naming database-url without its password', async () => {
    const result = await run({ engine: 'postgres', 'database-url': 'postgres://app:hunter2secret@127.0.0.1:1/shop', destination: 'azblob://backups/bad', environment: 'bad' })
    expectFailure(result, 'Input "database-url" points at PostgreSQL database "shop" on 127.0.0.1:1 as app, which cannot be reached')
    expect(result.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('hunter2secret')
    expect(await committed('bad/')).toEqual([])
  })
})
