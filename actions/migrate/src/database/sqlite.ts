import type { DatabaseSync } from 'node:sqlite'
import type { SqliteDatabaseUrl } from '../../../../packages/db/database-url.js'
import type { Migration } from '../migration-files.js'
import type { AppliedMigration } from '../plan.js'
import { positionAt } from '../source-position.js'
import { splitStatements } from '../sql-statements.js'
import { quoteQualified } from './history-table.js'
import { MigrationSqlError, type ApplyResult, type DatabaseOptions, type MigrationDatabase, type Provenance } from './migration-database.js'

/**
 * SQLite through Node's built-in node:sqlite (no native addon to bundle). SQLite has one writer
 * at a time: each migration runs in BEGIN IMMEDIATE (waiting up to lock-timeout for the write
 * lock) and re-checks the history table inside it, so concurrent runs apply each migration once.
 * Statements run one by one inside the transaction so a failure names its statement's line.
 */

export async function openSqlite(url: SqliteDatabaseUrl, options: DatabaseOptions & { lockTimeoutMs: number }): Promise<MigrationDatabase> {
  const { DatabaseSync } = await import('node:sqlite')
  const db = new DatabaseSync(url.path)
  db.exec(`PRAGMA busy_timeout = ${Math.min(2_147_483_647, Math.round(options.lockTimeoutMs))}`)
  if (options.statementTimeoutMs > 0) options.log.warning('statement-timeout has no effect on SQLite, which has no statement timeout.')
  return new SqliteMigrationDatabase(db, options)
}

class SqliteMigrationDatabase implements MigrationDatabase {
  readonly engine = 'SQLite'
  private readonly table: string

  constructor(
    private readonly db: DatabaseSync,
    private readonly options: DatabaseOptions
  ) {
    this.table = quoteQualified(options.historyTable)
  }

  private tableExists(): boolean {
    const name = this.options.historyTable.split('.').at(-1)!
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
  }

  async readHistory(): Promise<AppliedMigration[]> {
    if (!this.tableExists()) return []
    const rows = this.db.prepare(`SELECT version, name, checksum, duration_ms, applied_at, applied_by FROM ${this.table}`).all() as {
      version: string
      name: string
      checksum: string
      duration_ms: number
      applied_at: string
      applied_by: string
    }[]
    return rows.map((row) => ({
      version: String(row.version),
      name: row.name,
      checksum: row.checksum,
      durationMs: Number(row.duration_ms),
      appliedAt: row.applied_at,
      appliedBy: row.applied_by
    }))
  }

  async prepareHistory(): Promise<void> {
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (
      version TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      duration_ms INTEGER NOT NULL,
      applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
      applied_by TEXT NOT NULL,
      run_url TEXT
    )`)
  }

  async lock(): Promise<void> {
    // Each migration takes SQLite's write lock (BEGIN IMMEDIATE) and waits for it through busy_timeout.
  }

  async unlock(): Promise<void> {}

  private isApplied(version: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${this.table} WHERE version = ?`).get(version) !== undefined
  }

  async applyUp(migration: Migration, provenance: Provenance): Promise<ApplyResult> {
    return this.run(migration.file, migration.sql, migration.transactional, () => this.isApplied(migration.version), (durationMs) => {
      this.db
        .prepare(`INSERT INTO ${this.table} (version, name, checksum, duration_ms, applied_by, run_url) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(migration.version, migration.name, migration.checksum, Math.round(durationMs), provenance.appliedBy, provenance.runUrl ?? null)
    })
  }

  async applyDown(migration: Migration): Promise<ApplyResult> {
    const down = migration.down!
    return this.run(down.file, down.sql, down.transactional, () => !this.isApplied(migration.version), () => {
      this.db.prepare(`DELETE FROM ${this.table} WHERE version = ?`).run(migration.version)
    })
  }

  private run(file: string, sql: string, transactional: boolean, alreadyDone: () => boolean, bookkeeping: (durationMs: number) => void): Promise<ApplyResult> {
    const started = performance.now()
    if (transactional) this.db.exec('BEGIN IMMEDIATE')
    try {
      if (transactional && alreadyDone()) {
        this.db.exec('ROLLBACK')
        return Promise.resolve({ status: 'already-applied', durationMs: 0 })
      }
      for (const statement of splitStatements(sql)) {
        try {
          this.db.exec(statement.sql)
        } catch (error) {
          throw new MigrationSqlError(
            (error as Error).message,
            file,
            positionAt(sql, statement.offset),
            (error as { errstr?: string }).errstr,
            transactional
          )
        }
      }
      const durationMs = performance.now() - started
      bookkeeping(durationMs)
      if (transactional) this.db.exec('COMMIT')
      return Promise.resolve({ status: 'applied', durationMs })
    } catch (error) {
      if (transactional && this.db.isTransaction) this.db.exec('ROLLBACK')
      throw error
    }
  }

  async close(): Promise<void> {
    if (this.db.isOpen) this.db.close()
  }

  async abort(): Promise<void> {
    if (this.db.isOpen) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK')
      this.db.close()
    }
  }
}
