import { formatMs } from '../../../packages/core/markdown.js'
import { MigrationSqlError, type ApplyResult, type MigrationDatabase, type Provenance } from './database/migration-database.js'
import { MigrationFailure, PlanRejected } from './migration-failure.js'
import type { MigrateLogger } from './migrate-logger.js'
import { splitScript, type Migration, type MigrationScript } from './migration-files.js'
import { highestVersion, planDown, planUp, syntaxProblems, type AppliedMigration, type DownStep, type PlanProblem } from './plan.js'
import { OUTSIDE_MEANING, type MigrateReport, type MigrationOutcome } from './report.js'
import type { StatementSplitter } from './sql-statements.js'

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
  log: MigrateLogger
  /**
   * The engine's own parser (PostgreSQL's), loaded only when something is to run: the scripts to
   * run are split again with it, and what it refuses stops the run before any change.
   */
  loadSplitter?: () => Promise<StatementSplitter>
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
async function historyAfter(
  db: MigrationDatabase,
  before: readonly AppliedMigration[],
  outcomes: readonly MigrationOutcome[],
  migrations: readonly Migration[]
): Promise<AppliedMigration[]> {
  const read = await settle(db.readHistory())
  if (read.ok) return read.value
  const reverted = new Set(outcomes.filter((o) => o.status === 'reverted').map((o) => o.version))
  const applied = outcomes
    .filter((o) => o.status === 'applied' || o.status === 'already-applied')
    .map((o) => migrations.find((m) => m.version === o.version)!)
    .map((m) => ({ version: m.version, name: m.name, checksum: m.checksum }))
  return [...before.filter((a) => !reverted.has(a.version)), ...applied]
}

/** The pending migrations with their up scripts split by the engine's parser, and what it refused. */
async function preparedUp(pending: Migration[], options: BuiltinOptions): Promise<{ pending: Migration[]; problems: PlanProblem[] }> {
  if (!options.loadSplitter || pending.length === 0) return { pending, problems: [] }
  const split = await options.loadSplitter()
  const prepared = pending.map((m) => ({ ...m, up: splitScript(m, 'up', split) }))
  return { pending: prepared, problems: syntaxProblems(prepared.map((m) => m.up)) }
}

/** The down steps with their down scripts split by the engine's parser, and what it refused. */
async function preparedDown(steps: DownStep[], options: BuiltinOptions): Promise<{ steps: DownStep[]; problems: PlanProblem[] }> {
  if (!options.loadSplitter || steps.length === 0) return { steps, problems: [] }
  const split = await options.loadSplitter()
  const prepared = steps.map((step) => ({ ...step, migration: { ...step.migration, down: splitScript(step.migration, 'down', split) } }))
  return { steps: prepared, problems: syntaxProblems(prepared.map((s) => s.migration.down)) }
}

/** The checks found problems: nothing is changed, and the report says why. */
function rejected(problems: readonly PlanProblem[], direction: 'up' | 'down', dryRun: boolean, history: readonly AppliedMigration[], warnings: string[]): BuiltinResult {
  const failure = new PlanRejected(problems)
  return {
    report: {
      dryRun,
      direction,
      outcomes: [],
      currentVersion: highestVersion(history),
      warnings,
      failure: failure.message
    },
    failure
  }
}

