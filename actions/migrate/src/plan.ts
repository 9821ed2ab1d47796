import { downHint, type Migration, type MigrationScript } from './migration-files.js'
import type { SourcePosition } from './source-position.js'
import { compareVersions, isVersion, versionKey } from './versions.js'

/**
 * What the built-in runner will do, decided from the migration files and the history table
 * before anything is changed. Pure.
 */

export interface AppliedMigration {
  version: string
  name: string
  checksum: string
  durationMs?: number
  appliedAt?: string
  appliedBy?: string
}

export interface UpPlanOptions {
  /** Apply up to and including this version. */
  target?: string
  allowChanged: boolean
  allowOutOfOrder: boolean
}

/** Something that stops the run before any change; `file` (and `position` in it) is what it is about, for the annotation. */
export interface PlanProblem {
  message: string
  file?: string
  position?: SourcePosition
}

/** The scripts to run that PostgreSQL's parser refused: found before anything is applied. */
export function syntaxProblems(scripts: readonly MigrationScript[]): PlanProblem[] {
  return scripts.flatMap((script) => {
    if (!script.syntaxError) return []
    const { message, position } = script.syntaxError
    // The server answers 42601 (syntax_error) for what its scanner and grammar refuse.
    const code = /^(syntax error|unterminated|unsafe use of|invalid unicode|zero-length delimited)/i.test(message) ? ' (PostgreSQL 42601)' : ''
    return [{ message: `${script.file}:${position.line}:${position.column}: ${message}${code}, found by PostgreSQL's parser before anything ran`, file: script.file, position }]
  })
}

export interface UpPlan {
  /** To apply now, in this order. */
  pending: Migration[]
  /** Pending but beyond the target: left for a later run. */
  later: Migration[]
  /** Problems that stop the run before any change. */
  problems: PlanProblem[]
  warnings: string[]
}

export function highestVersion(applied: readonly AppliedMigration[]): string | undefined {
  return applied
    .map((a) => a.version)
    .filter(isVersion)
    .sort(compareVersions)
    .at(-1)
}

export function planUp(local: readonly Migration[], applied: readonly AppliedMigration[], options: UpPlanOptions): UpPlan {
  const problems: PlanProblem[] = []
  const warnings: string[] = []
  const versioned = local.filter((m) => !m.repeatable)
  const appliedByKey = new Map(applied.filter((a) => isVersion(a.version)).map((a) => [versionKey(a.version), a]))
  const appliedRepeatable = new Map(applied.filter((a) => !isVersion(a.version)).map((a) => [a.version, a]))
  const localKeys = new Set(local.map((m) => (m.repeatable ? m.version : versionKey(m.version))))

  for (const migration of versioned) {
    const record = appliedByKey.get(versionKey(migration.version))
    if (!record || record.checksum === migration.checksum) continue
    const message = `${migration.file} was changed after it was applied (checksum when applied: ${record.checksum}, now: ${migration.checksum})`
    if (options.allowChanged) warnings.push(`${message}; going on because allow-changed is true`)
    else problems.push({ message: `${message}. Put the applied version of the file back and add a new migration for the change, or set allow-changed: true`, file: migration.file })
  }
  for (const record of applied) {
    if (!localKeys.has(isVersion(record.version) ? versionKey(record.version) : record.version)) {
      warnings.push(`version ${record.version} (${record.name}) is recorded as applied but has no file in the migrations directory`)
    }
  }

  const highest = highestVersion(applied)
  const notApplied = versioned.filter((m) => !appliedByKey.has(versionKey(m.version)))
  for (const migration of notApplied) {
    if (highest === undefined || compareVersions(migration.version, highest) > 0) continue
    const message = `${migration.file} is new but older than the latest applied version ${highest}`
    if (options.allowOutOfOrder) warnings.push(`${message}; applying it out of order because allow-out-of-order is true`)
    else problems.push({ message: `${message}. Give it a version above ${highest}, or set allow-out-of-order: true`, file: migration.file })
  }

  const withinTarget = (m: Migration): boolean => options.target === undefined || compareVersions(m.version, options.target) <= 0
  // Repeatable migrations (Flyway R__) run after the versioned ones, again whenever their file changed.
  const repeatable = local.filter((m) => m.repeatable && appliedRepeatable.get(m.version)?.checksum !== m.checksum)
  return {
    pending: [...notApplied.filter(withinTarget), ...repeatable],
    later: notApplied.filter((m) => !withinTarget(m)),
    problems,
    warnings
  }
}

export interface DownOptions {
  /** Revert this many of the latest applied migrations. */
  steps?: number
  /** Revert every applied migration above this version ("0" reverts all). */
  target?: string
}

export interface DownStep {
  migration: Migration
  record: AppliedMigration
}

export interface DownPlan {
  steps: DownStep[]
  problems: PlanProblem[]
}

export function planDown(local: readonly Migration[], applied: readonly AppliedMigration[], options: DownOptions): DownPlan {
  const newestFirst = applied.filter((a) => isVersion(a.version)).sort((a, b) => compareVersions(b.version, a.version))
  const chosen = options.target !== undefined ? newestFirst.filter((a) => compareVersions(a.version, options.target!) > 0) : newestFirst.slice(0, options.steps ?? 1)
  const byKey = new Map(local.filter((m) => !m.repeatable).map((m) => [versionKey(m.version), m]))
  const problems: PlanProblem[] = []
  const steps: DownStep[] = []
  for (const record of chosen) {
    const migration = byKey.get(versionKey(record.version))
    if (!migration) {
      problems.push({ message: `version ${record.version} (${record.name}) is applied but has no file in the migrations directory, so it cannot be reverted` })
    } else if (!migration.down) {
      problems.push({ message: `${migration.file} has no down migration; ${downHint(migration)}`, file: migration.file })
    } else {
      steps.push({ migration, record })
    }
  }
  return { steps, problems }
}
