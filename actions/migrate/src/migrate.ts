import { InputError } from '../../../packages/core/input-error.js'
import type { Logger } from '../../../packages/core/log.js'
import { describeDatabase } from '../../../packages/db/database-url.js'
import { runBuiltin } from './builtin-runner.js'
import { abortOnSignals } from './cancellation.js'
import { openDatabase } from './database/open-database.js'
import type { Inputs } from './inputs.js'
import { loadMigrations, localVersions } from './load-migrations.js'
import type { MigrationFailure, PlanRejected } from './migration-failure.js'
import type { Migration } from './migration-files.js'
import { provenanceFrom } from './provenance.js'
import type { MigrateReport } from './report.js'
import { toolAdapter } from './tools/adapters.js'
import { runTool } from './tools/tool-runner.js'

export interface MigrateResult {
  report: MigrateReport
  failure?: MigrationFailure | PlanRejected | Error
}

/** Runs the migrations the inputs describe, with the built-in runner or a tool. */
export async function migrate(inputs: Inputs, log: Logger): Promise<MigrateResult> {
  const database = inputs.databaseUrl ? describeDatabase(inputs.databaseUrl) : undefined
  if (inputs.tool === 'builtin') {
    const migrations = await loadMigrations(inputs.workingDirectory, inputs.directory)
    checkTarget(inputs, migrations)
    log.info(`Connecting to ${database} …`)
    const db = await openDatabase(inputs.databaseUrl!, {
      historyTable: inputs.historyTable,
      statementTimeoutMs: inputs.statementTimeoutMs,
      lockTimeoutMs: inputs.lockTimeoutMs,
      log
    })
    const stopListening = abortOnSignals(() => db.abort(), log)
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
        log
      })
      return { report: { ...report, runner: 'built-in runner', database, backupId: inputs.backupId }, failure }
    } finally {
      stopListening()
      await db.close()
    }
  }

  const adapter = toolAdapter(inputs.tool)
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
  return { report: { ...report, runner: inputs.tool, database, backupId: inputs.backupId }, failure }
}

function checkTarget(inputs: Inputs, migrations: Migration[]): void {
  if (inputs.target === undefined) return
  const target = BigInt(inputs.target)
  if (inputs.direction === 'down' && target === 0n) return
  if (!migrations.some((m) => m.order === target)) {
    throw new InputError('target', `is ${inputs.target}, which is not the version of any migration in ${inputs.directory}`, `one of ${migrations.map((m) => m.version).slice(-5).join(', ')}${inputs.direction === 'down' ? ', or 0 to revert all' : ''}`)
  }
}
