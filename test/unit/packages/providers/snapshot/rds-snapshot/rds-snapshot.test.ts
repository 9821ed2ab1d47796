import { beforeEach, describe, expect, it } from '@jest/globals'
import {
  CreateDBClusterSnapshotCommand,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  DeleteDBClusterSnapshotCommand,
  DeleteDBSnapshotCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  RDSServiceException,
  RestoreDBClusterFromSnapshotCommand,
  RestoreDBInstanceFromDBSnapshotCommand
} from '@aws-sdk/client-rds'
import { mockClient } from 'aws-sdk-client-mock'
import { createSnapshotProvider } from '../../../../../../packages/providers/snapshot/factory.js'
import { type SnapshotProgress, type SnapshotProvider } from '../../../../../../packages/providers/snapshot/types.js'

// Response shapes follow the RDS API reference (DBSnapshot, DBClusterSnapshot, DBInstance,
// DBCluster); the SDK client is replaced by aws-sdk-client-mock, the clock and sleep are fake.
const rds = mockClient(RDSClient)
let clock = 0
let sleeps: number[] = []
let progress: SnapshotProgress[] = []

async function provider(): Promise<SnapshotProvider> {
  return createSnapshotProvider({
    kind: 'rds-snapshot',
    region: 'eu-west-1',
    sleep: async (ms) => {
      sleeps.push(ms)
      clock += ms
    },
    now: () => clock,
    pollIntervalMs: 1_000,
    maxPollIntervalMs: 8_000
  })
}

const managed = [{ Key: 'managed-by', Value: 'deploy-actions' }]
const created = new Date('2026-11-20T10:00:00Z')

function throttled(): RDSServiceException {
  return new RDSServiceException({
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    message: 'Rate exceeded'
  })
}

beforeEach(() => {
  rds.reset()
  clock = 0
  sleeps = []
  progress = []
})

