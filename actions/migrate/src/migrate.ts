import { InputError } from '../../../packages/core/input-error.js'
import { describeDatabase } from '../../../packages/db/database-url.js'
import { runBuiltin } from './builtin-runner.js'
import { abortOnCancel } from './cancellation.js'
import { openDatabase } from './database/open-database.js'
import type { Inputs } from './inputs.js'
import { loadMigrations, localVersions } from './load-migrations.js'
import type { MigrateLogger } from './migrate-logger.js'
import type { MigrationFailure, PlanRejected } from './migration-failure.js'
import { compareVersions, type Migration } from './migration-files.js'
import { provenanceFrom } from './provenance.js'
import type { MigrateReport } from './report.js'
import { toolAdapter } from './tools/adapters.js'
import { runTool } from './tools/tool-runner.js'

export interface MigrateResult {
  report: MigrateReport
  failure?: MigrationFailure | PlanRejected | Error
}

/** Runs the migrations the inputs describe, with the built-in runner or a tool. */
export async function migrate(inputs: Inputs, log: MigrateLogger, signal: AbortSignal): Promise<MigrateResult> {
  const database = inputs.databaseUrl ? describeDatabase(inputs.databaseUrl) : undefined
  if (inputs.tool === 'builtin') {
    const migrations = await loadMigrations(inputs.workingDirectory, inputs.directory, inputs.format)
    checkTarget(inputs, migrations)
    signal.throwIfAborted()
    log.info(`Connecting to ${database} …`)
    const db = await openDatabase(inputs.databaseUrl!, {
      historyTable: inputs.historyTable,
      statementTimeoutMs: inputs.statementTimeoutMs,
      lockTimeoutMs: inputs.lockTimeoutMs,
      log
    })
    const stopListening = abortOnCancel(signal, () => db.abort(), log)
    try {
      const { report, failure } = await runBuiltin(db, {
        migrations,
        dryRun: inputs.dryRun,
        direction: inputs.direction,
        steps: inputs.steps,
        target: inputs.target,
        allowChanged: inputs.allowChanged,
        allowOutOfOrder: inputs.allowOutOfOrder,
        lockTimeoutMs: inputs.lockTimeoutMs,
        provenance: provenanceFrom(process.env),
        log,
        // PostgreSQL's own parser splits what runs on PostgreSQL; SQLite's SQL keeps the hand-written splitter.
        loadSplitter: inputs.databaseUrl!.kind === 'postgres' ? async () => (await import('./pg-statements.js')).loadPostgresSplitter() : undefined
      })
      return { report: { ...report, runner: 'built-in runner', database, ...restorePoint(inputs) }, failure }
    } finally {
      stopListening()
      await db.close()
    }
  }

  const adapter = toolAdapter(inputs.tool)
  // The tool's own locking and rollback apply; the process ends, as it did before runAction caught the signal.
  const stopListening = abortOnCancel(signal, () => Promise.resolve(), log, undefined, `${inputs.tool} is stopped with the job; its own rollback and locking apply.`)
  try {
    const { report, failure } = await runTool({
      tool: inputs.tool,
      workingDirectory: inputs.workingDirectory,
      dryRun: inputs.dryRun,
      log,
      context: {
        directory: inputs.directory,
        target: inputs.target,
        databaseUrl: inputs.databaseUrl,
        urlEnv: inputs.databaseUrlEnv ?? adapter.urlEnv,
        extraArgs: inputs.toolArgs,
        command: inputs.command,
        localVersions: adapter.usesDirectory ? await localVersions(inputs.workingDirectory, inputs.directory) : []
      }
    })
    return { report: { ...report, runner: inputs.tool, database, ...restorePoint(inputs) }, failure }
  } finally {
    stopListening()
  }
}

function restorePoint(inputs: Inputs): Pick<MigrateReport, 'backupId' | 'backupUri' | 'actionSource'> {
  return { backupId: inputs.backupId, backupUri: inputs.backupUri, actionSource: inputs.actionSource }
}

function checkTarget(inputs: Inputs, migrations: Migration[]): void {
  if (inputs.target === undefined) return
  if (inputs.direction === 'down' && compareVersions(inputs.target, '0') === 0) return
  const versioned = migrations.filter((m) => !m.repeatable)
  if (!versioned.some((m) => compareVersions(m.version, inputs.target!) === 0)) {
    throw new InputError(
      'target',
      `is ${inputs.target}, which is not the version of any migration in ${inputs.directory}`,
      `one of ${versioned
        .map((m) => m.version)
        .slice(-5)
        .join(', ')}${inputs.direction === 'down' ? ', or 0 to revert all' : ''}`
    )
  }
}
