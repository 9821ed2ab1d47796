import type { Client, DatabaseError } from 'pg'
import type { Logger } from '../../../../packages/core/log.js'
import { formatMs } from '../../../../packages/core/markdown.js'
import { defaultSleep } from '../../../../packages/core/retry.js'
import { describeDatabase, type ServerDatabaseUrl } from '../../../../packages/db/database-url.js'
import type { Migration, MigrationScript } from '../migration-files.js'
import type { AppliedMigration } from '../plan.js'
import { positionAt, positionOfDatabaseError, type SourcePosition } from '../source-position.js'
import type { Statement } from '../sql-statements.js'
import { statementStart } from '../transaction-mode.js'
import { advisoryLockKey, advisoryLockParts, quoteQualified } from './history-table.js'
import { MigrationSqlError, type ApplyResult, type DatabaseOptions, type MigrationDatabase, type Provenance } from './migration-database.js'

/**
 * PostgreSQL through `pg` (node-postgres, pure JavaScript). One session for the whole run: the
 * advisory lock is session-level, so it also ends with the connection if the process dies.
 * A transactional file runs statement by statement between BEGIN and COMMIT, so an error is
 * placed in its statement even when the server gives no position.
 */

const POLL_MS = 250
const PROGRESS_EVERY_MS = 5000

export async function openPostgres(url: ServerDatabaseUrl, options: DatabaseOptions): Promise<MigrationDatabase> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({
    connectionString: url.raw,
    application_name: 'deploy-actions migrate',
    connectionTimeoutMillis: 30_000
  })
  // A dropped connection emits 'error' on the client; without a listener it would crash the process.
  client.on('error', (error) => options.log.debug(`PostgreSQL connection error: ${error.message}`))
  await client.connect().catch((error: unknown) => {
    throw new Error(`cannot connect to ${describeDatabase(url)}: ${error instanceof Error ? error.message : String(error)}`)
  })
  await client.query(`SET statement_timeout = ${Math.round(options.statementTimeoutMs)}`)
  // PostgreSQL 14+: notice a vanished client during a long statement instead of at its end.
  await client.query("SET client_connection_check_interval = '1s'").catch(() => undefined)
  const terminate = async (pid: number): Promise<void> => {
    const other = new pg.Client({ connectionString: url.raw, connectionTimeoutMillis: 3000, application_name: 'deploy-actions migrate (cancel)' })
    other.on('error', () => undefined)
    await other.connect()
    try {
      await other.query('SELECT pg_terminate_backend($1)', [pid])
    } finally {
      await other.end()
    }
  }
  return new PostgresMigrationDatabase(client, options, terminate)
}

class PostgresMigrationDatabase implements MigrationDatabase {
  readonly engine = 'PostgreSQL'
  private readonly table: string
  private readonly lockKey: string
  private locked = false

  constructor(
    private readonly client: Client,
    private readonly options: DatabaseOptions,
    private readonly terminate: (pid: number) => Promise<void>
  ) {
    this.table = quoteQualified(options.historyTable)
    this.lockKey = advisoryLockKey(options.historyTable).toString()
  }

  async readHistory(): Promise<AppliedMigration[]> {
    const exists = await this.client.query<{ oid: string | null }>('SELECT to_regclass($1) AS oid', [this.table])
    if (exists.rows[0]?.oid === null) return []
    const result = await this.client.query<{ version: string; name: string; checksum: string; duration_ms: number; applied_at: Date; applied_by: string }>(
      `SELECT version, name, checksum, duration_ms, applied_at, applied_by FROM ${this.table}`
    )
    return result.rows.map((row) => ({
      version: row.version,
      name: row.name,
      checksum: row.checksum,
      durationMs: row.duration_ms,
      appliedAt: row.applied_at instanceof Date ? row.applied_at.toISOString() : String(row.applied_at),
      appliedBy: row.applied_by
    }))
  }

  async prepareHistory(): Promise<void> {
    const schema = this.options.historyTable.includes('.') ? quoteQualified(this.options.historyTable.split('.')[0]) : undefined
    if (schema) await this.client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    await this.client.query(
      `CREATE TABLE IF NOT EXISTS ${this.table} (
        version text PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        duration_ms integer NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        applied_by text NOT NULL,
        run_url text
      )`
    )
  }