describe('rds-snapshot create (RDS faked with aws-sdk-client-mock)', () => {
  it('creates a tagged DB snapshot and reports PercentProgress until available', async () => {
    rds.on(CreateDBSnapshotCommand).resolves({ DBSnapshot: { DBSnapshotIdentifier: 'pre-deploy-42', Status: 'creating' } })
    rds
      .on(DescribeDBSnapshotsCommand, { DBSnapshotIdentifier: 'pre-deploy-42' })
      .resolvesOnce({ DBSnapshots: [{ DBSnapshotIdentifier: 'pre-deploy-42', Status: 'creating', PercentProgress: 0 }] })
      .resolvesOnce({ DBSnapshots: [{ DBSnapshotIdentifier: 'pre-deploy-42', Status: 'creating', PercentProgress: 45 }] })
      .resolves({
        DBSnapshots: [
          {
            DBSnapshotIdentifier: 'pre-deploy-42',
            DBInstanceIdentifier: 'shop-db',
            Status: 'available',
            PercentProgress: 100,
            SnapshotType: 'manual',
            SnapshotCreateTime: created,
            FullSnapshotSizeInBytes: 5_368_709_120,
            TagList: [...managed, { Key: 'deployment', Value: '42' }]
          }
        ]
      })
    const snapshots = await provider()
    const info = await snapshots.create({
      source: 'shop-db',
      snapshotId: 'pre-deploy-42',
      tags: { deployment: '42', 'managed-by': 'someone-else' },
      timeoutMs: 60_000,
      onProgress: (p) => progress.push(p)
    })

    expect(info).toEqual({
      id: 'pre-deploy-42',
      createdAt: '2026-11-20T10:00:00.000Z',
      status: 'available',
      sizeBytes: 5_368_709_120,
      tags: { 'managed-by': 'deploy-actions', deployment: '42' }
    })
    const input = rds.commandCalls(CreateDBSnapshotCommand)[0].args[0].input
    expect(input).toEqual({
      DBInstanceIdentifier: 'shop-db',
      DBSnapshotIdentifier: 'pre-deploy-42',
      Tags: [
        { Key: 'managed-by', Value: 'deploy-actions' },
        { Key: 'deployment', Value: '42' }
      ]
    })
    expect(progress.map((p) => [p.status, p.percent, p.elapsedMs])).toEqual([
      ['creating', 0, 0],
      ['creating', 45, 1_000]
    ])
    expect(sleeps).toEqual([1_000, 2_000])
    expect(rds.commandCalls(CreateDBClusterSnapshotCommand)).toHaveLength(0)
  })

  it('creates an Aurora cluster snapshot when the source is written cluster:<id>', async () => {
    rds.on(CreateDBClusterSnapshotCommand).resolves({})
    rds
      .on(DescribeDBClusterSnapshotsCommand, { DBClusterSnapshotIdentifier: 'pre-7' })
      .resolvesOnce({ DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'pre-7', Status: 'creating', PercentProgress: 10 }] })
      .resolves({
        DBClusterSnapshots: [
          {
            DBClusterSnapshotIdentifier: 'pre-7',
            DBClusterIdentifier: 'orders',
            Status: 'available',
            PercentProgress: 100,
            SnapshotType: 'manual',
            SnapshotCreateTime: created,
            TagList: managed
          }
        ]
      })
    const info = await (
      await provider()
    ).create({
      source: 'cluster:orders',
      snapshotId: 'pre-7',
      tags: {},
      timeoutMs: 60_000,
      onProgress: (p) => progress.push(p)
    })
    expect(info.id).toBe('cluster:pre-7')
    expect(info.status).toBe('available')
    expect(rds.commandCalls(CreateDBClusterSnapshotCommand)[0].args[0].input).toEqual({
      DBClusterIdentifier: 'orders',
      DBClusterSnapshotIdentifier: 'pre-7',
      Tags: managed
    })
    expect(rds.commandCalls(CreateDBSnapshotCommand)).toHaveLength(0)
    expect(progress).toEqual([{ status: 'creating', percent: 10, elapsedMs: 0 }])
  })

  it('gives up at the timeout, naming the snapshot and its last status and percent', async () => {
    rds.on(CreateDBSnapshotCommand).resolves({})
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 'slow', Status: 'creating', PercentProgress: 12 }] })
    await expect((await provider()).create({ source: 'shop-db', snapshotId: 'slow', tags: {}, timeoutMs: 20_000, onProgress: (p) => progress.push(p) })).rejects.toThrow(
      /RDS snapshot slow not ready within 20.0 s \(last status "creating", 12%\).*retention can remove it later/
    )
    // 1 + 2 + 4 + 8 + 5 (capped at the remaining time) = 20 s of polling, never past the deadline.
    expect(sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 5_000])
    expect(progress.at(-1)).toEqual({ status: 'creating', percent: 12, elapsedMs: 20_000 })
  })

  it('retries a throttled call with backoff, then succeeds', async () => {
    rds.on(CreateDBSnapshotCommand).rejectsOnce(throttled()).resolves({})
    rds
      .on(DescribeDBSnapshotsCommand)
      .rejectsOnce(throttled())
      .resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 's1', Status: 'available', SnapshotType: 'manual', TagList: managed }] })
    const info = await (await provider()).create({ source: 'shop-db', snapshotId: 's1', tags: {}, timeoutMs: 60_000, onProgress: () => {} })
    expect(info.status).toBe('available')
    expect(rds.commandCalls(CreateDBSnapshotCommand)).toHaveLength(2)
    expect(rds.commandCalls(DescribeDBSnapshotsCommand)).toHaveLength(2)
    expect(sleeps).toHaveLength(2)
    for (const delay of sleeps) expect(delay).toBeGreaterThanOrEqual(1_000)
  })

  it('does not retry a client fault and names the operation', async () => {
    rds
      .on(CreateDBSnapshotCommand)
      .rejects(new RDSServiceException({ name: 'DBInstanceNotFoundFault', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'DBInstance nope not found.' }))
    await expect((await provider()).create({ source: 'nope', snapshotId: 's1', tags: {}, timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      'CreateDBSnapshot failed: DBInstanceNotFoundFault: DBInstance nope not found.'
    )
    expect(rds.commandCalls(CreateDBSnapshotCommand)).toHaveLength(1)
  })

  it('surfaces a snapshot that ends failed', async () => {
    rds.on(CreateDBSnapshotCommand).resolves({})
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 's1', Status: 'failed' }] })
    await expect((await provider()).create({ source: 'shop-db', snapshotId: 's1', tags: {}, timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      'RDS snapshot s1 of shop-db ended with status "failed"'
    )
  })

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController()
    rds.on(CreateDBSnapshotCommand).resolves({})
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 's1', Status: 'creating', PercentProgress: 1 }] })
    await expect(
      (await provider()).create({
        source: 'shop-db',
        snapshotId: 's1',
        tags: {},
        timeoutMs: 600_000,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.elapsedMs >= 3_000) controller.abort()
        }
      })
    ).rejects.toThrow('waiting for RDS snapshot s1 was cancelled')
  })

  it.each([
    ['shop--db', /not a valid RDS identifier/],
    ['cluster:', /not a valid RDS identifier/],
    ['1db', /not a valid RDS identifier/]
  ])('rejects the source %s before calling AWS', async (source, message) => {
    await expect((await provider()).create({ source, snapshotId: 's1', tags: {}, timeoutMs: 1, onProgress: () => {} })).rejects.toThrow(message)
    expect(rds.calls()).toHaveLength(0)
  })
})