async function dryRun(db: MigrationDatabase, options: BuiltinOptions): Promise<BuiltinResult> {
  const history = await db.readHistory()
  if (options.direction === 'down') {
    const planned = planDown(options.migrations, history, {
      steps: options.steps,
      target: options.target
    })
    if (planned.problems.length > 0) return rejected(planned.problems, 'down', true, history, [])
    const plan = await preparedDown(planned.steps, options)
    if (plan.problems.length > 0) return rejected(plan.problems, 'down', true, history, [])
    const outcomes: MigrationOutcome[] = plan.steps.map(({ migration }) => ({
      version: migration.version,
      name: migration.name,
      file: migration.down!.file,
      status: 'pending',
      sql: migration.down!.sql,
      outside: migration.down!.outside
    }))
    announceOutside(
      plan.steps.map((s) => s.migration.down!),
      options.log
    )
    for (const o of outcomes) await options.log.group(`Would revert ${o.version}_${o.name} with ${o.file}`, () => Promise.resolve(options.log.info(o.sql!)))
    return {
      report: {
        dryRun: true,
        direction: 'down',
        outcomes,
        pendingCount: outcomes.length,
        currentVersion: highestVersion(history),
        warnings: []
      }
    }
  }
  const plan = planUp(options.migrations, history, options)
  for (const warning of plan.warnings) options.log.warning(warning)
  if (plan.problems.length > 0) return rejected(plan.problems, 'up', true, history, plan.warnings)
  const prepared = await preparedUp(plan.pending, options)
  if (prepared.problems.length > 0) return rejected(prepared.problems, 'up', true, history, plan.warnings)
  plan.pending = prepared.pending
  const outcomes: MigrationOutcome[] = plan.pending.map((m) => ({
    version: m.version,
    name: m.name,
    file: m.file,
    status: 'pending',
    sql: m.up.sql,
    outside: m.up.outside
  }))
  announceOutside(
    plan.pending.map((m) => m.up),
    options.log
  )
  if (outcomes.length === 0) options.log.info('Nothing to apply: the database is up to date.')
  for (const o of outcomes) await options.log.group(`Would apply ${o.file}`, () => Promise.resolve(options.log.info(o.sql!)))
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
  const prepared = await preparedUp(plan.pending, options)
  if (prepared.problems.length > 0) return rejected(prepared.problems, 'up', false, history, plan.warnings)
  plan.pending = prepared.pending
  if (plan.pending.length === 0) options.log.info(`Nothing to apply: all ${options.migrations.length} migrations are applied.`)
  announceOutside(
    plan.pending.map((m) => m.up),
    options.log
  )

  const outcomes: MigrationOutcome[] = []
  let failure: MigrationFailure | undefined
  const applyAll = async (): Promise<void> => {
    for (const migration of plan.pending) {
      options.log.info(`Applying ${migration.file}${migration.up.transactional ? '' : ' (outside a transaction)'} …`)
      const result: Settled<ApplyResult> = await settle(db.applyUp(migration, options.provenance))
      if (!result.ok) {
        if (!(result.error instanceof MigrationSqlError)) throw result.error
        outcomes.push({
          version: migration.version,
          name: migration.name,
          file: migration.file,
          status: 'failed',
          outside: migration.up.outside
        })
        failure = new MigrationFailure(result.error, db.engine, outcomes.filter((o) => o.status === 'applied').length)
        break
      }
      const status = result.value.status
      outcomes.push({
        version: migration.version,
        name: migration.name,
        file: migration.file,
        status,
        durationMs: status === 'applied' ? result.value.durationMs : undefined,
        outside: migration.up.outside
      })
      options.log.info(status === 'applied' ? `Applied ${migration.file} in ${formatMs(result.value.durationMs)}.` : `${migration.file} was applied by another run meanwhile.`)
    }
  }
  if (plan.pending.length > 0) await options.log.group(`Applying ${plan.pending.length} migration${plan.pending.length === 1 ? '' : 's'}`, applyAll)
  const after = await historyAfter(db, history, outcomes, options.migrations)
  const remaining = planUp(options.migrations, after, {
    ...options,
    allowChanged: true,
    allowOutOfOrder: true
  })
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
  const planned = planDown(options.migrations, history, {
    steps: options.steps,
    target: options.target
  })
  if (planned.problems.length > 0) return rejected(planned.problems, 'down', false, history, [])
  const plan = await preparedDown(planned.steps, options)
  if (plan.problems.length > 0) return rejected(plan.problems, 'down', false, history, [])
  if (plan.steps.length === 0) options.log.info('Nothing to revert: no migration is applied.')
  announceOutside(
    plan.steps.map((s) => s.migration.down!),
    options.log
  )
  const outcomes: MigrationOutcome[] = []
  let failure: MigrationFailure | undefined
  const revertAll = async (): Promise<void> => {
    for (const { migration } of plan.steps) {
      options.log.info(`Reverting ${migration.version}_${migration.name} with ${migration.down!.file} …`)
      const result = await settle(db.applyDown(migration))
      if (!result.ok) {
        if (!(result.error instanceof MigrationSqlError)) throw result.error
        outcomes.push({
          version: migration.version,
          name: migration.name,
          file: migration.down!.file,
          status: 'failed',
          outside: migration.down!.outside
        })
        failure = new MigrationFailure(result.error, db.engine, outcomes.filter((o) => o.status === 'reverted').length)
        break
      }
      const reverted = result.value.status === 'applied'
      outcomes.push({
        version: migration.version,
        name: migration.name,
        file: migration.down!.file,
        status: reverted ? 'reverted' : 'already-applied',
        durationMs: reverted ? result.value.durationMs : undefined,
        outside: migration.down!.outside
      })
      options.log.info(reverted ? `Reverted ${migration.version}_${migration.name} in ${formatMs(result.value.durationMs)}.` : `${migration.version} was reverted by another run meanwhile.`)
    }
  }
  if (plan.steps.length > 0) await options.log.group(`Reverting ${plan.steps.length} migration${plan.steps.length === 1 ? '' : 's'}`, revertAll)
  const after = await historyAfter(db, history, outcomes, options.migrations)
  const remaining = planUp(options.migrations, after, {
    allowChanged: true,
    allowOutOfOrder: true
  })
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

/** Says before anything runs which scripts run outside a transaction, and what a failure halfway would mean. */
function announceOutside(scripts: readonly MigrationScript[], log: MigrateLogger): void {
  const outside = scripts.filter((s) => !s.transactional)
  if (outside.length === 0) return
  log.warning(
    `${outside.length} of ${scripts.length} file${scripts.length === 1 ? '' : 's'} run${outside.length === 1 ? 's' : ''} outside the runner's transaction, statement by statement, as their own tool runs them: ` +
      `${outside.map((s) => `${s.file} (${s.outside})`).join('; ')}. ${OUTSIDE_MEANING}`
  )
}
