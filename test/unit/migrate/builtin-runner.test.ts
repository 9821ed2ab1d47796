import { describe, expect, it } from '@jest/globals'
import { runBuiltin, type BuiltinOptions } from '../../../actions/migrate/src/builtin-runner.js'
import { MigrationSqlError, type MigrationDatabase } from '../../../actions/migrate/src/database/migration-database.js'
import { MigrationFailure, PlanRejected } from '../../../actions/migrate/src/migration-failure.js'
import { collectMigrations, type Migration } from '../../../actions/migrate/src/migration-files.js'
import type { AppliedMigration } from '../../../actions/migrate/src/plan.js'
import type { StatementSplitter } from '../../../actions/migrate/src/sql-statements.js'
import { silentLogger } from '../../../packages/core/log.js'
import { withHeadings } from '../../../actions/migrate/src/migrate-logger.js'

// The runner's orchestration against an in-memory database that records every call.
function fakeDatabase(history: AppliedMigration[], failOn?: string) {
  const calls: string[] = []
  const db: MigrationDatabase = {
    engine: 'Fake',
    readHistory: async () => [...history],
    prepareHistory: async () => void calls.push('prepare'),
    lock: async () => void calls.push('lock'),
    applyUp: async (m: Migration) => {
      calls.push(`up ${m.version}`)
      if (m.version === failOn) throw new MigrationSqlError('boom', m.file, { line: 2, column: 3 }, 'XX000', true)
      history.push({ version: m.version, name: m.name, checksum: m.checksum })
      return { status: 'applied', durationMs: 5 }
    },
    applyDown: async (m: Migration) => {
      calls.push(`down ${m.version}`)
      history.splice(
        history.findIndex((h) => h.version === m.version),
        1
      )
      return { status: 'applied', durationMs: 1 }
    },
    close: async () => void calls.push('close'),
    abort: async () => void calls.push('abort')
  }
  return { db, calls }
}

const migrations = collectMigrations('m', [
  { name: '1_a.sql', content: 'A' },
  { name: '1_a.down.sql', content: 'undo A' },
  { name: '2_b.sql', content: 'B' },
  { name: '2_b.down.sql', content: 'undo B' },
  { name: '3_c.sql', content: 'C' }
])
const options = (overrides: Partial<BuiltinOptions> = {}): BuiltinOptions => ({
  migrations,
  dryRun: false,
  direction: 'up',
  allowChanged: false,
  allowOutOfOrder: false,
  lockTimeoutMs: 1000,
  provenance: { appliedBy: 'octocat' },
  log: withHeadings(silentLogger),
  ...overrides
})
const applied = (version: string): AppliedMigration => {
  const m = migrations.find((x) => x.version === version)!
  return { version, name: m.name, checksum: m.checksum }
}

describe('runBuiltin', () => {
  it('locks, prepares the history, then applies pending migrations in order', async () => {
    const { db, calls } = fakeDatabase([applied('1')])
    const { report, failure } = await runBuiltin(db, options())
    expect(failure).toBeUndefined()
    expect(calls).toEqual(['lock', 'prepare', 'up 2', 'up 3'])
    expect(report).toMatchObject({ pendingCount: 0, currentVersion: '3' })
  })

  it('a dry-run neither locks nor prepares nor applies', async () => {
    const { db, calls } = fakeDatabase([])
    const { report } = await runBuiltin(db, options({ dryRun: true }))
    expect(calls).toEqual([])
    expect(report.outcomes.map((o) => [o.version, o.status, o.sql])).toEqual([
      ['1', 'pending', 'A'],
      ['2', 'pending', 'B'],
      ['3', 'pending', 'C']
    ])
  })

  it('stops at the first failure and reports what was kept', async () => {
    const { db, calls } = fakeDatabase([], '2')
    const { report, failure } = await runBuiltin(db, options())
    expect(calls).toEqual(['lock', 'prepare', 'up 1', 'up 2'])
    expect(failure).toBeInstanceOf(MigrationFailure)
    expect(failure?.message).toBe(
      'm/2_b.sql:2:3: boom (Fake XX000). It was rolled back: the database is exactly as it was before this migration (1 migration before it in this run was completed and kept).'
    )
    expect(report.outcomes.map((o) => o.status)).toEqual(['applied', 'failed'])
    expect(report).toMatchObject({ pendingCount: 2, currentVersion: '1' })
  })

  it('changes nothing when a check fails', async () => {
    const { db, calls } = fakeDatabase([{ ...applied('1'), checksum: 'old' }])
    const { report, failure } = await runBuiltin(db, options())
    expect(calls).toEqual(['lock', 'prepare'])
    expect(failure).toBeInstanceOf(PlanRejected)
    expect(failure?.annotation).toEqual({ title: 'Migration check failed', file: 'm/1_a.sql', startLine: 1 })
    expect(report.outcomes).toEqual([])
  })

  it('reverts newest first with direction down', async () => {
    const { db, calls } = fakeDatabase([applied('1'), applied('2')])
    const { report } = await runBuiltin(db, options({ direction: 'down', steps: 2 }))
    expect(calls).toEqual(['lock', 'prepare', 'down 2', 'down 1'])
    expect(report.outcomes.map((o) => `${o.version}:${o.status}`)).toEqual(['2:reverted', '1:reverted'])
    expect(report.currentVersion).toBeUndefined()
  })

  it('works out the history from the run when it cannot be read afterwards', async () => {
    const { db } = fakeDatabase([], '3')
    let reads = 0
    db.readHistory = async () => {
      if (++reads > 1) throw new Error('Connection terminated')
      return []
    }
    const { report, failure } = await runBuiltin(db, options())
    expect(failure?.message).toContain('m/3_c.sql:2:3: boom')
    expect(report).toMatchObject({ pendingCount: 1, currentVersion: '2' })
  })

  it('a dry-run of a goose file shows its Up section only, each file folded into a group', async () => {
    const goose = collectMigrations('m', [{ name: '1_users.sql', content: '-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n' }])
    const { db, calls } = fakeDatabase([])
    const lines: string[] = []
    const log = withHeadings({ info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug: () => undefined })
    const { report } = await runBuiltin(db, options({ migrations: goose, dryRun: true, log }))
    expect(calls).toEqual([])
    expect(report.outcomes.map((o) => o.sql)).toEqual(['CREATE TABLE users (id int);\n'])
    expect(lines).toEqual(['Would apply m/1_users.sql', 'CREATE TABLE users (id int);\n'])
  })

  it('says before applying anything which files run outside a transaction', async () => {
    const mixed = collectMigrations('m', [
      { name: '1_a.sql', content: 'CREATE TABLE a (id int);' },
      { name: '2_b.sql', content: 'CREATE INDEX CONCURRENTLY b ON a (id);' }
    ])
    const { db } = fakeDatabase([])
    const lines: string[] = []
    const log = withHeadings({ info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug: () => undefined })
    const { report } = await runBuiltin(db, options({ migrations: mixed, log }))
    expect(lines[0]).toBe(
      "warning: 1 of 2 files runs outside the runner's transaction, statement by statement, as their own tool runs them: m/2_b.sql (CREATE INDEX CONCURRENTLY on line 1 cannot run inside a transaction block). If such a file fails halfway, what it committed before the failing statement stays applied and it is not recorded as applied: check the database (and make its statements re-runnable, such as IF NOT EXISTS) before running again."
    )
    expect(lines[1]).toBe('Applying 2 migrations')
    expect(report.outcomes.map((o) => o.outside)).toEqual([undefined, 'CREATE INDEX CONCURRENTLY on line 1 cannot run inside a transaction block'])
  })
})

