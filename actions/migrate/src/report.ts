import { escapeCell, formatMs, markdownTable } from '../../../packages/core/markdown.js'

/** The outcome of a run, and the outputs and job summary built from it. Pure. */

export type OutcomeStatus = 'applied' | 'reverted' | 'failed' | 'pending' | 'already-applied'

export interface MigrationOutcome {
  /** Version, for the built-in runner; tools report names only. */
  version?: string
  name: string
  file?: string
  status: OutcomeStatus
  durationMs?: number
  /** The SQL that would run (dry-run of the built-in runner). */
  sql?: string
  /** Why it runs outside the runner's transaction (built-in runner), when it does. */
  outside?: string
}

export interface MigrateReport {
  /** "built-in runner" or the tool's name. */
  runner: string
  /** Where, safe to show (never the password). */
  database?: string
  dryRun: boolean
  direction: 'up' | 'down'
  outcomes: MigrationOutcome[]
  /** Migrations still pending after the run (in a dry-run: those that would be applied), when known. */
  pendingCount?: number
  /** Pending beyond the target, left for a later run. */
  laterCount?: number
  currentVersion?: string
  warnings: string[]
  failure?: string
  backupId?: string
  /** The uri output of the db-backup step: what the restore snippet restores. */
  backupUri?: string
  /** owner/name/actions/db-backup@ref for the restore snippet; a placeholder when unknown. */
  actionSource?: string
  /** The tool ran but its output does not say which migrations it applied (tool: command). */
  appliedUnknown?: boolean
}

export const OUTSIDE_MEANING =
  'If such a file fails halfway, what it committed before the failing statement stays applied and it is not recorded as applied: check the database (and make its statements re-runnable, such as IF NOT EXISTS) before running again.'

const SQL_FILE_LIMIT = 20_000
const SQL_TOTAL_LIMIT = 400_000

const STATUS_LABEL: Record<OutcomeStatus, string> = {
  applied: '✅ applied',
  reverted: '↩️ reverted',
  failed: '❌ failed',
  pending: '⏳ pending',
  'already-applied': '⏭️ applied by another run'
}

function changed(report: MigrateReport): MigrationOutcome[] {
  return report.outcomes.filter((o) => o.status === 'applied' || o.status === 'reverted')
}

export function outputsOf(report: MigrateReport): Record<string, string> {
  const done = changed(report)
  return {
    'applied-count': String(done.length),
    'pending-count': report.pendingCount === undefined ? '' : String(report.pendingCount),
    'current-version': report.currentVersion ?? '',
    applied: JSON.stringify(
      done.map((o) => ({
        ...(o.version === undefined ? {} : { version: o.version }),
        name: o.name,
        ...(o.file === undefined ? {} : { file: o.file }),
        direction: o.status === 'reverted' ? 'down' : 'up',
        ...(o.durationMs === undefined ? {} : { durationMs: Math.round(o.durationMs) })
      }))
    )
  }
}

function headline(report: MigrateReport): string {
  const done = changed(report).length
  const where = report.database ? ` on ${report.database}` : ''
  if (report.failure) return `### ❌ migrate failed${where}`
  if (report.dryRun) return `### 🔎 migrate dry-run${where}: ${report.pendingCount ?? 'unknown number of'} pending`
  if (report.direction === 'down') return `### ↩️ migrate reverted ${done} migration${done === 1 ? '' : 's'}${where}`
  return `### ✅ migrate applied ${done} migration${done === 1 ? '' : 's'}${where}`
}

export function summaryMarkdown(report: MigrateReport): string {
  const parts = [headline(report), '']
  parts.push(
    `Runner: ${report.runner}${report.currentVersion ? ` · current version: \`${report.currentVersion}\`` : ''}${report.pendingCount !== undefined && !report.dryRun ? ` · still pending: ${report.pendingCount}` : ''}`
  )
  parts.push('')
  if (report.failure) parts.push(`> ${escapeCell(report.failure)}`, '')
  const rows = report.outcomes.map((o) => [o.version ? `\`${o.version}\` ${o.name}` : o.name, o.file ?? '', o.durationMs === undefined ? '' : formatMs(o.durationMs), STATUS_LABEL[o.status]])
  if (rows.length > 0) parts.push(markdownTable(['migration', 'file', 'duration', 'status'], rows), '')
  else if (report.appliedUnknown) parts.push(`${report.runner} ran${report.failure ? '' : ' successfully'}; its output does not say which migrations it applied.`, '')
  else parts.push(report.dryRun || report.direction === 'up' ? 'Nothing to apply: the database is up to date.' : 'Nothing to revert.', '')
  const outside = report.outcomes.filter((o) => o.outside !== undefined)
  if (outside.length > 0) {
    parts.push('**Outside a transaction**', '', ...outside.map((o) => `- ${o.file ?? o.name}: ${o.outside}`), '', OUTSIDE_MEANING, '')
  }
  if (report.laterCount) parts.push(`${report.laterCount} pending migration${report.laterCount === 1 ? ' lies' : 's lie'} beyond the target and were left for a later run.`, '')
  // The job summary holds at most 1 MiB: show each file's SQL up to a limit, and stop before the total gets large.
  let shownSql = 0
  const withSql = report.outcomes.filter((o) => o.sql !== undefined)
  for (const [index, o] of withSql.entries()) {
    if (shownSql >= SQL_TOTAL_LIMIT) {
      parts.push(`The SQL of ${withSql.length - index} more file${withSql.length - index === 1 ? '' : 's'} is in the step log.`, '')
      break
    }
    const sql = o.sql!.length > SQL_FILE_LIMIT ? `${o.sql!.slice(0, SQL_FILE_LIMIT)}\n-- … ${o.sql!.length - SQL_FILE_LIMIT} more characters in the step log` : o.sql!
    shownSql += sql.length
    parts.push(`<details><summary>${o.file ?? o.name}</summary>`, '', '```sql', sql.replace(/```/g, '` ` `').trimEnd(), '```', '', '</details>', '')
  }
  if (report.warnings.length > 0) parts.push('**Warnings**', '', ...report.warnings.map((w) => `- ${w}`), '')
  if (report.backupId || report.backupUri) parts.push(...restoreSnippet(report))
  return parts.join('\n')
}

/** The db-backup step that returns the database to the backup taken before this run. */
function restoreSnippet(report: MigrateReport): string[] {
  const which = [report.backupId, report.backupUri]
    .filter((v) => v !== undefined)
    .map((v) => `\`${v}\``)
    .join(' at ')
  const source = report.actionSource ?? 'your-org/deploy-actions/actions/db-backup@v1'
  // With the uri, db-backup knows the object; with only the id it needs the destination too.
  const location = report.backupUri
    ? [`    uri: ${report.backupUri}`]
    : [`    backup-id: ${report.backupId}`, '    destination: # the destination of the db-backup step (pass its uri output as backup-uri to fill this in)']
  return [
    '**Restore point**',
    '',
    `The backup ${which} (from db-backup) holds the database as it was before this run. To go back to it, run db-backup in restore mode:`,
    '',
    '```yaml',
    `- uses: ${source}`,
    '  with:',
    '    mode: restore',
    ...location,
    '    database-url: ${{ secrets.DATABASE_URL }}',
    '```',
    ''
  ]
}
