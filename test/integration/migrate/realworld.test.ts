import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type RunResult } from '../../support/runner.js'
import { postgresFixture } from './postgres-fixture.js'

// A golang-migrate directory shaped like those of public projects: files with their own
// BEGIN … COMMIT, CREATE INDEX CONCURRENTLY files, an enum value, a file saved with a byte-order
// mark. The bundle applies it in one run; psql applies the same files one after another into a
// second database; the two schemas must be the same.

const REALWORLD = join(import.meta.dirname, 'fixtures', 'golang-migrate-realworld')

describe('migrate with real-world directories and error positions on PostgreSQL (runner contract)', () => {
  const postgres = postgresFixture('real')
  const fresh = postgres.fresh
  const connection = (database: string): string[] => ['-X', '-q', '-h', '127.0.0.1', '-p', String(postgres.server.port), '-U', 'postgres', '-d', database]
  const migrate = (inputs: Record<string, string>): Promise<RunResult> => runAction({ action: 'migrate', inputs, timeoutMs: 60_000 })
  /** The schema as pg_dump prints it, without the runner's history table and pg_dump's per-run \restrict key. */
  const schema = (database: string): string =>
    execFileSync('pg_dump', [
      ...connection(database).filter((a) => a !== '-X' && a !== '-q'),
      '--schema-only',
      '--no-owner',
      '-T',
      'deploy_actions_migrations',
      '-T',
      'deploy_actions_migrations_*'
    ])
      .toString()
      .split('\n')
      .filter((line) => !/^\\(un)?restrict /.test(line))
      .join('\n')

  it('applies own-transaction and CONCURRENTLY files in one run, to the schema psql builds from the same files', async () => {
    const ours = fresh()
    const theirs = fresh()
    const result = await migrate({ 'database-url': ours.url, directory: REALWORLD })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['applied-count']).toBe('7')
    expect(result.outputs['current-version']).toBe('000007')

    // The plan said, before applying anything, which files run outside a transaction and why.
    const planned = result.warnings.find((w) => w.includes("outside the runner's transaction")) ?? ''
    expect(planned).toContain('4 of 7 files run outside')
    expect(planned).toContain('000002_create_orders.up.sql (it has its own BEGIN on line 1)')
    expect(planned).toContain('000003_orders_account_index.up.sql (CREATE INDEX CONCURRENTLY on line 1 cannot run inside a transaction block)')
    expect(planned).toContain('000004_accounts_email_unique.up.sql (CREATE INDEX CONCURRENTLY on line 2 cannot run inside a transaction block)')
    expect(planned).toContain('000006_backfill_notes.up.sql (it has its own BEGIN on line 1)')
    expect(result.stdout.indexOf("outside the runner's transaction")).toBeLessThan(result.stdout.indexOf('Applying '))
    expect(result.summary).toContain('**Outside a transaction**')

    for (const file of readdirSync(REALWORLD)
      .filter((f) => f.endsWith('.up.sql'))
      .sort()) {
      execFileSync('psql', [...connection(theirs.name), '-v', 'ON_ERROR_STOP=1', '-f', join(REALWORLD, file)], { stdio: 'pipe' })
    }
    const built = schema(ours.name)
    expect(built).toContain('CREATE INDEX orders_account_id_idx ON public.orders USING btree (account_id);')
    expect(built).toContain("'refunded'")
    expect(built).toContain('CREATE VIEW public.account_orders AS')
    expect(built).toBe(schema(theirs.name))
    expect(ours.sql("SELECT indisvalid FROM pg_index WHERE indexrelid = 'orders_account_id_idx'::regclass")).toBe('t')

    const down = await migrate({ 'database-url': ours.url, directory: REALWORLD, direction: 'down', target: '0' })
    expect(down.errors).toEqual([])
    expect(down.outputs['applied-count']).toBe('7')
    expect(ours.sql("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'")).toBe('deploy_actions_migrations')
    expect(ours.sql("SELECT count(*) FROM pg_type WHERE typname = 'order_status'")).toBe('0')
  })

  const positions: [string, Record<string, string>, string, number, number, string][] = [
    ['a parse error', { '001_a.sql': 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n  SELEC 1;\n' }, '001_a.sql', 3, 3, 'syntax error at or near "SELEC" (PostgreSQL 42601)'],
    // The server gives no position: the failing statement's first line and column.
    [
      'an already-exists error',
      { '001_a.sql': 'CREATE TABLE users (id int);\n\n-- again, by mistake\n   CREATE TABLE users (id int);\n' },
      '001_a.sql',
      4,
      4,
      'relation "users" already exists (PostgreSQL 42P07)'
    ],
    [
      'an error inside a function body, at run time',
      { '001_a.sql': 'CREATE FUNCTION bump() RETURNS void AS $$\nBEGIN\n  UPDATE missing_table SET x = 1;\nEND;\n$$ LANGUAGE plpgsql;\nSELECT bump();\n' },
      '001_a.sql',
      3,
      10,
      'relation "missing_table" does not exist (PostgreSQL 42P01)'
    ],
    [
      'an error inside a function body, when it is created',
      { '001_a.sql': 'SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  PERFORM 1;\n  RETRUN 1;\nEND;\n$$ LANGUAGE plpgsql;\n' },
      '001_a.sql',
      5,
      3,
      'syntax error at or near "RETRUN" (PostgreSQL 42601)'
    ],
    [
      'an error in a goose Up section',
      { '001_a.sql': '-- +goose Up\nCREATE TABLE t (id int);\nINSERT INTO nope VALUES (1);\n-- +goose Down\nDROP TABLE t;\n' },
      '001_a.sql',
      3,
      13,
      'relation "nope" does not exist (PostgreSQL 42P01)'
    ],
    ['an error after a byte-order mark', { '001_a.sql': '\uFEFFCREATE TABLE t (id int);\nCREATE TABLE t (id int);\n' }, '001_a.sql', 2, 1, 'relation "t" already exists (PostgreSQL 42P07)']
  ]

  it.each(positions)('points at the failing statement: %s', async (_name, files, file, line, column, message) => {
    const db = fresh()
    const dir = postgres.folder(files)
    const result = await migrate({ 'database-url': db.url, directory: dir.path })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(`${dir.path}/${file}:${line}:${column}: ${message}`)
    expect(result.stdout).toContain(`::error title=Migration failed,file=${dir.path}/${file},line=${line},col=${column}::`)
    expect(db.sql("SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'")).toBe('deploy_actions_migrations')
  })
})
