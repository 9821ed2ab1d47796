import { describeDatabase } from '../../../packages/db/database-url.js'
import { openDatabase } from './database/open-database.js'
import type { Inputs, LintOptions } from './inputs.js'
import { loadMigrations } from './load-migrations.js'
import type { MigrateLogger } from './migrate-logger.js'
import type { Migration } from './migration-files.js'
import { planUp } from './plan.js'
import { lintMigrations, type LintReport } from './lint/lint.js'
import { lintSourceOf } from './lint/lint-sources.js'

export interface LintRun {
  report: LintReport
  /** Which migrations were linted and why those: "pending in <database>" or "every file in <directory>". */
  scope: string
  /** The step fails: a finding at or above lint-fail-on. */
  failed: boolean
}

/**
 * Lints the migrations that will run next: the pending ones when a database URL says what is
 * applied (read-only: no lock, no history table created), otherwise every file in the directory.
 */
export async function runLint(inputs: Inputs, lint: LintOptions, log: MigrateLogger): Promise<LintRun> {
  const format = inputs.tool === 'builtin' ? inputs.format : lint.format
  const migrations = await loadMigrations(inputs.workingDirectory, inputs.directory, format)
  const { selected, scope } = inputs.databaseUrl ? await pending(inputs, migrations, log) : { selected: migrations, scope: `every migration in ${inputs.directory}` }
  log.info(`Linting ${selected.length} migration${selected.length === 1 ? '' : 's'} (${scope}) with PostgreSQL's parser …`)
  const report = await lintMigrations(selected.map(lintSourceOf), lint.severities)
  const failing = lint.failOn === 'never' ? 0 : lint.failOn === 'warning' ? report.errors + report.warnings : report.errors
  return { report, scope, failed: failing > 0 }
}

async function pending(inputs: Inputs, migrations: Migration[], log: MigrateLogger): Promise<{ selected: Migration[]; scope: string }> {
  const database = describeDatabase(inputs.databaseUrl!)
  const db = await openDatabase(inputs.databaseUrl!, { historyTable: inputs.historyTable, statementTimeoutMs: inputs.statementTimeoutMs, lockTimeoutMs: inputs.lockTimeoutMs, log })
  try {
    const plan = planUp(migrations, await db.readHistory(), { target: inputs.target, allowChanged: true, allowOutOfOrder: true })
    return { selected: plan.pending, scope: `pending in ${database}` }
  } finally {
    await db.close()
  }
}
