import type { Logger } from '../../../packages/core/log.js'
import { createSnapshotProvider, type SnapshotInfo, type SnapshotProgress } from '../../../packages/providers/snapshot.js'
import type { FlowDeps, FlowResult } from './dump-flow.js'
import type { SnapshotInputs } from './inputs.js'
import { snapshotId } from './naming.js'
import { planRetention } from './retention-plan.js'
import type { BackupReport } from './report.js'

/** rds-snapshot and azure-flexible: the provider does the cloud calls; this does naming, retention, outputs. */

export function progressReporter(logger: Logger, intervalMs: number, what: string): (p: SnapshotProgress) => void {
  let lastLogged = -Infinity
  let lastStatus = ''
  return (p) => {
    if (p.status === lastStatus && p.elapsedMs - lastLogged < intervalMs) return
    lastLogged = p.elapsedMs
    lastStatus = p.status
    logger.info(`${what}: ${p.status}${p.percent !== undefined ? ` ${p.percent}%` : ''} after ${(p.elapsedMs / 1000).toFixed(0)} s`)
  }
}

export async function runSnapshotBackup(inputs: SnapshotInputs, deps: FlowDeps): Promise<FlowResult> {
  const { logger } = deps
  const now = deps.now ?? (() => new Date())
  const provider = await createSnapshotProvider({ ...inputs.provider, logger })
  const started = performance.now()
  const createdAt = now()
  const id = snapshotId(inputs.environment, createdAt, inputs.deploymentId)
  logger.info(`creating ${inputs.engine} snapshot ${id} of ${inputs.source}`)
  const info = await provider.create({
    source: inputs.source,
    snapshotId: id,
    tags: { environment: inputs.environment, 'deployment-id': inputs.deploymentId },
    timeoutMs: inputs.timeoutMs,
    onProgress: progressReporter(logger, inputs.progressIntervalMs, `snapshot ${id}`),
    signal: deps.signal
  })
  const durationMs = performance.now() - started
  logger.info(`snapshot ${info.id} is ${info.status}`)
  const retention = await applySnapshotRetention(inputs, provider, info, now(), logger)
  return {
    outputs: {
      'backup-id': info.id,
      'snapshot-id': info.id,
      uri: '',
      'size-bytes': info.sizeBytes !== undefined ? String(info.sizeBytes) : '',
      sha256: '',
      'duration-seconds': (durationMs / 1000).toFixed(1),
      'retention-deleted': JSON.stringify(retention?.deleted ?? [])
    },
    report: {
      mode: 'backup',
      engine: inputs.engine,
      database: inputs.source,
      backupId: info.id,
      snapshotId: info.id,
      ...(info.sizeBytes !== undefined ? { sizeBytes: info.sizeBytes } : {}),
      durationMs,
      ...(retention ? { retention } : {})
    }
  }
}

function isComplete(s: SnapshotInfo): boolean {
  return s.status.toLowerCase() === 'available'
}

async function applySnapshotRetention(
  inputs: SnapshotInputs,
  provider: Awaited<ReturnType<typeof createSnapshotProvider>>,
  created: SnapshotInfo,
  now: Date,
  logger: Logger
): Promise<BackupReport['retention']> {
  const { keepLast, maxAgeMs } = inputs.retention
  if (keepLast === undefined && maxAgeMs === undefined) return undefined
  // Only this suite's manual snapshots (the provider filters by its marker), and of this environment when tagged.
  const managed = (await provider.listManaged(inputs.source)).filter((s) => s.tags.environment === undefined || s.tags.environment === inputs.environment)
  const decisions = planRetention(
    managed.map((s) => ({ id: s.id, createdAt: s.createdAt, complete: isComplete(s) })),
    inputs.retention,
    now,
    created.id
  )
  const deleted: string[] = []
  const failed: { id: string; error: string }[] = []
  for (const decision of decisions.filter((d) => d.action === 'delete')) {
    if (inputs.retentionDryRun) {
      logger.info(`retention (dry run): would delete snapshot ${decision.id}: ${decision.reason}`)
      continue
    }
    try {
      await provider.delete(decision.id, inputs.source)
      deleted.push(decision.id)
      logger.info(`retention: deleted snapshot ${decision.id}: ${decision.reason}`)
    } catch (error) {
      failed.push({ id: decision.id, error: (error as Error).message })
      logger.warning(`retention: could not delete snapshot ${decision.id}: ${(error as Error).message}`)
    }
  }
  return { decisions, dryRun: inputs.retentionDryRun, deleted, failed }
}

export async function runSnapshotRestore(inputs: SnapshotInputs, deps: FlowDeps): Promise<FlowResult> {
  const { logger } = deps
  const restore = inputs.restore!
  const provider = await createSnapshotProvider({ ...inputs.provider, logger })
  let snapshot = restore.snapshotId
  if (snapshot === 'latest') {
    const newest = (await provider.listManaged(inputs.source)).filter(isComplete).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0]
    if (!newest) throw new Error(`no available snapshot made by deploy-actions exists for ${inputs.source}`)
    snapshot = newest.id
  }
  const started = performance.now()
  logger.info(`restoring snapshot ${snapshot} into ${restore.target}`)
  const result = await provider.restore({
    snapshotId: snapshot,
    target: restore.target,
    source: inputs.source,
    timeoutMs: inputs.timeoutMs,
    onProgress: progressReporter(logger, inputs.progressIntervalMs, `restore into ${restore.target}`),
    signal: deps.signal,
    ...(restore.instanceClass ? { instanceClass: restore.instanceClass } : {})
  })
  const durationMs = performance.now() - started
  return {
    outputs: {
      'backup-id': snapshot,
      'snapshot-id': snapshot,
      endpoint: result.endpoint ?? '',
      'duration-seconds': (durationMs / 1000).toFixed(1)
    },
    report: {
      mode: 'restore',
      engine: inputs.engine,
      database: inputs.source,
      backupId: snapshot,
      snapshotId: snapshot,
      target: result.target,
      ...(result.endpoint ? { endpoint: result.endpoint } : {}),
      durationMs
    }
  }
}
