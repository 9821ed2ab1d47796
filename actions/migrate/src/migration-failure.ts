import type { MigrationSqlError } from './database/migration-database.js'
import type { PlanProblem } from './plan.js'

export interface FileAnnotation {
  title: string
  file: string
  startLine?: number
  startColumn?: number
}

/** The checks before any change found problems (edited or out-of-order files, missing down files). Pure. */
export class PlanRejected extends Error {
  readonly annotation?: FileAnnotation

  constructor(problems: readonly PlanProblem[]) {
    super(`nothing was changed: ${problems.map((p) => p.message).join('; ')}`)
    this.name = 'PlanRejected'
    const about = problems.find((p) => p.file !== undefined)
    if (about?.position) this.annotation = { title: 'Migration failed', file: about.file!, startLine: about.position.line, startColumn: about.position.column }
    else this.annotation = about === undefined ? undefined : { title: 'Migration check failed', file: about.file!, startLine: 1 }
  }
}

/**
 * A migration the database rejected. Its message names the file with line:column, carries the
 * database's own message, and says what state the database is in; `annotation` points the job's
 * annotation at the file. Pure.
 */
export class MigrationFailure extends Error {
  readonly annotation: FileAnnotation

  constructor(error: MigrationSqlError, engine: string, appliedBefore: number) {
    super(describe(error, engine, appliedBefore))
    this.name = 'MigrationFailure'
    this.annotation = {
      title: 'Migration failed',
      file: error.file,
      startLine: error.position?.line ?? 1,
      startColumn: error.position?.column
    }
  }
}

function describe(error: MigrationSqlError, engine: string, appliedBefore: number): string {
  const where = error.position ? `${error.file}:${error.position.line}:${error.position.column}` : error.file
  const code = error.code ? ` (${engine} ${error.code})` : ''
  const extra = [error.detail ? `Detail: ${error.detail}.` : '', error.hint ? `Hint: ${error.hint}.` : '', error.context ? `Context: ${error.context.replace(/\n/g, '; ')}.` : '']
    .filter((s) => s !== '')
    .map((s) => s.replace(/\.\.$/, '.'))
    .join(' ')
  const state = error.rolledBack
    ? 'It was rolled back: the database is exactly as it was before this migration'
    : `It ran outside the runner's transaction (${error.outside ?? 'deploy-actions:no-transaction'}), so what it committed before the failing statement stays applied and the migration is not recorded; check the database before running it again`
  const before = appliedBefore > 0 ? ` (${appliedBefore} migration${appliedBefore === 1 ? '' : 's'} before it in this run ${appliedBefore === 1 ? 'was' : 'were'} completed and kept)` : ''
  const hintTx = /cannot run inside a transaction block|cannot be executed within a pipeline/i.test(error.message)
    ? ' Put "-- deploy-actions:no-transaction" on the first line of the file to run it outside a transaction.'
    : ''
  return `${where}: ${error.message}${code}.${extra ? ` ${extra}` : ''} ${state}${before}.${hintTx}`
}
