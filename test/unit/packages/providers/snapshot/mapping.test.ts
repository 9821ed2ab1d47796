import { describe, expect, it } from '@jest/globals'
import {
  buildRdsTags,
  databasePhase,
  endpointAddress,
  isManagedSnapshot,
  parseRdsResource,
  parseRdsSnapshotId,
  snapshotPhase,
  toSnapshotInfo as rdsToSnapshotInfo
} from '../../../../../packages/providers/snapshot/rds-snapshot/rds-snapshot-mapping.js'
import {
  isManagedBackup,
  managedBackupName,
  parseBackupRef,
  parseServerRef,
  pointInTimeRestoreBody,
  toSnapshotInfo as azureToSnapshotInfo
} from '../../../../../packages/providers/snapshot/azure-flexible/flexible-backup-mapping.js'

describe('RDS mapping', () => {
  it.each([
    ['shop-db', { kind: 'instance', id: 'shop-db' }],
    ['instance:shop-db', { kind: 'instance', id: 'shop-db', explicit: true }],
    ['cluster:orders', { kind: 'cluster', id: 'orders', explicit: true }],
    ['CLUSTER:Orders1', { kind: 'cluster', id: 'Orders1', explicit: true }],
    ['  shop-db  ', { kind: 'instance', id: 'shop-db' }]
  ])('parseRdsResource(%j)', (value, expected) => {
    expect(parseRdsResource(value)).toEqual(expected)
  })

  it.each([['shop--db'], ['shop-db-'], ['9db'], ['cluster:'], ['db_1'], ['a'.repeat(64)]])('parseRdsResource rejects %j', (value) => {
    expect(() => parseRdsResource(value, 'source')).toThrow(/^source ".*" is not a valid RDS identifier/)
  })

  it.each([
    ['pre-deploy-42', { id: 'pre-deploy-42', kind: undefined }],
    ['cluster:pre-7', { id: 'pre-7', kind: 'cluster' }]
  ])('parseRdsSnapshotId(%j)', (value, expected) => {
    expect(parseRdsSnapshotId(value)).toEqual(expected)
  })

  it('puts the managed-by tag first and never lets the caller replace it', () => {
    expect(buildRdsTags({ 'managed-by': 'me', deployment: '42', env: 'prod' })).toEqual([
      { Key: 'managed-by', Value: 'deploy-actions' },
      { Key: 'deployment', Value: '42' },
      { Key: 'env', Value: 'prod' }
    ])
  })

  it.each([
    [{ SnapshotType: 'manual', TagList: [{ Key: 'managed-by', Value: 'deploy-actions' }] }, true],
    [{ SnapshotType: 'manual', TagList: [{ Key: 'managed-by', Value: 'terraform' }] }, false],
    [{ SnapshotType: 'manual' }, false],
    [{ SnapshotType: 'automated', TagList: [{ Key: 'managed-by', Value: 'deploy-actions' }] }, false],
    [{ SnapshotType: 'awsbackup', TagList: [{ Key: 'managed-by', Value: 'deploy-actions' }] }, false]
  ])('isManagedSnapshot(%j) → %s', (snapshot, expected) => {
    expect(isManagedSnapshot(snapshot)).toBe(expected)
  })

  it.each([
    ['creating', 'pending'],
    ['available', 'available'],
    ['Available', 'available'],
    ['failed', 'failed'],
    ['incompatible-restore', 'failed'],
    ['copying', 'pending'],
    [undefined, 'pending']
  ])('snapshotPhase(%j) → %s', (status, expected) => {
    expect(snapshotPhase(status)).toBe(expected)
  })

  it.each([
    ['creating', 'pending'],
    ['backing-up', 'pending'],
    ['available', 'available'],
    ['incompatible-parameters', 'failed'],
    ['inaccessible-encryption-credentials', 'failed']
  ])('databasePhase(%j) → %s', (status, expected) => {
    expect(databasePhase(status)).toBe(expected)
  })

  it('maps DBSnapshot and DBClusterSnapshot to SnapshotInfo', () => {
    expect(
      rdsToSnapshotInfo({
        DBSnapshotIdentifier: 's1',
        SnapshotCreateTime: new Date('2026-11-20T10:00:00Z'),
        Status: 'available',
        FullSnapshotSizeInBytes: 1024,
        TagList: [{ Key: 'a', Value: 'b' }]
      })
    ).toEqual({ id: 's1', createdAt: '2026-11-20T10:00:00.000Z', status: 'available', sizeBytes: 1024, tags: { a: 'b' } })
    expect(rdsToSnapshotInfo({ DBClusterSnapshotIdentifier: 'c1', Status: 'creating' })).toEqual({
      id: 'cluster:c1',
      createdAt: '',
      status: 'creating',
      tags: {}
    })
  })

  it.each([
    [{ Address: 'db.example.com', Port: 5432 }, 'db.example.com:5432'],
    [{ Address: 'db.example.com' }, 'db.example.com'],
    [undefined, undefined]
  ])('endpointAddress(%j)', (endpoint, expected) => {
    expect(endpointAddress(endpoint)).toBe(expected)
  })
})

