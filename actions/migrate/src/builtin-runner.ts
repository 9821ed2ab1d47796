import type { Logger } from '../../../packages/core/log.js'
import { formatMs } from '../../../packages/core/markdown.js'
import { MigrationSqlError, type ApplyResult, type MigrationDatabase, type Provenance } from './database/migration-database.js'
import { MigrationFailure, PlanRejected } from './migration-failure.js'
import type { Migration } from './migration-files.js'
import { highestVersion, planDown, planUp, type AppliedMigration, type PlanProblem } from './plan.js'
import type { MigrateReport, MigrationOutcome } from './report.js'

/**
 * The built-in runner: takes the lock, reads the history, plans, checks, then applies each
 * migration in its own transaction. Nothing changes before every check has passed. The
 * database comes in already opened, so the runner never branches on the engine.
 */

export interface BuiltinOptions {
  migrations: Migration[]
  dryRun: boolean
  direction: 'up' | 'down'
  steps?: number
  target?: string
  allowChanged: boolean
  allowOutOfOrder: boolean
  lockTimeoutMs: number
  provenance: Provenance
  log: Logger
}

export interface BuiltinResult {
  report: Omit<MigrateReport, 'runner' | 'database' | 'backupId'>
  failure?: MigrationFailure | PlanRejected
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown }
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error })
  )

export async function runBuiltin(db: MigrationDatabase, options: BuiltinOptions): Promise<BuiltinResult> {
  if (options.dryRun) return dryRun(db, options)
  await db.lock(options.lockTimeoutMs, options.log)
  await db.prepareHistory()
  return options.direction === 'down' ? down(db, options) : up(db, options)
}

/**
 * The history after the run. If it cannot be read (the failure broke the connection), it is
 * worked out from the history before and what this run did, so the original error is reported.
 */
async function historyAfter(db: MigrationDatabase, before: readonly AppliedMigration[], outcomes: readonly MigrationOutcome[], migrations: readonly Migration[]): Promise<AppliedMigration[]> {
  const read = await settle(db.readHistory())
  if (read.ok) return read.value
  const reverted = new Set(outcomes.filter((o) => o.status === 'reverted').map((o) => o.version))
  const applied = outcomes
    .filter((o) => o.status === 'applied' || o.status === 'already-applied')
    .map((o) => migrations.find((m) => m.version === o.version)!)
    .map((m) => ({ version: m.version, name: m.name, checksum: m.checksum }))
  return [...before.filter((a) => !reverted.has(a.version)), ...applied]
}

/** The checks found problems: nothing is changed, and the report says why. */
function rejected(problems: readonly PlanProblem[], direction: 'up' | 'down', dryRun: boolean, history: readonly AppliedMigration[], warnings: string[]): BuiltinResult {
  const failure = new PlanRejected(problems)
  return { report: { dryRun, direction, outcomes: [], currentVersion: highestVersion(history), warnings, failure: failure.message }, failure }
}

async function dryRun(db: MigrationDatabase, options: BuiltinOptions): Promise<BuiltinResult> {
  const history = await db.readHistory()
  if (options.direction === 'down') {
    const plan = planDown(options.migrations, history, { steps: options.steps, target: options.target })
    if (plan.problems.length > 0) return rejected(plan.problems, 'down', true, history, [])
    const outcomes: MigrationOutcome[] = plan.steps.map(({ migration }) => ({
      version: migration.version,
      name: migration.name,
      file: migration.down!.file,
      status: 'pending',
      sql: migration.down!.sql
    }))
    for (const o of outcomes) options.log.info(`Would revert ${o.version}_${o.name} with ${o.file}:\n${o.sql}`)
    return { report: { dryRun: true, direction: 'down', outcomes, pendingCount: outcomes.length, currentVersion: highestVersion(history), warnings: [] } }
  }
  const plan = planUp(options.migrations, history, options)
  for (const warning of plan.warnings) options.log.warning(warning)
  if (plan.problems.length > 0) return rejected(plan.problems, 'up', true, history, plan.warnings)
  const outcomes: MigrationOutcome[] = plan.pending.map((m) => ({ version: m.version, name: m.name, file: m.file, status: 'pending', sql: m.sql }))
  if (outcomes.length === 0) options.log.info('Nothing to apply: the database is up to date.')
  for (const o of outcomes) options.log.info(`Would apply ${o.file}:\n${o.sql}`)
  return {
    report: {
      dryRun: true,
      direction: 'up',
      outcomes,
      pendingCount: plan.pending.length,
      laterCount: plan.later.length,
      currentVersion: highestVersion(history),
      warnings: plan.warnings
    }
  }
}