describe('rds-snapshot listManaged and delete (RDS faked with aws-sdk-client-mock)', () => {
  it('lists only manual snapshots carrying managed-by=deploy-actions, across pages, newest first', async () => {
    rds.on(DescribeDBSnapshotsCommand, { DBInstanceIdentifier: 'shop-db', SnapshotType: 'manual', Marker: undefined }).resolves({
      Marker: 'page-2',
      DBSnapshots: [
        { DBSnapshotIdentifier: 'ours-old', SnapshotType: 'manual', Status: 'available', SnapshotCreateTime: new Date('2026-11-01T00:00:00Z'), TagList: managed },
        { DBSnapshotIdentifier: 'by-hand', SnapshotType: 'manual', Status: 'available', SnapshotCreateTime: new Date('2026-11-02T00:00:00Z'), TagList: [] },
        {
          DBSnapshotIdentifier: 'other-tool',
          SnapshotType: 'manual',
          Status: 'available',
          SnapshotCreateTime: new Date('2026-11-03T00:00:00Z'),
          TagList: [{ Key: 'managed-by', Value: 'terraform' }]
        }
      ]
    })
    rds.on(DescribeDBSnapshotsCommand, { DBInstanceIdentifier: 'shop-db', SnapshotType: 'manual', Marker: 'page-2' }).resolves({
      DBSnapshots: [
        { DBSnapshotIdentifier: 'ours-new', SnapshotType: 'manual', Status: 'available', SnapshotCreateTime: new Date('2026-11-05T00:00:00Z'), TagList: managed },
        // RDS answers SnapshotType=manual, but a stray automated one must still never be listed.
        { DBSnapshotIdentifier: 'rds:shop-db-2026-11-04', SnapshotType: 'automated', Status: 'available', TagList: managed }
      ]
    })
    const list = await (await provider()).listManaged('shop-db')
    expect(list.map((s) => [s.id, s.createdAt])).toEqual([
      ['ours-new', '2026-11-05T00:00:00.000Z'],
      ['ours-old', '2026-11-01T00:00:00.000Z']
    ])
    expect(rds.commandCalls(DescribeDBSnapshotsCommand)).toHaveLength(2)
  })

  it('lists cluster snapshots for cluster:<id>', async () => {
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [
        { DBClusterSnapshotIdentifier: 'c1', SnapshotType: 'manual', Status: 'available', TagList: managed, SnapshotCreateTime: created },
        { DBClusterSnapshotIdentifier: 'c2', SnapshotType: 'manual', Status: 'available' }
      ]
    })
    const list = await (await provider()).listManaged('cluster:orders')
    expect(list.map((s) => s.id)).toEqual(['cluster:c1'])
    expect(rds.commandCalls(DescribeDBClusterSnapshotsCommand)[0].args[0].input).toMatchObject({ DBClusterIdentifier: 'orders', SnapshotType: 'manual' })
  })

  it('refuses to delete a snapshot without our tag and calls no delete', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [{ DBSnapshotIdentifier: 'by-hand', DBInstanceIdentifier: 'shop-db', SnapshotType: 'manual', Status: 'available', TagList: [] }]
    })
    await expect((await provider()).delete('by-hand', 'shop-db')).rejects.toThrow(
      /refusing to delete RDS snapshot by-hand: only manual snapshots tagged managed-by=deploy-actions.*without the tag/
    )
    expect(rds.commandCalls(DeleteDBSnapshotCommand)).toHaveLength(0)
  })

  it('refuses to delete an automated snapshot even with our tag', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [{ DBSnapshotIdentifier: 'auto', DBInstanceIdentifier: 'shop-db', SnapshotType: 'automated', TagList: managed }]
    })
    await expect((await provider()).delete('auto', 'shop-db')).rejects.toThrow(/this one is automated\)/)
    expect(rds.commandCalls(DeleteDBSnapshotCommand)).toHaveLength(0)
  })

  it('refuses to delete our snapshot of another source', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [{ DBSnapshotIdentifier: 's9', DBInstanceIdentifier: 'billing-db', SnapshotType: 'manual', TagList: managed }]
    })
    await expect((await provider()).delete('s9', 'shop-db')).rejects.toThrow('it belongs to billing-db, not shop-db')
    expect(rds.commandCalls(DeleteDBSnapshotCommand)).toHaveLength(0)
  })

  it('deletes a tagged manual snapshot (instance and cluster)', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [{ DBSnapshotIdentifier: 's1', DBInstanceIdentifier: 'shop-db', SnapshotType: 'manual', TagList: managed }]
    })
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'c1', DBClusterIdentifier: 'orders', SnapshotType: 'manual', TagList: managed }]
    })
    rds.on(DeleteDBSnapshotCommand).resolves({})
    rds.on(DeleteDBClusterSnapshotCommand).resolves({})
    const snapshots = await provider()
    await snapshots.delete('s1', 'shop-db')
    await snapshots.delete('cluster:c1', 'cluster:orders')
    expect(rds.commandCalls(DeleteDBSnapshotCommand)[0].args[0].input).toEqual({ DBSnapshotIdentifier: 's1' })
    expect(rds.commandCalls(DeleteDBClusterSnapshotCommand)[0].args[0].input).toEqual({ DBClusterSnapshotIdentifier: 'c1' })
  })

  it('says so when the snapshot to delete does not exist', async () => {
    rds.on(DescribeDBSnapshotsCommand).rejects(new RDSServiceException({ name: 'DBSnapshotNotFoundFault', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'not found' }))
    await expect((await provider()).delete('gone', 'shop-db')).rejects.toThrow('RDS snapshot gone does not exist (nothing deleted)')
  })
})

