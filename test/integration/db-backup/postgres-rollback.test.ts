import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'
import { expectFailure, expectSuccess, SEED_SQL } from './helpers.js'

// A rollback: back up a real PostgreSQL database, migrate it, restore into the SAME database with
// the bundle run as the runner runs it, and compare everything pg_dump sees with the state before.
describe('db-backup: rollback restore into the same PostgreSQL database after a migration', () => {
  let pg: Postgres
  let dir: string
  const runs: RunResult[] = []
  const run = async (inputs: Record<string, string>): Promise<RunResult> => {
    const result = await runAction({ action: 'db-backup', inputs: { engine: 'postgres', destination: dir, verify: 'false', ...inputs }, timeoutMs: 90_000 })
    runs.push(result)
    return result
  }
  let databases = 0
  const dump = (database: string, part: string): string =>
    execFileSync('pg_dump', ['--no-password', part, `--dbname=${pg.urlFor(database)}`], { maxBuffer: 256 << 20 })
      .toString()
      .replace(/^\\(un)?restrict .*$/gm, '') // a random key per run
  /** Schema, owners and privileges as pg_dump prints them, public's owner, ACL and comment, and a digest of all rows. */
  const state = (database: string): { schema: string; publicSchema: string; rows: string } => ({
    schema: dump(database, '--schema-only'),
    publicSchema: pg.sql(
      "SELECT pg_get_userbyid(nspowner) || ' ' || coalesce(nspacl::text, 'default') || ' ' || coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace WHERE nspname = 'public'",
      database
    ),
    rows: createHash('sha256').update(dump(database, '--data-only')).digest('hex')
  })
  const seeded = (database: string): string => {
    const url = pg.createDatabase(database)
    pg.sql(SEED_SQL, database)
    pg.sql(
      "CREATE TYPE order_status AS ENUM ('new', 'paid'); ALTER TABLE orders ADD COLUMN status order_status NOT NULL DEFAULT 'new'; UPDATE orders SET status = 'paid' WHERE id % 3 = 0",
      database
    )
    pg.sql(
      "CREATE SCHEMA audit; CREATE TABLE audit.events (id serial PRIMARY KEY, customer int REFERENCES public.customers(id), what text); INSERT INTO audit.events (customer, what) VALUES (1, 'signup')",
      database
    )
    pg.sql("GRANT USAGE ON SCHEMA public TO app_reader; COMMENT ON SCHEMA public IS 'shop tables'", database)
    return url
  }

  beforeAll(async () => {
    pg = await startPostgres()
    pg.sql('CREATE ROLE app_reader LOGIN')
    dir = mkdtempSync(join(tmpdir(), 'db-backup-rollback-'))
  })

  afterAll(async () => {
    await Promise.all(runs.map(cleanup))
    await pg?.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it.each<[string, string[]]>([
    // The README's first example: the table made since references one the backup restores.
    ['a table with a foreign key added', ['CREATE TABLE coupons (id int PRIMARY KEY, customer_id int REFERENCES customers(id)); INSERT INTO coupons VALUES (1, 1), (2, 7)']],
    ['a column added (and filled)', ["ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic'; UPDATE customers SET tier = 'gold' WHERE id < 10"]],
    ['a column dropped (its data comes back)', ['ALTER TABLE orders DROP COLUMN note', 'DROP VIEW big_spenders; ALTER TABLE orders DROP COLUMN total']],
    // ADD VALUE cannot be used in the transaction that adds it: two statements, as a migration tool runs them.
    ['an enum value added and used', ["ALTER TYPE order_status ADD VALUE 'refunded'", "UPDATE orders SET status = 'refunded' WHERE id < 100"]],
    [
      'a schema, a view on a restored table and rows deleted',
      ['CREATE SCHEMA reports; CREATE VIEW reports.vip AS SELECT id FROM customers WHERE id < 5', 'DELETE FROM audit.events; DELETE FROM orders WHERE id > 100']
    ]
  ])('after %s, the restore returns the database to exactly the backed-up state', async (_case, migration) => {
    const database = `roll_${(databases += 1)}`
    const url = seeded(database)
    const before = state(database)
    const backup = await run({ 'database-url': url, environment: database, 'deployment-id': 'before-migration' })
    expectSuccess(backup)

    for (const statement of migration) pg.sql(statement, database)
    expect(state(database)).not.toEqual(before)

    const restore = await run({ mode: 'restore', 'database-url': url, environment: database, 'backup-id': backup.outputs['backup-id'] })
    expectSuccess(restore)
    expect(restore.stdout).toContain('replacing every schema of')
    expect(state(database)).toEqual(before)
  })

  it('a user that does not own the schemas cannot restore: exit 1, one line, and the migrated database is left exactly as it was', async () => {
    const database = 'roll_denied'
    const url = seeded(database)
    pg.sql(`GRANT CONNECT ON DATABASE ${database} TO app_reader`)
    const backup = await run({ 'database-url': url, environment: database })
    expectSuccess(backup)
    pg.sql('CREATE TABLE coupons (id int PRIMARY KEY, customer_id int REFERENCES customers(id)); INSERT INTO coupons VALUES (1, 1)', database)
    const migrated = state(database)

    const restore = await run({ mode: 'restore', 'database-url': url.replace('postgres@', 'app_reader@'), environment: database, 'backup-id': 'latest' })
    expectFailure(restore, 'Input "database-url" names a user that cannot replace the database\'s schemas, so nothing was changed (psql exited with code 3: ERROR:  must be owner of schema')
    expect(state(database)).toEqual(migrated)
  })

  it("a restore that waits on an application's lock stops at its timeout, leaves no session holding locks, and changes nothing", async () => {
    const database = 'roll_locked'
    const url = seeded(database)
    const backup = await run({ 'database-url': url, environment: database })
    expectSuccess(backup)
    pg.sql('ALTER TABLE customers ADD COLUMN tier text', database)
    const migrated = state(database)
    // An application session in an open transaction that has read orders: the DROP must wait for it.
    const app = spawn('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(pg.port), '-U', 'postgres', '-d', database], { stdio: ['pipe', 'pipe', 'inherit'] })
    app.stdin.write('BEGIN; SELECT count(*) FROM orders; \\echo holding\n')
    await new Promise<void>((holding) => app.stdout.on('data', (chunk: Buffer) => String(chunk).includes('holding') && holding()))
    try {
      const restore = await run({ mode: 'restore', 'database-url': url, environment: database, 'backup-id': 'latest', timeout: '3s' })
      expectFailure(restore, 'did not finish within 3.00 s (input "timeout")')
      // The restore's session goes away instead of waiting on with the locks it took.
      const restoring = (): string => pg.sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'deploy-actions db-backup'")
      for (let i = 0; i < 100 && restoring() !== '0'; i++) await new Promise((tick) => setTimeout(tick, 100))
      expect(restoring()).toBe('0')
    } finally {
      app.stdin.end('ROLLBACK;\n')
      await new Promise((closed) => app.on('close', closed))
    }
    expect(state(database)).toEqual(migrated)
  })

  it('a backup cut short after the schemas were dropped commits nothing: the transaction rolls back', async () => {
    const database = 'roll_cut'
    const url = seeded(database)
    const backup = await run({ 'database-url': url, environment: database, compression: 'none' })
    expectSuccess(backup)
    pg.sql('ALTER TABLE customers ADD COLUMN tier text', database)
    const migrated = state(database)
    // A PATH whose pg_restore converts only the first 8 KiB of the archive and then fails, as a
    // crash half-way would: the drop has run by then, but the transaction is never committed.
    const restore = await runAction({
      action: 'db-backup',
      inputs: { engine: 'postgres', mode: 'restore', 'database-url': url, environment: database, destination: dir, 'backup-id': 'latest' },
      env: { PATH: truncatingRestorePath() },
      timeoutMs: 90_000
    })
    runs.push(restore)
    expectFailure(restore, 'pg_restore exited with code 1')
    expect(state(database)).toEqual(migrated)
  })
})

/** A PATH directory whose pg_restore runs the real one on the first 8 KiB of its input, then exits 1. */
function truncatingRestorePath(): string {
  const real = execFileSync('sh', ['-c', 'command -v pg_restore']).toString().trim()
  const bin = mkdtempSync(join(tmpdir(), 'cut-restore-'))
  execFileSync('sh', ['-c', `printf '#!/bin/sh\\nhead -c 8192 | "${real}" "$@"\\ncat >/dev/null\\nexit 1\\n' > ${bin}/pg_restore && chmod +x ${bin}/pg_restore`])
  return `${bin}:${process.env.PATH}`
}