async function up(db: MigrationDatabase, options: BuiltinOptions): Promise<BuiltinResult> {
  const history = await db.readHistory()
  const plan = planUp(options.migrations, history, options)
  for (const warning of plan.warnings) options.log.warning(warning)
  if (plan.problems.length > 0) return rejected(plan.problems, 'up', false, history, plan.warnings)
  if (plan.pending.length === 0) options.log.info(`Nothing to apply: all ${options.migrations.length} migrations are applied.`)

  const outcomes: MigrationOutcome[] = []
  let failure: MigrationFailure | undefined
  for (const migration of plan.pending) {
    options.log.info(`Applying ${migration.file}${migration.transactional ? '' : ' (outside a transaction)'} …`)
    const result: Settled<ApplyResult> = await settle(db.applyUp(migration, options.provenance))
    if (!result.ok) {
      if (!(result.error instanceof MigrationSqlError)) throw result.error
      outcomes.push({ version: migration.version, name: migration.name, file: migration.file, status: 'failed' })
      failure = new MigrationFailure(result.error, db.engine, outcomes.filter((o) => o.status === 'applied').length)
      break
    }
    const status = result.value.status
    outcomes.push({ version: migration.version, name: migration.name, file: migration.file, status, durationMs: status === 'applied' ? result.value.durationMs : undefined })
    options.log.info(status === 'applied' ? `Applied ${migration.file} in ${formatMs(result.value.durationMs)}.` : `${migration.file} was applied by another run meanwhile.`)
  }
  const after = await historyAfter(db, history, outcomes, options.migrations)
  const remaining = planUp(options.migrations, after, { ...options, allowChanged: true, allowOutOfOrder: true })
  return {
    report: {
      dryRun: false,
      direction: 'up',
      outcomes,
      pendingCount: remaining.pending.length + remaining.later.length,
      laterCount: remaining.later.length,
      currentVersion: highestVersion(after),
      warnings: plan.warnings,
      failure: failure?.message
    },
    failure
  }
}

async function down(db: MigrationDatabase, options: BuiltinOptions): Promise<BuiltinResult> {
  const history = await db.readHistory()
  const plan = planDown(options.migrations, history, { steps: options.steps, target: options.target })
  if (plan.problems.length > 0) return rejected(plan.problems, 'down', false, history, [])
  if (plan.steps.length === 0) options.log.info('Nothing to revert: no migration is applied.')
  const outcomes: MigrationOutcome[] = []
  let failure: MigrationFailure | undefined
  for (const { migration } of plan.steps) {
    options.log.info(`Reverting ${migration.version}_${migration.name} with ${migration.down!.file} …`)
    const result = await settle(db.applyDown(migration))
    if (!result.ok) {
      if (!(result.error instanceof MigrationSqlError)) throw result.error
      outcomes.push({ version: migration.version, name: migration.name, file: migration.down!.file, status: 'failed' })
      failure = new MigrationFailure(result.error, db.engine, outcomes.filter((o) => o.status === 'reverted').length)
      break
    }
    const reverted = result.value.status === 'applied'
    outcomes.push({
      version: migration.version,
      name: migration.name,
      file: migration.down!.file,
      status: reverted ? 'reverted' : 'already-applied',
      durationMs: reverted ? result.value.durationMs : undefined
    })
    options.log.info(reverted ? `Reverted ${migration.version}_${migration.name} in ${formatMs(result.value.durationMs)}.` : `${migration.version} was reverted by another run meanwhile.`)
  }
  const after = await historyAfter(db, history, outcomes, options.migrations)
  const remaining = planUp(options.migrations, after, { allowChanged: true, allowOutOfOrder: true })
  return {
    report: {
      dryRun: false,
      direction: 'down',
      outcomes,
      pendingCount: remaining.pending.length,
      currentVersion: highestVersion(after),
      warnings: [],
      failure: failure?.message
    },
    failure
  }
}