describe('rds-snapshot restore (RDS faked with aws-sdk-client-mock)', () => {
  it('restores a DB snapshot into a new instance next to the original and returns address:port', async () => {
    rds.on(DescribeDBSnapshotsCommand, { DBSnapshotIdentifier: 'pre-deploy-42' }).resolves({
      DBSnapshots: [{ DBSnapshotIdentifier: 'pre-deploy-42', DBInstanceIdentifier: 'shop-db', Status: 'available', SnapshotType: 'manual', TagList: managed }]
    })
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'shop-db' }).resolves({
      DBInstances: [
        {
          DBInstanceIdentifier: 'shop-db',
          DBInstanceClass: 'db.t4g.medium',
          DBSubnetGroup: { DBSubnetGroupName: 'private-a' },
          VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-123', Status: 'active' }]
        }
      ]
    })
    rds
      .on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'shop-db-rollback' })
      .resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: 'shop-db-rollback', DBInstanceStatus: 'creating' }] })
      .resolvesOnce({ DBInstances: [{ DBInstanceIdentifier: 'shop-db-rollback', DBInstanceStatus: 'backing-up' }] })
      .resolves({
        DBInstances: [
          {
            DBInstanceIdentifier: 'shop-db-rollback',
            DBInstanceStatus: 'available',
            Endpoint: { Address: 'shop-db-rollback.abc123.eu-west-1.rds.amazonaws.com', Port: 5432 }
          }
        ]
      })
    rds.on(RestoreDBInstanceFromDBSnapshotCommand).resolves({})
    const result = await (
      await provider()
    ).restore({
      snapshotId: 'pre-deploy-42',
      target: 'shop-db-rollback',
      timeoutMs: 600_000,
      onProgress: (p) => progress.push(p)
    })
    expect(result).toEqual({ target: 'shop-db-rollback', endpoint: 'shop-db-rollback.abc123.eu-west-1.rds.amazonaws.com:5432' })
    expect(rds.commandCalls(RestoreDBInstanceFromDBSnapshotCommand)[0].args[0].input).toEqual({
      DBInstanceIdentifier: 'shop-db-rollback',
      DBSnapshotIdentifier: 'pre-deploy-42',
      DBInstanceClass: 'db.t4g.medium',
      DBSubnetGroupName: 'private-a',
      VpcSecurityGroupIds: ['sg-123'],
      Tags: [
        { Key: 'managed-by', Value: 'deploy-actions' },
        { Key: 'restored-from', Value: 'pre-deploy-42' }
      ]
    })
    expect(progress.map((p) => p.status)).toEqual(['creating', 'backing-up'])
  })

  it('restores a cluster snapshot (kind taken from the source for a bare target), creates a writer when an instance class is given, and returns the cluster endpoint', async () => {
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [{ DBClusterSnapshotIdentifier: 'pre-7', DBClusterIdentifier: 'orders', Engine: 'aurora-postgresql', EngineVersion: '16.4', Status: 'available' }]
    })
    rds.on(DescribeDBClustersCommand, { DBClusterIdentifier: 'orders' }).resolves({ DBClusters: [{ DBClusterIdentifier: 'orders', DBSubnetGroup: 'aurora-subnets' }] })
    rds
      .on(DescribeDBClustersCommand, { DBClusterIdentifier: 'orders-rollback' })
      .resolvesOnce({ DBClusters: [{ DBClusterIdentifier: 'orders-rollback', Status: 'creating' }] })
      .resolves({ DBClusters: [{ DBClusterIdentifier: 'orders-rollback', Status: 'available', Endpoint: 'orders-rollback.cluster-xyz.rds.amazonaws.com', Port: 5432 }] })
    rds.on(DescribeDBInstancesCommand, { DBInstanceIdentifier: 'orders-rollback-writer' }).resolves({
      DBInstances: [{ DBInstanceIdentifier: 'orders-rollback-writer', DBInstanceStatus: 'available' }]
    })
    rds.on(RestoreDBClusterFromSnapshotCommand).resolves({})
    rds.on(CreateDBInstanceCommand).resolves({})
    const result = await (
      await provider()
    ).restore({
      snapshotId: 'pre-7',
      source: 'cluster:orders',
      target: 'orders-rollback',
      instanceClass: 'db.r6g.large',
      timeoutMs: 600_000,
      onProgress: () => {}
    })
    expect(result).toEqual({ target: 'cluster:orders-rollback', endpoint: 'orders-rollback.cluster-xyz.rds.amazonaws.com:5432' })
    expect(rds.commandCalls(RestoreDBClusterFromSnapshotCommand)[0].args[0].input).toMatchObject({
      DBClusterIdentifier: 'orders-rollback',
      SnapshotIdentifier: 'pre-7',
      Engine: 'aurora-postgresql',
      EngineVersion: '16.4',
      DBSubnetGroupName: 'aurora-subnets'
    })
    expect(rds.commandCalls(CreateDBInstanceCommand)[0].args[0].input).toMatchObject({
      DBInstanceIdentifier: 'orders-rollback-writer',
      DBClusterIdentifier: 'orders-rollback',
      DBInstanceClass: 'db.r6g.large',
      Engine: 'aurora-postgresql'
    })
  })

  it('refuses to restore a cluster snapshot into a target written instance:<id>', async () => {
    await expect((await provider()).restore({ snapshotId: 'cluster:pre-7', target: 'instance:plain-db', timeoutMs: 1, onProgress: () => {} })).rejects.toThrow(
      'cannot restore an Aurora cluster snapshot into a DB instance: write the target as "cluster:<name>"'
    )
    expect(rds.calls()).toHaveLength(0)
  })

  it('surfaces a restore that ends in a failed state', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [{ DBSnapshotIdentifier: 's1', Status: 'available' }] })
    rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [{ DBInstanceIdentifier: 't', DBInstanceStatus: 'incompatible-restore' }] })
    rds.on(RestoreDBInstanceFromDBSnapshotCommand).resolves({})
    await expect((await provider()).restore({ snapshotId: 's1', target: 't', timeoutMs: 60_000, onProgress: () => {} })).rejects.toThrow(
      'RDS instance t ended with status "incompatible-restore"'
    )
  })
})
