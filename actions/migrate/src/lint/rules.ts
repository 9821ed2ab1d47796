/**
 * The lint rules: each has an id (what users write in `lint-rules` and in a
 * `-- deploy-actions:lint-ignore <id> <reason>` comment), a default severity, why it matters in one
 * line and the safe way to do the same change.
 */
export type Severity = 'error' | 'warning' | 'off'

export interface Rule {
  id: string
  severity: Exclude<Severity, 'off'>
  title: string
  why: string
  fix: string
}

const rule = <Id extends string>(id: Id, severity: Rule['severity'], title: string, why: string, fix: string): Rule & { id: Id } => ({ id, severity, title, why, fix })

export const RULES = [
  rule(
    'index-not-concurrent',
    'error',
    'CREATE INDEX without CONCURRENTLY on an existing table',
    'builds the index while holding a SHARE lock: every insert, update and delete on the table waits until it finishes',
    'CREATE INDEX CONCURRENTLY (it runs outside the transaction; the runner does that by itself for such a file)'
  ),
  rule(
    'add-column-not-null-without-default',
    'error',
    'ADD COLUMN … NOT NULL without a default',
    'fails on a table that has rows, and the version still serving inserts rows without the column',
    'add the column nullable (or with a constant DEFAULT), backfill in batches, then add NOT NULL'
  ),
  rule(
    'add-column-volatile-default',
    'error',
    'ADD COLUMN with a volatile default',
    'a default that is not a constant (random(), gen_random_uuid(), clock_timestamp()…) rewrites the whole table under an ACCESS EXCLUSIVE lock',
    'add the column without the default (or with a constant one), backfill in batches, then SET DEFAULT'
  ),
  rule(
    'alter-column-type',
    'error',
    'ALTER COLUMN … TYPE',
    'most type changes rewrite the table and its indexes under an ACCESS EXCLUSIVE lock, and the version still serving reads the old type',
    'add a column of the new type, write both, backfill, switch reads, then drop the old column (expand/contract)'
  ),
  rule(
    'set-not-null-without-check',
    'warning',
    'SET NOT NULL without a validated CHECK first',
    'scans the whole table under an ACCESS EXCLUSIVE lock to prove there is no NULL',
    'ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT, then SET NOT NULL (PostgreSQL 12+ skips the scan)'
  ),
  rule(
    'constraint-without-not-valid',
    'error',
    'ADD FOREIGN KEY or CHECK without NOT VALID on an existing table',
    'validates every row while holding a lock that blocks writes (both tables for a foreign key)',
    'ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a separate statement (it takes a weaker lock)'
  ),
  rule(
    'unique-without-index',
    'error',
    'ADD UNIQUE or PRIMARY KEY without an index built beforehand',
    'builds the index under an ACCESS EXCLUSIVE lock: reads and writes wait',
    'CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … UNIQUE USING INDEX'
  ),
  rule(
    'drop-table',
    'error',
    'DROP TABLE',
    'the version still serving during a blue-green switch reads and writes the table',
    'expand/contract: release code that no longer uses the table, then drop it in a later migration'
  ),
  rule(
    'drop-column',
    'error',
    'DROP COLUMN',
    'the version still serving during a blue-green switch selects or inserts the column and fails',
    'expand/contract: release code that no longer uses the column, then drop it in a later migration'
  ),
  rule(
    'rename-table',
    'error',
    'RENAME TABLE',
    'the version still serving during a blue-green switch uses the old name and fails',
    'expand/contract: create the new table (or a view with the old name), move the code, then drop the old name later'
  ),
  rule(
    'rename-column',
    'error',
    'RENAME COLUMN',
    'the version still serving during a blue-green switch uses the old name and fails',
    'expand/contract: add the new column, write both, backfill, move reads, then drop the old column later'
  ),
  rule(
    'lock-timeout-missing',
    'warning',
    'ACCESS EXCLUSIVE lock without lock_timeout',
    'waiting behind one long query, the statement queues every other query on the table behind it: an outage until it gets the lock',
    "SET lock_timeout = '5s' at the top of the migration (and retry the deploy if it times out)"
  ),
  rule(
    'concurrently-in-transaction',
    'error',
    'CONCURRENTLY inside a transaction block',
    'PostgreSQL refuses CREATE/DROP INDEX CONCURRENTLY and REINDEX CONCURRENTLY inside BEGIN … COMMIT: the migration fails',
    'move the statement out of the BEGIN … COMMIT block (into a migration of its own)'
  )
] as const satisfies readonly Rule[]

export type RuleId = (typeof RULES)[number]['id']

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id)

export function ruleById(id: RuleId): Rule {
  return RULES.find((r) => r.id === id) as Rule
}