describe('Azure Flexible Server mapping', () => {
  const sub = '00000000-0000-0000-0000-0000000000aa'
  const serverId = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/shop-pg`

  it.each([
    ['shop-pg', { subscriptionId: sub, resourceGroup: 'rg', server: 'shop-pg' }],
    [serverId, { subscriptionId: sub, resourceGroup: 'rg', server: 'shop-pg' }],
    [`${serverId}/`, { subscriptionId: sub, resourceGroup: 'rg', server: 'shop-pg' }]
  ])('parseServerRef(%j)', (value, expected) => {
    expect(parseServerRef(value, { subscriptionId: sub, resourceGroup: 'rg' })).toEqual(expected)
  })

  it.each([
    ['Shop-PG', { subscriptionId: sub, resourceGroup: 'rg' }, /not a valid Flexible Server name/],
    ['-shop', { subscriptionId: sub, resourceGroup: 'rg' }, /not a valid Flexible Server name/],
    ['shop-pg', {}, /subscription id and resource group must be configured/],
    ['/subscriptions/x/resourceGroups/rg/providers/Microsoft.DBforMySQL/flexibleServers/a', {}, /neither a Flexible Server name nor a resource id/]
  ])('parseServerRef rejects %j', (value, defaults, message) => {
    expect(() => parseServerRef(value, defaults)).toThrow(message)
  })

  it('parses backup resource ids and bare names with their server', () => {
    expect(parseBackupRef(`${serverId}/backups/da-1`, undefined)).toEqual({ subscriptionId: sub, resourceGroup: 'rg', server: 'shop-pg', backupName: 'da-1' })
    expect(parseBackupRef('da-1', { subscriptionId: sub, resourceGroup: 'rg', server: 'x-pg' })).toEqual({ subscriptionId: sub, resourceGroup: 'rg', server: 'x-pg', backupName: 'da-1' })
    expect(() => parseBackupRef('da-1', undefined)).toThrow('is a bare name')
    expect(() => parseBackupRef('da 1', undefined)).toThrow('neither a backup resource id nor a backup name')
  })

  it.each([
    ['20261122T0100Z-42', 'da-20261122T0100Z-42'],
    ['deploy:42/prod', 'da-deploy-42-prod'],
    ['da-already', 'da-already'],
    ['v1.2_3', 'da-v1.2_3']
  ])('managedBackupName(%j) → %j', (id, expected) => {
    expect(managedBackupName(id)).toBe(expected)
  })

  it('refuses a snapshot id with nothing to name a backup with', () => {
    expect(() => managedBackupName('::')).toThrow('has no letters or digits')
  })

  it.each([
    [{ name: 'da-1', properties: { backupType: 'Customer On-Demand' } }, true],
    [{ name: 'da-1', properties: { backupType: 'Full' } }, false],
    [{ name: 'ondemand-1', properties: { backupType: 'Customer On-Demand' } }, false],
    [{ name: 'da-1' }, false]
  ])('isManagedBackup(%j) → %s', (backup, expected) => {
    expect(isManagedBackup(backup)).toBe(expected)
  })

  it('maps a ServerBackup (REST reference example shape) to SnapshotInfo', () => {
    expect(
      azureToSnapshotInfo({
        id: `${serverId}/backups/da-1`,
        name: 'da-1',
        type: 'Microsoft.DBforPostgreSQL/flexibleServers/backups',
        properties: { backupType: 'Customer On-Demand', source: 'Customer Initiated', completedTime: '2025-03-15T18:30:22.123456+00:00' }
      })
    ).toEqual({ id: `${serverId}/backups/da-1`, createdAt: '2025-03-15T18:30:22.123Z', status: 'available', tags: { 'managed-by': 'deploy-actions' } })
  })

  it('builds the restore body', () => {
    expect(pointInTimeRestoreBody('westeurope', { subscriptionId: sub, resourceGroup: 'rg', server: 'shop-pg' }, '2026-01-01T00:00:00Z')).toEqual({
      location: 'westeurope',
      properties: { createMode: 'PointInTimeRestore', sourceServerResourceId: serverId, pointInTimeUTC: '2026-01-01T00:00:00Z' }
    })
  })
})
