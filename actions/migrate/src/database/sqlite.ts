import type { DatabaseSync } from 'node:sqlite'
import { formatMs } from '../../../../packages/core/markdown.js'
import { defaultSleep } from '../../../../packages/core/retry.js'
import type { SqliteDatabaseUrl } from '../../../../packages/db/database-url.js'
import type { Migration, MigrationScript } from '../migration-files.js'
import type { AppliedMigration } from '../plan.js'
import { positionAt } from '../source-position.js'
import { statementStart } from '../transaction-mode.js'
import { quoteQualified } from './history-table.js'
import { MigrationSqlError, type ApplyResult, type DatabaseOptions, type MigrationDatabase, type Provenance } from './migration-database.js'

/**
 * SQLite through Node's built-in node:sqlite (no native addon to bundle). SQLite has one writer
 * at a time: each migration runs in BEGIN IMMEDIATE (waiting up to lock-timeout for the write
 * lock) and re-checks the history table inside it, so concurrent runs apply each migration once.
 * Statements run one by one inside the transaction so a failure names its statement's line.
 */

const BUSY_MS = 200
const busyTimeout = (ms: number): number => Math.max(0, Math.min(2_147_483_647, Math.round(ms)))
const PROGRESS_EVERY_MS = 5000
const SQLITE_BUSY = 5

export async function openSqlite(url: SqliteDatabaseUrl, options: DatabaseOptions & { lockTimeoutMs: number }): Promise<MigrationDatabase> {
  const { DatabaseSync } = await import('node:sqlite')
  const db = new DatabaseSync(url.path)
  // Reads and COMMIT wait inside SQLite up to lock-timeout; the write lock is waited for in
  // writeLock() in short steps, with progress output.
  db.exec(`PRAGMA busy_timeout = ${busyTimeout(options.lockTimeoutMs)}`)
  if (options.statementTimeoutMs > 0) options.log.warning('statement-timeout has no effect on SQLite, which has no statement timeout.')
  return new SqliteMigrationDatabase(db, options, options.lockTimeoutMs)
}

class SqliteMigrationDatabase implements MigrationDatabase {
  readonly engine = 'SQLite'
  private readonly table: string

  constructor(
    private readonly db: DatabaseSync,
    private readonly options: DatabaseOptions,
    private readonly lockTimeoutMs: number
  ) {
    this.table = quoteQualified(options.historyTable)
  }

  /** BEGIN IMMEDIATE, retried while another connection writes, until lock-timeout, with progress. */
  private async writeLock(): Promise<void> {
    this.db.exec(`PRAGMA busy_timeout = ${Math.min(BUSY_MS, busyTimeout(this.lockTimeoutMs))}`)
    try {
      await this.pollWriteLock()
    } finally {
      this.db.exec(`PRAGMA busy_timeout = ${busyTimeout(this.lockTimeoutMs)}`)
    }
  }

  private async pollWriteLock(): Promise<void> {
    const started = Date.now()
    let lastProgress = started
    for (;;) {
      try {
        this.db.exec('BEGIN IMMEDIATE')
        return
      } catch (error) {
        if ((error as { errcode?: number }).errcode !== SQLITE_BUSY) throw error
      }
      const waited = Date.now() - started
      if (waited >= this.lockTimeoutMs) throw new Error(`another connection still holds the SQLite write lock after ${formatMs(this.lockTimeoutMs)}; let it finish, or raise lock-timeout`)
      if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        this.options.log.info(`Waiting for the SQLite write lock (waited ${formatMs(waited)} of ${formatMs(this.lockTimeoutMs)}).`)
        lastProgress = Date.now()
      }
      await defaultSleep(50)
    }
  }

  private tableExists(): boolean {
    const name = this.options.historyTable.split('.').at(-1)!
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
  }

  readHistory(): Promise<AppliedMigration[]> {
    if (!this.tableExists()) return Promise.resolve([])
    const rows = this.db.prepare(`SELECT version, name, checksum, duration_ms, applied_at, applied_by FROM ${this.table}`).all() as {
      version: string
      name: string
      checksum: string
      duration_ms: number
      applied_at: string
      applied_by: string
    }[]
    return Promise.resolve(
      rows.map((row) => ({
        version: String(row.version),
        name: row.name,
        checksum: row.checksum,
        durationMs: Number(row.duration_ms),
        appliedAt: row.applied_at,
        appliedBy: row.applied_by
      }))
    )
  }

  async prepareHistory(): Promise<void> {
    if (this.tableExists()) return
    await this.writeLock()
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      version TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      duration_ms INTEGER NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      applied_by TEXT NOT NULL,
      run_url TEXT
    )`)
    this.db.exec('COMMIT')
  }

  async lock(): Promise<void> {
    // Each migration takes SQLite's write lock (BEGIN IMMEDIATE) and waits for it through busy_timeout.
  }

  private isApplied(version: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${this.table} WHERE version = ?`).get(version) !== undefined
  }

  private isRecorded(version: string, checksum: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${this.table} WHERE version = ? AND checksum = ?`).get(version, checksum) !== undefined
  }

  async applyUp(migration: Migration, provenance: Provenance): Promise<ApplyResult> {
    const done = (): boolean => (migration.repeatable ? this.isRecorded(migration.version, migration.checksum) : this.isApplied(migration.version))
    return this.run(migration.up, done, (durationMs) => {
      if (migration.repeatable) this.db.prepare(`DELETE FROM ${this.table} WHERE version = ?`).run(migration.version)
      this.db
        .prepare(`INSERT INTO ${this.table} (version, name, checksum, duration_ms, applied_by, run_url) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(migration.version, migration.name, migration.checksum, Math.round(durationMs), provenance.appliedBy, provenance.runUrl ?? null)
    })
  }

  async applyDown(migration: Migration): Promise<ApplyResult> {
    return this.run(
      migration.down!,
      () => !this.isApplied(migration.version),
      () => {
        this.db.prepare(`DELETE FROM ${this.table} WHERE version = ?`).run(migration.version)
      }
    )
  }

  private async run(script: MigrationScript, alreadyDone: () => boolean, bookkeeping: (durationMs: number) => void): Promise<ApplyResult> {
    const transactional = script.transactional
    if (transactional) await this.writeLock()
    const started = performance.now()
    try {
      if (transactional && alreadyDone()) {
        this.db.exec('ROLLBACK')
        return { status: 'already-applied', durationMs: 0 }
      }
      for (const statement of script.statements) {
        try {
          this.db.exec(statement.sql)
        } catch (error) {
          throw new MigrationSqlError(
            (error as Error).message,
            script.file,
            positionAt(script.source, statementStart(statement)),
            (error as { errstr?: string }).errstr,
            transactional,
            undefined,
            undefined,
            undefined,
            script.outside
          )
        }
      }
      const durationMs = performance.now() - started
      bookkeeping(durationMs)
      if (transactional) this.db.exec('COMMIT')
      return { status: 'applied', durationMs }
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      throw error
    }
  }

  close(): Promise<void> {
    if (this.db.isOpen) this.db.close()
    return Promise.resolve()
  }

  abort(): Promise<void> {
    if (this.db.isOpen) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      this.db.close()
    }
    return Promise.resolve()
  }
}
