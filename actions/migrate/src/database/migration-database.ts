import type { Logger } from '../../../../packages/core/log.js'
import type { Migration } from '../migration-files.js'
import type { AppliedMigration } from '../plan.js'
import type { SourcePosition } from '../source-position.js'

/** Who applied a migration, stored in the history table beside it. */
export interface Provenance {
  /** The GitHub actor (GITHUB_ACTOR), or the local user outside Actions. */
  appliedBy: string
  /** Link to the workflow run, when known. */
  runUrl?: string
}

export interface ApplyResult {
  /** `already-applied` when a concurrent run applied it first (SQLite re-checks inside its transaction). */
  status: 'applied' | 'already-applied'
  durationMs: number
}

/** The database rejected a statement of a migration file. */
export class MigrationSqlError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly position: SourcePosition | undefined,
    readonly code: string | undefined,
    /** True when the file ran in a transaction that was rolled back. */
    readonly rolledBack: boolean,
    readonly detail?: string,
    readonly hint?: string,
    /** Where inside a function body or DO block the error happened (PostgreSQL's "where"). */
    readonly context?: string,
    /** Why the file ran outside the runner's transaction, when it did. */
    readonly outside?: string
  ) {
    super(message)
    this.name = 'MigrationSqlError'
  }
}

/**
 * What the built-in runner needs from a database. One implementation per engine (postgres.ts,
 * sqlite.ts); the runner never branches on the engine.
 */
export interface MigrationDatabase {
  /** Engine name for messages: PostgreSQL, SQLite. */
  readonly engine: string
  /** Reads the history table; empty when it does not exist yet (nothing is created). */
  readHistory(): Promise<AppliedMigration[]>
  /** Creates the history table if missing. Call with the lock held. */
  prepareHistory(): Promise<void>
  /** Takes the run-wide migration lock, waiting at most timeoutMs with progress output. */
  lock(timeoutMs: number, log: Logger): Promise<void>
  /** Runs the up script and records it in the history table, in one transaction unless it runs outside one. */
  applyUp(migration: Migration, provenance: Provenance): Promise<ApplyResult>
  /** Runs the down script and removes the history row, in one transaction unless it runs outside one. */
  applyDown(migration: Migration): Promise<ApplyResult>
  /** Frees the migration lock, if held, and closes the connection. */
  close(): Promise<void>
  /**
   * Cancellation: drops the connection at once and makes sure the server ends the session, so
   * the migration in progress is rolled back and the lock is freed.
   */
  abort(): Promise<void>
}

export interface DatabaseOptions {
  historyTable: string
  statementTimeoutMs: number
  log: Logger
}