describe('runBuiltin with the engine parser (PostgreSQL)', () => {
  // A stand-in parser: it refuses a script holding "SELEC", splits the rest on ";" and counts its loads.
  const parser = () => {
    const loads: string[] = []
    const split: StatementSplitter = (script) =>
      script.includes('SELEC ')
        ? { ok: false, problem: { message: 'syntax error at or near "SELEC"', offset: script.indexOf('SELEC ') } }
        : { ok: true, statements: script.split(';').flatMap((sql, i, all) => (sql.trim() === '' ? [] : [{ sql: sql.trim(), offset: all.slice(0, i).join(';').length + (i > 0 ? 1 : 0) }])) }
    return { loads, loadSplitter: async () => (loads.push('load'), split) }
  }
  const local = collectMigrations('m', [
    { name: '1_a.sql', content: 'CREATE TABLE a ();' },
    { name: '1_a.down.sql', content: 'DROP TABLE a;\nSELEC 1;' },
    { name: '2_b.sql', content: 'CREATE TABLE b ();\n  SELEC 1;' }
  ])
  const recorded = (version: string): AppliedMigration => ({ version, name: local.find((m) => m.version === version)!.name, checksum: local.find((m) => m.version === version)!.checksum })

  it('never loads the parser when nothing is to run', async () => {
    const { loads, loadSplitter } = parser()
    const { db, calls } = fakeDatabase([recorded('1'), recorded('2')])
    const { failure } = await runBuiltin(db, options({ migrations: local, loadSplitter }))
    expect(failure).toBeUndefined()
    expect(loads).toEqual([])
    expect(calls).toEqual(['lock', 'prepare'])
  })

  it('refuses a script to run that the parser refuses, before applying anything, annotated at its line and column', async () => {
    for (const dryRun of [false, true]) {
      const { loads, loadSplitter } = parser()
      const { db, calls } = fakeDatabase([])
      const { report, failure } = await runBuiltin(db, options({ migrations: local, loadSplitter, dryRun }))
      expect(loads).toEqual(['load'])
      expect(calls).toEqual(dryRun ? [] : ['lock', 'prepare'])
      expect(failure).toBeInstanceOf(PlanRejected)
      expect(failure?.message).toBe('nothing was changed: m/2_b.sql:2:3: syntax error at or near "SELEC" (PostgreSQL 42601), found by PostgreSQL\'s parser before anything ran')
      expect(failure?.annotation).toEqual({ title: 'Migration failed', file: 'm/2_b.sql', startLine: 2, startColumn: 3 })
      expect(report.outcomes).toEqual([])
    }
  })

  it('applies with the statements the parser gave, and checks only the down scripts that run', async () => {
    const { loadSplitter } = parser()
    const { db, calls } = fakeDatabase([])
    const seen: string[][] = []
    const applyUp = db.applyUp.bind(db)
    db.applyUp = async (m, p) => (seen.push(m.up.statements.map((s) => s.sql)), applyUp(m, p))
    const { failure } = await runBuiltin(db, options({ migrations: local, target: '1', loadSplitter }))
    expect(failure).toBeUndefined()
    expect(seen).toEqual([['CREATE TABLE a ()']])

    const reverting = await runBuiltin(db, options({ migrations: local, direction: 'down', loadSplitter }))
    expect(reverting.failure?.message).toBe('nothing was changed: m/1_a.down.sql:2:1: syntax error at or near "SELEC" (PostgreSQL 42601), found by PostgreSQL\'s parser before anything ran')
    expect(calls).toEqual(['lock', 'prepare', 'up 1', 'lock', 'prepare'])
  })
})
