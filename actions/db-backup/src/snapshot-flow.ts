import type { Logger } from '../../../packages/core/log.js'
import { createSnapshotProvider } from '../../../packages/providers/snapshot/factory.js'
import type { SnapshotInfo, SnapshotProgress, SnapshotProvider } from '../../../packages/providers/snapshot/types.js'
import type { FlowDeps, FlowResult } from './dump-flow.js'
import type { SnapshotInputs } from './inputs.js'
import { snapshotId } from './naming.js'
import { applyRetentionPlan } from './retention-apply.js'
import { planRetention } from './retention-plan.js'
import type { BackupReport } from './report.js'

/** rds-snapshot and azure-flexible: the provider does the cloud calls; this does naming, retention, outputs. */

function progressReporter(logger: Logger, intervalMs: number, what: string): (p: SnapshotProgress) => void {
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

async function applySnapshotRetention(inputs: SnapshotInputs, provider: SnapshotProvider, created: SnapshotInfo, now: Date, logger: Logger): Promise<BackupReport['retention']> {
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
  return applyRetentionPlan(decisions, inputs.retentionDryRun, (id) => provider.delete(id, inputs.source), logger, 'snapshot ')
}

export async function runSnapshotRestore(inputs: SnapshotInputs, deps: FlowDeps): Promise<FlowResult> {
  const { logger } = deps
  const restore = inputs.restore!
  const provider = await createSnapshotProvider({ ...inputs.provider, logger })
  let snapshot = restore.snapshotId
  if (snapshot === 'latest') {
    // listManaged answers newest first.
    const newest = (await provider.listManaged(inputs.source)).find(isComplete)
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