  async lock(timeoutMs: number, log: Logger): Promise<void> {
    const started = Date.now()
    let lastProgress = started
    let announced = false
    for (;;) {
      const result = await this.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [this.lockKey])
      if (result.rows[0]?.locked) {
        this.locked = true
        if (announced) log.info(`Took the migration lock after ${formatMs(Date.now() - started)}.`)
        return
      }
      const waited = Date.now() - started
      if (!announced || Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
        log.info(`Waiting for the migration lock: ${await this.lockHolder()} (waited ${formatMs(waited)} of ${formatMs(timeoutMs)}).`)
        announced = true
        lastProgress = Date.now()
      }
      if (waited >= timeoutMs) {
        throw new Error(`another run still holds the migration lock after ${formatMs(timeoutMs)} (${await this.lockHolder()}); let it finish, or raise lock-timeout`)
      }
      await defaultSleep(Math.min(POLL_MS, Math.max(1, timeoutMs - waited)))
    }
  }

  private async lockHolder(): Promise<string> {
    const { classid, objid } = advisoryLockParts(BigInt(this.lockKey))
    const result = await this.client.query<{ pid: number; application_name: string; seconds: number }>(
      `SELECT l.pid, a.application_name, EXTRACT(EPOCH FROM now() - a.xact_start)::int AS seconds
         FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.classid = $1 AND l.objid = $2 AND l.objsubid = 1`,
      [classid, objid]
    )
    const holder = result.rows[0]
    if (!holder) return 'held by a session that just ended'
    return `held by server process ${holder.pid}${holder.application_name ? ` (${holder.application_name})` : ''}`
  }

  private async unlock(): Promise<void> {
    if (!this.locked) return
    this.locked = false
    await this.client.query('SELECT pg_advisory_unlock($1::bigint)', [this.lockKey])
  }

  async applyUp(migration: Migration, provenance: Provenance): Promise<ApplyResult> {
    const record = async (durationMs: number): Promise<void> => {
      // A repeatable migration (Flyway R__) keeps one row, replaced each time it runs again.
      if (migration.repeatable) await this.client.query(`DELETE FROM ${this.table} WHERE version = $1`, [migration.version])
      await this.client.query(`INSERT INTO ${this.table} (version, name, checksum, duration_ms, applied_by, run_url) VALUES ($1, $2, $3, $4, $5, $6)`, [
        migration.version,
        migration.name,
        migration.checksum,
        Math.round(durationMs),
        provenance.appliedBy,
        provenance.runUrl ?? null
      ])
    }
    return this.run(migration.up, record)
  }

  async applyDown(migration: Migration): Promise<ApplyResult> {
    const forget = async (): Promise<void> => {
      await this.client.query(`DELETE FROM ${this.table} WHERE version = $1`, [migration.version])
    }
    return this.run(migration.down!, forget)
  }

  private async run(script: MigrationScript, bookkeeping: (durationMs: number) => Promise<void>): Promise<ApplyResult> {
    const started = performance.now()
    let running: Statement | undefined
    if (script.transactional) {
      await this.client.query('BEGIN')
      try {
        for (const statement of script.statements) {
          running = statement
          await this.client.query(statement.sql)
        }
        running = undefined
        const durationMs = performance.now() - started
        await bookkeeping(durationMs)
        await this.client.query('COMMIT')
        return { status: 'applied', durationMs }
      } catch (error) {
        await this.client.query('ROLLBACK').catch(() => undefined)
        throw toSqlError(error, script, running, true)
      }
    }
    // Outside the runner's transaction, each statement on its own (a multi-statement query would
    // be an implicit transaction, which CREATE INDEX CONCURRENTLY refuses).
    for (const statement of script.statements) {
      try {
        await this.client.query(statement.sql)
      } catch (error) {
        // Ends the file's own transaction if the failure left one open and aborted.
        await this.client.query('ROLLBACK').catch(() => undefined)
        throw toSqlError(error, script, statement, false)
      }
    }
    const durationMs = performance.now() - started
    await bookkeeping(durationMs)
    return { status: 'applied', durationMs }
  }

  async close(): Promise<void> {
    // Never hides the error that ended the run: if the connection is already broken, the server
    // has ended the session, and with it the lock.
    await this.unlock().catch((error: unknown) => this.options.log.debug(`unlock: ${error instanceof Error ? error.message : String(error)}`))
    await this.client.end().catch(() => undefined)
  }

  async abort(): Promise<void> {
    // Ends the socket without waiting, then has the server end the session from a second
    // connection: that rolls back the open transaction and releases the session's advisory lock
    // even while a long statement is running.
    const internals = this.client as unknown as { processID?: number; connection?: { stream?: { destroy(): void } } }
    const pid = internals.processID
    internals.connection?.stream?.destroy()
    if (pid !== undefined) await this.terminate(pid)
  }
}

function toSqlError(error: unknown, script: MigrationScript, statement: Statement | undefined, rolledBack: boolean): Error {
  const db = error as Partial<DatabaseError>
  if (typeof db?.message !== 'string' || db.code === undefined) return error instanceof Error ? error : new Error(String(error))
  let position: SourcePosition | undefined
  if (statement) {
    // The server's position is an index into the statement sent; without one (relation already
    // exists, a failed constraint), the statement's own start is where the error belongs.
    position =
      positionOfDatabaseError(script.source, db.position === undefined ? undefined : Number(db.position), statement.offset) ??
      positionInsideBody(script.source, db, statement.offset) ??
      positionAt(script.source, statementStart(statement))
  }
  return new MigrationSqlError(db.message, script.file, position, db.code, rolledBack, db.detail, db.hint, db.where, script.outside)
}

/**
 * An error inside a function body or DO block has no `position`, but an `internalPosition` in an
 * `internalQuery` (the statement inside the body). When that statement appears in the file as
 * written (in the failing statement, or in a function the file created before calling it), the
 * error is mapped into the file through it.
 */
function positionInsideBody(source: string, db: Partial<DatabaseError>, queryOffset: number): SourcePosition | undefined {
  if (!db.internalQuery || db.internalPosition === undefined) return undefined
  // Usually inside the statement itself (a DO block); else a function defined earlier in the file.
  let at = source.indexOf(db.internalQuery, queryOffset)
  if (at < 0) at = source.indexOf(db.internalQuery)
  if (at < 0) return undefined
  return positionOfDatabaseError(source, Number(db.internalPosition), at)
}
