import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { actionEntry, cleanup, runAction, type RunResult } from '../../support/runner.js'
import { node24 } from '../../support/paths.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'
import { startS3rver, type S3rver } from '../../support/services/s3rver.js'
import { expectFailure, expectSuccess, FINGERPRINT_SQL, hangingDumpPath, KEY, killedDumpPath, SEED_SQL } from './helpers.js'

// The bundle run as the runner runs it, against a real PostgreSQL, s3rver (S3 API) and a local directory.
describe('db-backup: PostgreSQL to S3 (s3rver) and to a local directory, run as the runner runs it', () => {
  let pg: Postgres
  let s3: S3rver
  let client: S3Client
  let source: string
  let dir: string
  const runs: RunResult[] = []
  const s3Inputs = (): Record<string, string> => ({ 's3-endpoint': s3.endpoint, 'aws-access-key-id': s3.accessKeyId, 'aws-secret-access-key': s3.secretAccessKey, 'aws-region': 'us-east-1' })
  const run = async (inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> => {
    const result = await runAction({ action: 'db-backup', inputs, env, timeoutMs: 90_000 })
    runs.push(result)
    return result
  }
  const keys = async (prefix: string): Promise<string[]> =>
    ((await client.send(new ListObjectsV2Command({ Bucket: 'backups', Prefix: prefix }))).Contents ?? []).map((o) => o.Key ?? '').sort()
  const files = (at: string): string[] => (existsSync(at) ? readdirSync(at, { recursive: true }).map(String).sort() : [])

  beforeAll(async () => {
    ;[pg, s3] = await Promise.all([startPostgres(), startS3rver(['backups'])])
    client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } })
    source = pg.createDatabase('shop')
    pg.sql(SEED_SQL, 'shop')
    dir = mkdtempSync(join(tmpdir(), 'db-backup-local-'))
  })

  afterAll(async () => {
    client?.destroy()
    await Promise.all(runs.map(cleanup))
    await Promise.all([pg?.stop(), s3?.stop()])
    rmSync(dir, { recursive: true, force: true })
  })

  it('S3: backup (multipart to a temporary key, then a copy with metadata), restore into a fresh database, same rows', async () => {
    const backup = await run({
      engine: 'postgres',
      'database-url': source,
      destination: 's3://backups/shop',
      'deployment-id': 's3-1',
      'encryption-key': KEY,
      compression: 'gzip',
      ...s3Inputs()
    })
    expectSuccess(backup)
    const key = `shop/production/${backup.outputs['backup-id']}.dump.gz.enc`
    expect(backup.outputs.uri).toBe(`s3://backups/${key}`)
    expect(await keys('shop/')).toEqual([key]) // no temporary object left behind
    const head = await client.send(new HeadObjectCommand({ Bucket: 'backups', Key: key }))
    expect(head.Metadata).toMatchObject({ sha256: backup.outputs.sha256, sizebytes: backup.outputs['size-bytes'], engine: 'postgres', compression: 'gzip', encryption: 'aes-256-gcm' })

    const fresh = pg.createDatabase('shop_from_s3')
    const restore = await run({ mode: 'restore', engine: 'postgres', 'database-url': fresh, uri: backup.outputs.uri, 'encryption-key': KEY, ...s3Inputs() })
    expectSuccess(restore)
    expect(pg.sql(FINGERPRINT_SQL, 'shop_from_s3')).toBe(pg.sql(FINGERPRINT_SQL, 'shop'))
  })

  it('S3: a dump killed midway leaves no object at all', async () => {
    const killed = await run({ engine: 'postgres', 'database-url': source, destination: 's3://backups/killed', ...s3Inputs() }, { PATH: killedDumpPath('pg_dump') })
    expectFailure(killed, 'pg_dump exited with code 137')
    expect(await keys('killed/')).toEqual([])
  })

  it('S3: no credentials anywhere fails before any write, naming the input', async () => {
    const { 'aws-access-key-id': _id, 'aws-secret-access-key': _secret, ...withoutKeys } = s3Inputs()
    const result = await run(
      { engine: 'postgres', 'database-url': source, destination: 's3://backups/denied', ...withoutKeys },
      { AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent' }
    )
    expectFailure(result, 'Input "aws-access-key-id" cannot be used: S3: the credentials were refused or are missing (CredentialsProviderError)')
    expect(await keys('denied/')).toEqual([])
  })

  it('local: data file plus JSON sidecar; a killed dump leaves nothing; restore by uri', async () => {
    const backup = await run({ engine: 'postgres', 'database-url': source, destination: dir, environment: 'local', 'deployment-id': 'l-1' })
    expectSuccess(backup)
    const name = `${backup.outputs['backup-id']}.dump.zst`
    expect(files(join(dir, 'local'))).toEqual([name, `${name}.json`])
    expect(JSON.parse(readFileSync(join(dir, 'local', `${name}.json`), 'utf8'))).toMatchObject({ sha256: backup.outputs.sha256, sizebytes: backup.outputs['size-bytes'], engine: 'postgres' })
    expect(backup.outputs.uri).toBe(`file://${dir}/local/${name}`)

    const killed = await run({ engine: 'postgres', 'database-url': source, destination: dir, environment: 'local-killed' }, { PATH: killedDumpPath('pg_dump') })
    expectFailure(killed, 'pg_dump exited with code 137')
    expect(files(join(dir, 'local-killed'))).toEqual([])

    const fresh = pg.createDatabase('shop_from_file')
    const restore = await run({ mode: 'restore', engine: 'postgres', 'database-url': fresh, uri: backup.outputs.uri })
    expectSuccess(restore)
    expect(pg.sql(FINGERPRINT_SQL, 'shop_from_file')).toBe(pg.sql(FINGERPRINT_SQL, 'shop'))
  })

  it('local: a run that exceeds its timeout stops the dump and commits nothing', async () => {
    // The stand-in pg_dump hangs for ever: only the action's own timeout can end this run before
    // the harness kills it, and then the message below would be missing.
    const result = await run(
      { engine: 'postgres', 'database-url': source, destination: dir, environment: 'timeout', timeout: '1500ms', 'progress-interval': '400ms' },
      { PATH: hangingDumpPath() }
    )
    expectFailure(result, 'db-backup failed: did not finish within 1.50 s (input "timeout"); nothing was committed')
    // Progress lines kept coming while the dump hung.
    expect(result.stdout.match(/^dumped: 0 B in \d+ s \(0 B\/s\), 0 B stored$/gm)?.length).toBeGreaterThanOrEqual(2)
    expect(files(join(dir, 'timeout'))).toEqual([])
  })

  it('local: a cancelled job (SIGINT to the action, as the runner sends) stops the dump and commits nothing', async () => {
    // runAction gives no handle on the process, so the bundle is started here the same way.
    const work = mkdtempSync(join(tmpdir(), 'cancel-'))
    const output = join(work, 'output')
    writeFileSync(output, '')
    const child = spawn(node24, [actionEntry('db-backup')], {
      cwd: work,
      env: {
        PATH: hangingDumpPath(),
        HOME: work,
        RUNNER_TEMP: work,
        GITHUB_OUTPUT: output,
        GITHUB_RUN_ID: '77',
        INPUT_ENGINE: 'postgres',
        'INPUT_DATABASE-URL': source,
        INPUT_DESTINATION: dir,
        INPUT_ENVIRONMENT: 'cancelled',
        'INPUT_PROGRESS-INTERVAL': '250ms'
      },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let signalled = false
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString()
      if (!signalled && stdout.includes('dumped: ')) {
        signalled = true
        child.kill('SIGINT')
      }
    })
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)))
    rmSync(work, { recursive: true, force: true })
    expect(code).toBe(1)
    expect(stdout).toContain('::error::db-backup failed: cancelled (SIGINT); nothing was committed')
    expect(files(join(dir, 'cancelled'))).toEqual([])
  })

  it('local: a backup whose bytes changed after it was made is refused before the target is touched', async () => {
    const backup = await run({ engine: 'postgres', 'database-url': source, destination: dir, environment: 'tampered', verify: 'false', compression: 'none' })
    expectSuccess(backup)
    const file = join(dir, 'tampered', `${backup.outputs['backup-id']}.dump`)
    const bytes = readFileSync(file)
    bytes[bytes.length - 100] ^= 0xff
    writeFileSync(file, bytes)
    const target = pg.createDatabase('shop_tamper_target')
    pg.sql("CREATE TABLE marker (note text); INSERT INTO marker VALUES ('still here')", 'shop_tamper_target')
    const restore = await run({ mode: 'restore', engine: 'postgres', 'database-url': target, uri: backup.outputs.uri })
    expectFailure(restore, 'failed its check, so the target was not touched: the stored backup does not match its recorded digest')
    expect(pg.sql('SELECT note FROM marker', 'shop_tamper_target')).toBe('still here')
  })
})
