import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import type { CreateSnapshotRequest, RestoreSnapshotRequest, SnapshotInfo, SnapshotProvider, SnapshotProviderConfig } from '../../../packages/providers/snapshot/types.js'
import { silentLogger, type Logger } from '../../../packages/core/log.js'

// The snapshot provider (RDS / Azure ARM calls) is the edge: replaced by a fake that records calls.
const DAY = 86_400_000
const now = new Date('2026-11-22T12:00:00Z')
const ago = (days: number): string => new Date(now.getTime() - days * DAY).toISOString()
let managed: SnapshotInfo[] = []
const calls: { create: CreateSnapshotRequest[]; delete: string[]; restore: RestoreSnapshotRequest[]; configs: SnapshotProviderConfig[] } = {
  create: [],
  delete: [],
  restore: [],
  configs: []
}
const fake: SnapshotProvider = {
  kind: 'rds-snapshot',
  async create(req) {
    calls.create.push(req)
    req.onProgress({ status: 'creating', percent: 40, elapsedMs: 1000 })
    req.onProgress({ status: 'creating', percent: 45, elapsedMs: 1500 })
    req.onProgress({ status: 'available', percent: 100, elapsedMs: 20_000 })
    const info = { id: req.snapshotId, createdAt: now.toISOString(), status: 'available', sizeBytes: 20 * 1024 ** 3, tags: { 'managed-by': 'deploy-actions', ...req.tags } }
    managed.unshift(info)
    return info
  },
  async listManaged() {
    return managed
  },
  async delete(id) {
    calls.delete.push(id)
  },
  async restore(req) {
    calls.restore.push(req)
    return { target: req.target, endpoint: 'restored.abc.eu-west-1.rds.amazonaws.com:5432' }
  }
}
jest.unstable_mockModule('../../../packages/providers/snapshot/factory.js', () => ({
  createSnapshotProvider: async (config: SnapshotProviderConfig) => (calls.configs.push(config), fake)
}))
const { runSnapshotBackup, runSnapshotRestore } = await import('../../../actions/db-backup/src/snapshot-flow.js')
import type { SnapshotInputs } from '../../../actions/db-backup/src/inputs.js'

const base: SnapshotInputs = {
  kind: 'snapshot',
  engine: 'rds-snapshot',
  mode: 'backup',
  environment: 'production',
  deploymentId: '1658821493-1',
  retention: { keepLast: 2 },
  retentionDryRun: false,
  timeoutMs: 3_600_000,
  progressIntervalMs: 10_000,
  warnings: [],
  source: 'shop-db',
  provider: { kind: 'rds-snapshot', region: 'eu-west-1' }
}
const tagged = (id: string, days: number, extra: Partial<SnapshotInfo> = {}): SnapshotInfo => ({
  id,
  createdAt: ago(days),
  status: 'available',
  tags: { 'managed-by': 'deploy-actions', environment: 'production' },
  ...extra
})

beforeEach(() => {
  calls.create = []
  calls.delete = []
  calls.restore = []
  calls.configs = []
})

describe('snapshot engines through the SnapshotProvider interface (provider faked)', () => {
  it('creates a tagged snapshot, logs progress, applies keep-last to managed snapshots only, and sets the outputs', async () => {
    managed = [
      tagged('da-production-a', 1),
      tagged('da-production-b', 2),
      tagged('da-production-c', 3),
      tagged('da-staging-x', 9, { tags: { environment: 'staging' } }),
      tagged('da-production-failed', 0.5, { status: 'failed' })
    ]
    const lines: string[] = []
    const logger: Logger = { ...silentLogger, info: (m) => lines.push(m) }
    const result = await runSnapshotBackup(base, { logger, now: () => now })
    const id = 'production-20261122t120000z-1658821493-1'
    expect(calls.create[0]).toMatchObject({ source: 'shop-db', snapshotId: id, tags: { environment: 'production', 'deployment-id': '1658821493-1' }, timeoutMs: 3_600_000 })
    expect(calls.configs[0]).toMatchObject({ kind: 'rds-snapshot', region: 'eu-west-1' })
    // Progress is throttled: the 45% line within the interval and same status is skipped.
    expect(lines.filter((l) => l.startsWith(`snapshot ${id}:`))).toEqual([`snapshot ${id}: creating 40% after 1 s`, `snapshot ${id}: available 100% after 20 s`])
    expect(calls.delete).toEqual(['da-production-b', 'da-production-c'])
    expect(result.outputs).toMatchObject({
      'backup-id': id,
      'snapshot-id': id,
      'size-bytes': String(20 * 1024 ** 3),
      'retention-deleted': JSON.stringify(['da-production-b', 'da-production-c'])
    })
  })

  it('a dry run deletes nothing but reports what would go', async () => {
    managed = [tagged('old-1', 10), tagged('old-2', 20)]
    const result = await runSnapshotBackup({ ...base, retention: { keepLast: 1 }, retentionDryRun: true }, { logger: silentLogger, now: () => now })
    expect(calls.delete).toEqual([])
    expect(result.report.retention?.decisions.filter((d) => d.action === 'delete').map((d) => d.id)).toEqual(['old-1', 'old-2'])
    expect(result.outputs['retention-deleted']).toBe('[]')
  })

  it('when create fails, nothing is deleted', async () => {
    managed = [tagged('good', 3), tagged('older', 30)]
    const failing = jest.spyOn(fake, 'create').mockRejectedValueOnce(new Error('SnapshotQuotaExceeded'))
    await expect(runSnapshotBackup({ ...base, retention: { keepLast: 1, maxAgeMs: DAY } }, { logger: silentLogger, now: () => now })).rejects.toThrow('SnapshotQuotaExceeded')
    expect(calls.delete).toEqual([])
    failing.mockRestore()
  })

  it('restores latest available managed snapshot into the target and outputs the endpoint', async () => {
    managed = [tagged('failed-newest', 0, { status: 'failed' }), tagged('good', 2), tagged('older', 5)]
    const result = await runSnapshotRestore({ ...base, mode: 'restore', restore: { snapshotId: 'latest', target: 'shop-db-rollback' } }, { logger: silentLogger, now: () => now })
    expect(calls.restore[0]).toMatchObject({ snapshotId: 'good', target: 'shop-db-rollback', source: 'shop-db' })
    expect(result.outputs).toMatchObject({ 'backup-id': 'good', 'snapshot-id': 'good', endpoint: 'restored.abc.eu-west-1.rds.amazonaws.com:5432' })
    expect(result.report.target).toBe('shop-db-rollback')
  })
})
