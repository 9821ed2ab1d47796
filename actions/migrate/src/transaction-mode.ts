import type { ParsedContent, Section } from './migration-formats.js'
import { positionAt } from './source-position.js'
import { withoutLeadingComments, type Statement } from './sql-statements.js'

/**
 * Decides, before anything runs, whether a section runs inside the runner's transaction or on
 * its own, statement by statement, as the file's own tool would run it: when the file says so
 * (a marker), controls its own transaction (BEGIN … COMMIT), or holds a statement that cannot run
 * inside a transaction block. Pure.
 */

export interface TransactionMode {
  transactional: boolean
  /** Why it runs outside the runner's transaction, e.g. "CREATE INDEX CONCURRENTLY on line 3". */
  reason?: string
}

const TRANSACTION_CONTROL = /^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK|ABORT)\b(?!\s+ATOMIC)/i

/** Statements PostgreSQL (and, for VACUUM, SQLite) refuse inside a transaction block. */
const OUTSIDE_ONLY: [RegExp, string][] = [
  [/^CREATE\s+(UNIQUE\s+)?INDEX\s+CONCURRENTLY\b/i, 'CREATE INDEX CONCURRENTLY'],
  [/^DROP\s+INDEX\s+CONCURRENTLY\b/i, 'DROP INDEX CONCURRENTLY'],
  [/^REINDEX\b[^;]*\bCONCURRENTLY\b/i, 'REINDEX CONCURRENTLY'],
  [/^ALTER\s+TABLE\b[^;]*\bDETACH\s+PARTITION\b[^;]*\bCONCURRENTLY\b/i, 'DETACH PARTITION CONCURRENTLY'],
  [/^VACUUM\b/i, 'VACUUM'],
  [/^ALTER\s+SYSTEM\b/i, 'ALTER SYSTEM'],
  [/^(CREATE|DROP)\s+DATABASE\b/i, 'CREATE/DROP DATABASE'],
  [/^(CREATE|DROP)\s+TABLESPACE\b/i, 'CREATE/DROP TABLESPACE'],
  [/^ALTER\s+DATABASE\b[^;]*\bSET\s+TABLESPACE\b/i, 'ALTER DATABASE … SET TABLESPACE'],
  [/^(CREATE|DROP)\s+SUBSCRIPTION\b/i, 'CREATE/DROP SUBSCRIPTION']
]

/** Where the statement's own text starts (after its leading comments). */
export function statementStart(statement: Statement): number {
  return statement.offset + (statement.sql.length - withoutLeadingComments(statement.sql).length)
}

/** The first top-level statement that starts, ends or aborts a transaction; SAVEPOINT and ROLLBACK TO stay inside one. */
export function transactionControl(statements: readonly Statement[]): Statement | undefined {
  return statements.find((statement) => {
    const text = withoutLeadingComments(statement.sql)
    return TRANSACTION_CONTROL.test(text) && !/^ROLLBACK\s+(WORK\s+|TRANSACTION\s+)?TO\b/i.test(text)
  })
}

export function transactionMode(source: string, section: Section, formatReason: string | undefined): TransactionMode {
  if (formatReason) return { transactional: false, reason: formatReason }
  const line = (statement: Statement): number => positionAt(source, statementStart(statement)).line
  const control = transactionControl(section.statements)
  if (control) {
    const keyword = withoutLeadingComments(control.sql).split(/\s/, 1)[0].toUpperCase()
    return { transactional: false, reason: `it has its own ${keyword} on line ${line(control)}` }
  }
  for (const statement of section.statements) {
    const text = withoutLeadingComments(statement.sql)
    const found = OUTSIDE_ONLY.find(([pattern]) => pattern.test(text))
    if (found) return { transactional: false, reason: `${found[1]} on line ${line(statement)} cannot run inside a transaction block` }
  }
  return { transactional: true }
}

/** The format's own opt-out for one section, worded for the plan and the log. */
export function formatOptOut(parsed: ParsedContent, section: 'up' | 'down', format: string, marker: boolean): string | undefined {
  if (marker) return 'it starts with -- deploy-actions:no-transaction'
  const chosen = section === 'up' ? parsed.up : parsed.down
  if (!chosen?.noTransaction) return undefined
  return format === 'goose' ? 'it is marked -- +goose NO TRANSACTION' : `its -- migrate:${section} marker says transaction:false`
}
