import { formatBytes, formatMs, markdownTable } from '../../../packages/core/markdown.js'
import type { RetentionDecision } from './retention-plan.js'

/** The job summary, built purely from what happened. */

export interface BackupReport {
  mode: 'backup' | 'restore'
  engine: string
  database: string
  backupId: string
  uri?: string
  sizeBytes?: number
  sha256?: string
  durationMs: number
  compression?: string
  /** What compressed a backup: the zstd program or Node's stream. */
  compressedBy?: string
  encryption?: string
  serverVersion?: string
  verification?: string
  snapshotId?: string
  endpoint?: string
  target?: string
  retention?: { decisions: RetentionDecision[]; dryRun: boolean; deleted: string[]; failed: { id: string; error: string }[] }
}

export function buildSummary(r: BackupReport): string {
  const title = r.mode === 'backup' ? `### db-backup: ${r.engine} backup ${r.backupId}` : `### db-backup: restored ${r.backupId}`
  const rows: [string, string][] = [
    ['engine', r.engine],
    [r.mode === 'backup' ? 'database' : 'target', r.database],
    ['backup id', r.backupId]
  ]
  if (r.snapshotId) rows.push(['snapshot id', r.snapshotId])
  if (r.uri) rows.push(['uri', r.uri])
  if (r.target) rows.push(['restored to', r.target])
  if (r.endpoint) rows.push(['endpoint', r.endpoint])
  if (r.sizeBytes !== undefined) rows.push(['size', `${formatBytes(r.sizeBytes)} (${r.sizeBytes} bytes)`])
  if (r.sha256) rows.push(['sha256', `\`${r.sha256}\``])
  if (r.serverVersion) rows.push(['server', r.serverVersion])
  if (r.compression) rows.push(['compression', r.compressedBy && r.compressedBy !== 'none' ? `${r.compression}: ${r.compressedBy}` : r.compression])
  if (r.encryption) rows.push(['encryption', r.encryption])
  if (r.verification) rows.push(['verification', r.verification])
  rows.push(['duration', formatMs(r.durationMs)])
  const parts = [title, '', markdownTable(['', ''], rows)]
  if (r.retention) parts.push('', retentionSection(r.retention))
  return `${parts.join('\n')}\n`
}

function retentionSection(retention: NonNullable<BackupReport['retention']>): string {
  const { decisions, dryRun, deleted, failed } = retention
  const heading = dryRun ? '#### Retention (dry run: nothing deleted)' : '#### Retention'
  if (decisions.length === 0) return `${heading}\n\nNo complete backups found.`
  const failedIds = new Map(failed.map((f) => [f.id, f.error]))
  const rows = decisions.map((d) => {
    let outcome: string = d.action
    if (d.action === 'delete') outcome = dryRun ? 'would delete' : failedIds.has(d.id) ? `delete failed: ${failedIds.get(d.id)}` : deleted.includes(d.id) ? 'deleted' : 'delete'
    return [d.id, d.createdAt, outcome, d.reason]
  })
  return `${heading}\n\n${markdownTable(['backup', 'created', 'decision', 'why'], rows)}`
}
