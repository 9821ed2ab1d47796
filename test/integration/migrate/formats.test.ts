import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runAction, type RunResult } from '../../support/runner.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'

// One small hand-made directory per format (fixtures/<format>), applied up and back down by the
// bundle against real PostgreSQL and SQLite. Every down section first writes a row into a canary
// table the test created, so a down statement that ran on apply cannot go unnoticed.

const FIXTURES = join(import.meta.dirname, 'fixtures')

interface Engine {
  name: string
  /** A fresh database with the canary table; sql() answers one value per row, "|" between columns. */
  fresh(): { url: string; sql: (q: string) => string }
  tables: string
  indexes: string
}

const formats: [string, string[], string[]][] = [
  // format, the versions applied in order, the down notes expected (newest first)
  ['goose', ['20240101000001', '20240101000002', '20240101000003'], ['down 20240101000003_index_orders', 'down 20240101000002_orders', 'down 20240101000001_users']],
  ['dbmate', ['20240101000001', '20240101000002', '20240101000003'], ['down 20240101000003_index_orders', 'down 20240101000002_orders', 'down 20240101000001_users']],
  ['plain', ['001', '002', '003'], ['down 003_index_orders', 'down 002_orders', 'down 001_users']],
  ['golang-migrate', ['1', '2', '10'], ['down 10_index_orders', 'down 2_orders', 'down 1_users']],
  ['flyway', ['1', '1.1', '2', '10', 'R__order_notes'], ['down V10__audit', 'down V2__index_orders', 'down V1_1__orders', 'down V1__users']]
]

