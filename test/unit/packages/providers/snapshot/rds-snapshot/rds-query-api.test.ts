import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createSnapshotProvider } from '../../../../../../packages/providers/snapshot/factory.js'
import { type SnapshotProgress, type SnapshotProvider } from '../../../../../../packages/providers/snapshot/types.js'
import { startFakeRds, type FakeRds } from '../../../../../support/fakes/rds.js'

// The real @aws-sdk/client-rds (serialisation, SigV4, XML parsing, error mapping; its own retries
// are off, ours run) against a local HTTP server speaking the RDS Query API (test/support/fakes/rds.ts).
// This is the path the db-backup action takes at runner level with AWS_ENDPOINT_URL_RDS.
let fake: FakeRds
let snapshots: SnapshotProvider
const saved: Record<string, string | undefined> = {}
const env = { AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret', AWS_REGION: 'us-east-1' }

beforeAll(async () => {
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name]
    process.env[name] = value
  }
  fake = await startFakeRds({ pollsUntilDone: 3, pageSize: 2 })
  snapshots = await createSnapshotProvider({ kind: 'rds-snapshot', endpoint: fake.endpoint, sleep: async () => {}, pollIntervalMs: 1 })
})

afterAll(async () => {
  await fake.stop()
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

describe('rds-snapshot through the real SDK (RDS Query API faked by a local HTTP server)', () => {
  it('creates a tagged snapshot, reports progress, and reads it back as available', async () => {
    const progress: SnapshotProgress[] = []
    const info = await snapshots.create({ source: 'shop-db', snapshotId: 'pre-deploy-1', tags: { deployment: '1' }, timeoutMs: 60_000, onProgress: (p) => progress.push(p) })
    expect(info).toMatchObject({ id: 'pre-deploy-1', status: 'available', sizeBytes: 21_474_836_480, tags: { 'managed-by': 'deploy-actions', deployment: '1' } })
    expect(progress.map((p) => [p.status, p.percent])).toEqual([
      ['creating', 33],
      ['creating', 67]
    ])
    const create = fake.requests.find((r) => r.action === 'CreateDBSnapshot')!
    expect(create.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKEFAKEFAKE\/\d{8}\/us-east-1\/rds\/aws4_request/)
    expect(create.params).toMatchObject({ DBInstanceIdentifier: 'shop-db', DBSnapshotIdentifier: 'pre-deploy-1', 'Tags.Tag.1.Key': 'managed-by', 'Tags.Tag.1.Value': 'deploy-actions' })
  })

  it("rides out throttling (our retry policy; the SDK's retries are off) and creates a cluster snapshot", async () => {
    fake.throttle({ times: 2, action: 'CreateDBClusterSnapshot' })
    const info = await snapshots.create({ source: 'cluster:orders', snapshotId: 'pre-deploy-2', tags: {}, timeoutMs: 60_000, onProgress: () => {} })
    expect(info).toMatchObject({ id: 'cluster:pre-deploy-2', status: 'available' })
    expect(fake.requests.filter((r) => r.action === 'CreateDBClusterSnapshot').length).toBe(3)
  }, 60_000)

  it('lists only our manual snapshots across Marker pages; refuses to delete by-hand; deletes ours', async () => {
    fake.addSnapshot({ id: 'older-ours', tags: { 'managed-by': 'deploy-actions' }, createdAt: new Date('2026-11-01T00:00:00Z') })
    const list = await snapshots.listManaged('shop-db')
    expect(list.map((s) => s.id)).toEqual(['pre-deploy-1', 'older-ours'])
    expect(fake.requests.filter((r) => r.action === 'DescribeDBSnapshots' && r.params.SnapshotType === 'manual').length).toBe(2)
    await expect(snapshots.delete('by-hand', 'shop-db')).rejects.toThrow('refusing to delete RDS snapshot by-hand')
    await snapshots.delete('older-ours', 'shop-db')
    expect(fake.snapshots().map((s) => s.id)).not.toContain('older-ours')
    await expect(snapshots.delete('older-ours', 'shop-db')).rejects.toThrow('RDS snapshot older-ours does not exist (nothing deleted)')
  })

  it('restores into a new instance and returns its endpoint', async () => {
    const result = await snapshots.restore({ snapshotId: 'pre-deploy-1', target: 'shop-db-rollback', timeoutMs: 60_000, onProgress: () => {} })
    expect(result).toEqual({ target: 'shop-db-rollback', endpoint: 'shop-db-rollback.c0ffee.us-east-1.rds.amazonaws.com:5432' })
    expect(fake.database('shop-db-rollback')).toEqual({ status: 'available', restoredFrom: 'pre-deploy-1', instanceClass: 'db.t4g.micro' })
    const restore = fake.requests.find((r) => r.action === 'RestoreDBInstanceFromDBSnapshot')!
    expect(restore.params).toMatchObject({ DBSubnetGroupName: 'private-a', 'VpcSecurityGroupIds.VpcSecurityGroupId.1': 'sg-0123456789abcdef0' })
  })

  it('names the fault when the source does not exist', async () => {
    await expect(snapshots.create({ source: 'nope-db', snapshotId: 'x1', tags: {}, timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      /^CreateDBSnapshot failed: DBInstanceNotFound(Fault)?: DBInstance nope-db not found\.$/
    )
  })

  it('surfaces a snapshot that ends failed', async () => {
    fake.failNextSnapshot()
    await expect(snapshots.create({ source: 'shop-db', snapshotId: 'x2', tags: {}, timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      'RDS snapshot x2 of shop-db ended with status "failed"'
    )
  })
})