describe.each(['PostgreSQL', 'SQLite'])('migration directory formats on %s (built-in runner, runner contract)', (engineName) => {
  let server: Postgres | undefined
  const root = mkdtempSync(join(tmpdir(), 'migrate-formats-'))
  let count = 0
  let engine: Engine

  beforeAll(async () => {
    if (engineName === 'PostgreSQL') {
      const pg = await startPostgres()
      server = pg
      engine = {
        name: engineName,
        fresh: () => {
          const name = `formats_${++count}`
          const url = pg.createDatabase(name)
          const sql = (q: string): string => pg.sql(q, name)
          sql('CREATE TABLE canary (n serial, note text)')
          return { url, sql }
        },
        tables: "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'",
        indexes: "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE schemaname = 'public' AND indexname NOT LIKE '%_pkey'"
      }
    } else {
      engine = {
        name: engineName,
        fresh: () => {
          const file = join(root, `formats-${++count}.db`)
          const sql = (q: string): string => execFileSync('sqlite3', [file, q]).toString().trim()
          sql('CREATE TABLE canary (n INTEGER PRIMARY KEY, note TEXT)')
          return { url: `sqlite://${file}`, sql }
        },
        tables: "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)",
        indexes: "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name)"
      }
    }
  })
  afterAll(async () => {
    await server?.stop()
    rmSync(root, { recursive: true, force: true })
  })

  const migrate = (inputs: Record<string, string>): Promise<RunResult> => runAction({ action: 'migrate', inputs, timeoutMs: 60_000 })
  const copyOf = (format: string): string => {
    const dir = join(root, `${format}-${++count}`)
    cpSync(join(FIXTURES, format), dir, { recursive: true })
    return dir
  }

  it.each(formats)('%s: applies the up sections only, then reverts with the down sections', async (format, versions, downNotes) => {
    const db = engine.fresh()
    const dir = copyOf(format)
    const up = await migrate({ 'database-url': db.url, directory: dir })
    expect(up.errors).toEqual([])
    expect(up.exitCode).toBe(0)
    expect(up.outputs['applied-count']).toBe(String(versions.length))
    // Applying is one collapsible group in the log.
    expect(up.stdout).toContain(`::group::Applying ${versions.length} migrations\n`)
    expect(up.stdout.indexOf('::endgroup::')).toBeGreaterThan(up.stdout.lastIndexOf('Applied '))
    expect((JSON.parse(up.outputs.applied) as { version: string }[]).map((a) => a.version)).toEqual(versions)
    // No down statement ran: the canary is empty and every table of the up sections exists.
    expect(db.sql('SELECT count(*) FROM canary')).toBe('0')
    const expectedTables = format === 'flyway' ? 'audit,canary,deploy_actions_migrations,orders,users' : 'canary,deploy_actions_migrations,orders,users'
    expect(db.sql(engine.tables)).toBe(expectedTables)
    expect(db.sql(engine.indexes)).toContain('orders_user_id')
    expect(db.sql('SELECT note FROM orders WHERE id = 1')).toBe('first; with a semicolon')
    expect(db.sql('SELECT email FROM users')).toBe('ada@example.com')

    const again = await migrate({ 'database-url': db.url, directory: dir })
    expect(again.exitCode).toBe(0)
    expect(again.outputs['applied-count']).toBe('0')

    const down = await migrate({ 'database-url': db.url, directory: dir, direction: 'down', target: '0' })
    expect(down.errors).toEqual([])
    expect(down.outputs['applied-count']).toBe(String(downNotes.length))
    expect(db.sql('SELECT note FROM canary ORDER BY n').split('\n')).toEqual(downNotes)
    expect(db.sql(engine.tables)).toBe('canary,deploy_actions_migrations')
  })

  it('flyway: a repeatable migration runs again, after the versioned ones, only when its file changed', async () => {
    const db = engine.fresh()
    const dir = copyOf('flyway')
    expect((await migrate({ 'database-url': db.url, directory: dir })).exitCode).toBe(0)
    const unchanged = await migrate({ 'database-url': db.url, directory: dir })
    expect(unchanged.outputs['applied-count']).toBe('0')
    writeFileSync(join(dir, 'R__order_notes.sql'), 'DROP VIEW IF EXISTS order_notes;\nCREATE VIEW order_notes AS SELECT id, note, user_id FROM orders;\n')
    writeFileSync(join(dir, 'V11__more.sql'), 'CREATE TABLE more (id integer);\n')
    const changed = await migrate({ 'database-url': db.url, directory: dir })
    expect(changed.errors).toEqual([])
    expect((JSON.parse(changed.outputs.applied) as { version: string }[]).map((a) => a.version)).toEqual(['11', 'R__order_notes'])
    expect(changed.outputs['current-version']).toBe('11')
    expect(db.sql("SELECT count(*) FROM deploy_actions_migrations WHERE version = 'R__order_notes'")).toBe('1')
    expect(db.sql('SELECT user_id FROM order_notes')).toBe('1')
  })

  it('the goose file of the bug report: the table exists after apply', async () => {
    const db = engine.fresh()
    const dir = join(root, `report-${++count}`)
    mkdirSync(dir)
    writeFileSync(join(dir, '20240101000001_users.sql'), '-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n')
    const result = await migrate({ 'database-url': db.url, directory: dir })
    expect(result.exitCode).toBe(0)
    expect(result.outputs['applied-count']).toBe('1')
    expect(db.sql(engine.tables)).toBe('canary,deploy_actions_migrations,users')
  })

  it.each([
    [
      'a goose file beside a plain one',
      { '001_a.sql': '-- +goose Up\nCREATE TABLE a (id int);\n-- +goose Down\nDROP TABLE canary;\n', '002_b.sql': 'CREATE TABLE b (id int);\n' },
      {},
      /mixes migration formats/
    ],
    [
      'format plain for a dbmate file',
      { '001_a.sql': '-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE canary;\n' },
      { format: 'plain' },
      /its down section would run on apply/
    ],
    ['a goose file whose Up comes after its Down', { '001_a.sql': '-- +goose Down\nDROP TABLE canary;\n-- +goose Up\nCREATE TABLE a (id int);\n' }, {}, /before its -- \+goose Up/],
    ['tool-args with the built-in runner', { '001_a.sql': 'CREATE TABLE a (id int);\n' }, { 'tool-args': '-v' }, /^Input "tool-args" is set but tool is builtin/]
  ])('refuses %s with exit 1 and applies nothing, not even the history table', async (_name, files, inputs, expected) => {
    const db = engine.fresh()
    const dir = join(root, `refused-${++count}`)
    mkdirSync(dir)
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content)
    const result = await migrate({ 'database-url': db.url, directory: dir, ...inputs })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(expected)
    expect(result.outputs).toEqual({})
    expect(db.sql(engine.tables)).toBe('canary')
  })
})
