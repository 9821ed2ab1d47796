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
  RestoreDBClusterFromSnapshotCommand,
  RestoreDBInstanceFromDBSnapshotCommand,
  type DBClusterSnapshot,
  type DBSnapshot
} from '@aws-sdk/client-rds'
import { awsClientConfig } from '../../../clouds/aws/client-config.js'
import { awsCredentials } from '../../../clouds/aws/credentials.js'
import { describeAwsError, isThrottlingError, isTransientAwsError } from '../../../clouds/aws/errors.js'
import { silentLogger } from '../../../core/log.js'
import { pollClock, waitUntil, type PollClock } from '../../../core/poll.js'
import { retry } from '../../../core/retry.js'
import { MANAGED_TAG_KEY, MANAGED_TAG_VALUE, sortNewestFirst } from '../managed.js'
import type { CreateSnapshotRequest, RestoreSnapshotRequest, SnapshotInfo, SnapshotProvider, SnapshotProviderConfig } from '../types.js'
import {
  buildRdsTags,
  clusterEndpointAddress,
  databasePhase,
  endpointAddress,
  isManagedSnapshot,
  parseRdsResource,
  parseRdsSnapshotId,
  snapshotPhase,
  toSnapshotInfo,
  type RdsResourceKind
} from './rds-snapshot-mapping.js'

/**
 * AWS RDS / Aurora manual snapshots through @aws-sdk/client-rds (the official SDK).
 *
 * - Sources and restore targets: `mydb` / `instance:mydb` (DB instance) or `cluster:name`
 *   (Aurora DB cluster); see rds-snapshot-mapping.ts parseRdsResource.
 * - Retries: the SDK's are off (packages/clouds/aws/client-config.ts); around every call our
 *   retry() rides out throttling, 5xx and network failures with backoff and jitter; every wait
 *   has its own deadline (request.timeoutMs) and reports progress on each poll.
 * - Credentials and region: packages/clouds/aws (GitHub OIDC web identity, else the SDK's default
 *   chain: env keys, token file from aws-actions/configure-aws-credentials, profiles); endpoint
 *   from config.endpoint or the SDK-native AWS_ENDPOINT_URL_RDS.
 */

/** Attempts per RDS call (ours only: the SDK's retries are off). */
const CALL_ATTEMPTS = 6

export async function createRdsSnapshotProvider(config: SnapshotProviderConfig): Promise<SnapshotProvider> {
  const { credentials } = await awsCredentials({})
  const client = new RDSClient(awsClientConfig({ region: config.region, endpoint: config.endpoint, credentials }))
  return new RdsSnapshotProvider(client, config)
}

export class RdsSnapshotProvider implements SnapshotProvider {
  readonly kind = 'rds-snapshot' as const
  private readonly logger
  private readonly clock: PollClock

  constructor(
    private readonly client: RDSClient,
    config: SnapshotProviderConfig
  ) {
    this.logger = config.logger ?? silentLogger
    this.clock = pollClock(config)
  }

  async create(req: CreateSnapshotRequest): Promise<SnapshotInfo> {
    const source = parseRdsResource(req.source, 'source')
    const snapshotId = parseRdsSnapshotId(req.snapshotId).id
    const Tags = buildRdsTags(req.tags)
    if (source.kind === 'cluster') {
      await this.call('CreateDBClusterSnapshot', () =>
        this.client.send(new CreateDBClusterSnapshotCommand({ DBClusterIdentifier: source.id, DBClusterSnapshotIdentifier: snapshotId, Tags }))
      )
    } else {
      await this.call('CreateDBSnapshot', () => this.client.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: source.id, DBSnapshotIdentifier: snapshotId, Tags })))
    }
    this.logger.info(`Creating RDS ${source.kind === 'cluster' ? 'cluster ' : ''}snapshot ${snapshotId} of ${source.id}`)
    const snapshot = await waitUntil({
      what: `RDS snapshot ${snapshotId}`,
      timeoutMs: req.timeoutMs,
      ...this.clock,
      signal: req.signal,
      onProgress: req.onProgress,
      timeoutHint: `the snapshot keeps being created in AWS and carries the ${MANAGED_TAG_KEY}=${MANAGED_TAG_VALUE} tag, so retention can remove it later`,
      check: async () => {
        const found = await this.describeSnapshot(source.kind, snapshotId)
        if (!found) return { done: false, status: 'not visible yet' }
        const phase = snapshotPhase(found.Status)
        if (phase === 'available') return { done: true, value: found }
        if (phase === 'failed') throw new Error(`RDS snapshot ${snapshotId} of ${source.id} ended with status "${found.Status}"`)
        return { done: false, status: found.Status ?? 'unknown', ...(found.PercentProgress !== undefined ? { percent: found.PercentProgress } : {}) }
      }
    })
    return toSnapshotInfo(snapshot)
  }

  async listManaged(source: string): Promise<SnapshotInfo[]> {
    const ref = parseRdsResource(source, 'source')
    const found: Array<DBSnapshot | DBClusterSnapshot> = []
    let Marker: string | undefined
    do {
      if (ref.kind === 'cluster') {
        const page = await this.call('DescribeDBClusterSnapshots', () =>
          this.client.send(new DescribeDBClusterSnapshotsCommand({ DBClusterIdentifier: ref.id, SnapshotType: 'manual', Marker }))
        )
        found.push(...(page.DBClusterSnapshots ?? []))
        Marker = page.Marker
      } else {
        const page = await this.call('DescribeDBSnapshots', () => this.client.send(new DescribeDBSnapshotsCommand({ DBInstanceIdentifier: ref.id, SnapshotType: 'manual', Marker })))
        found.push(...(page.DBSnapshots ?? []))
        Marker = page.Marker
      }
    } while (Marker)
    return sortNewestFirst(found.filter(isManagedSnapshot).map(toSnapshotInfo))
  }

  async delete(id: string, source: string): Promise<void> {
    const ref = parseRdsResource(source, 'source')
    const snapshot = parseRdsSnapshotId(id)
    const kind = snapshot.kind ?? ref.kind
    const found = await this.describeSnapshot(kind, snapshot.id)
    if (!found) throw new Error(`RDS snapshot ${snapshot.id} does not exist (nothing deleted)`)
    const owner = kind === 'cluster' ? found.DBClusterIdentifier : found.DBInstanceIdentifier
    if (!isManagedSnapshot(found)) {
      throw new Error(
        `refusing to delete RDS snapshot ${snapshot.id}: only manual snapshots tagged ${MANAGED_TAG_KEY}=${MANAGED_TAG_VALUE} are deleted by this suite (this one is ${found.SnapshotType ?? 'of unknown type'}${isManagedSnapshot({ ...found, SnapshotType: 'manual' }) ? '' : ', without the tag'})`
      )
    }
    if (owner !== ref.id) {
      throw new Error(`refusing to delete RDS snapshot ${snapshot.id}: it belongs to ${owner ?? 'an unknown source'}, not ${ref.id}`)
    }
    if (kind === 'cluster') {
      await this.call('DeleteDBClusterSnapshot', () => this.client.send(new DeleteDBClusterSnapshotCommand({ DBClusterSnapshotIdentifier: snapshot.id })))
    } else {
      await this.call('DeleteDBSnapshot', () => this.client.send(new DeleteDBSnapshotCommand({ DBSnapshotIdentifier: snapshot.id })))
    }
    this.logger.info(`Deleted RDS snapshot ${snapshot.id}`)
  }

  async restore(req: RestoreSnapshotRequest): Promise<{ target: string; endpoint?: string }> {
    const snapshot = parseRdsSnapshotId(req.snapshotId)
    const target = parseRdsResource(req.target, 'target')
    const sourceKind = req.source ? parseRdsResource(req.source, 'source').kind : undefined
    // The snapshot's kind comes from its id prefix, else the source's, else an explicit target
    // prefix; a bare target name takes the snapshot's kind.
    const kind: RdsResourceKind = snapshot.kind ?? sourceKind ?? target.kind
    if (kind !== target.kind && target.explicit) {
      throw new Error(
        `cannot restore ${kind === 'cluster' ? 'an Aurora cluster' : 'a DB instance'} snapshot into ${target.kind === 'cluster' ? 'a cluster' : 'a DB instance'}: write the target as ${kind === 'cluster' ? '"cluster:<name>"' : '"<name>"'}`
      )
    }
    const found = await this.describeSnapshot(kind, snapshot.id)
    if (!found) throw new Error(`RDS snapshot ${snapshot.id} does not exist`)
    if (snapshotPhase(found.Status) !== 'available') throw new Error(`RDS snapshot ${snapshot.id} is "${found.Status}", not available`)
    const Tags = buildRdsTags({ 'restored-from': snapshot.id })
    return kind === 'cluster' ? this.restoreCluster(req, snapshot.id, target.id, found, Tags) : this.restoreInstance(req, snapshot.id, target.id, found, Tags)
  }

  private async restoreInstance(
    req: RestoreSnapshotRequest,
    snapshotId: string,
    targetId: string,
    snapshot: DBSnapshot,
    Tags: Array<{ Key: string; Value: string }>
  ): Promise<{ target: string; endpoint?: string }> {
    // Restore next to the original (its subnet group, security groups and class) when it still exists.
    const original = snapshot.DBInstanceIdentifier ? await this.describeInstance(snapshot.DBInstanceIdentifier) : undefined
    const instanceClass = req.instanceClass || original?.DBInstanceClass
    const securityGroups = (original?.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId).filter((id): id is string => !!id)
    await this.call('RestoreDBInstanceFromDBSnapshot', () =>
      this.client.send(
        new RestoreDBInstanceFromDBSnapshotCommand({
          DBInstanceIdentifier: targetId,
          DBSnapshotIdentifier: snapshotId,
          ...(instanceClass ? { DBInstanceClass: instanceClass } : {}),
          ...(original?.DBSubnetGroup?.DBSubnetGroupName ? { DBSubnetGroupName: original.DBSubnetGroup.DBSubnetGroupName } : {}),
          ...(securityGroups.length > 0 ? { VpcSecurityGroupIds: securityGroups } : {}),
          Tags
        })
      )
    )
    this.logger.info(`Restoring RDS snapshot ${snapshotId} into DB instance ${targetId}`)
    const endpoint = await this.waitForInstance(targetId, req)
    return { target: targetId, endpoint }
  }

  private async restoreCluster(
    req: RestoreSnapshotRequest,
    snapshotId: string,
    targetId: string,
    snapshot: DBClusterSnapshot,
    Tags: Array<{ Key: string; Value: string }>
  ): Promise<{ target: string; endpoint?: string }> {
    const original = snapshot.DBClusterIdentifier ? await this.describeCluster(snapshot.DBClusterIdentifier) : undefined
    const securityGroups = (original?.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId).filter((id): id is string => !!id)
    await this.call('RestoreDBClusterFromSnapshot', () =>
      this.client.send(
        new RestoreDBClusterFromSnapshotCommand({
          DBClusterIdentifier: targetId,
          SnapshotIdentifier: snapshotId,
          Engine: snapshot.Engine,
          ...(snapshot.EngineVersion ? { EngineVersion: snapshot.EngineVersion } : {}),
          ...(original?.DBSubnetGroup ? { DBSubnetGroupName: original.DBSubnetGroup } : {}),
          ...(securityGroups.length > 0 ? { VpcSecurityGroupIds: securityGroups } : {}),
          Tags
        })
      )
    )
    this.logger.info(`Restoring RDS cluster snapshot ${snapshotId} into cluster ${targetId}`)
    const started = this.clock.now()
    const cluster = await waitUntil({
      what: `RDS cluster ${targetId}`,
      timeoutMs: req.timeoutMs,
      ...this.clock,
      signal: req.signal,
      onProgress: req.onProgress,
      check: async () => {
        const found = await this.describeCluster(targetId)
        const phase = databasePhase(found?.Status)
        if (found && phase === 'available') return { done: true, value: found }
        if (phase === 'failed') throw new Error(`restored RDS cluster ${targetId} ended with status "${found?.Status}"`)
        return { done: false, status: found?.Status ?? 'not visible yet' }
      }
    })
    if (req.instanceClass) {
      const writer = `${targetId}-writer`
      await this.call('CreateDBInstance', () =>
        this.client.send(new CreateDBInstanceCommand({ DBInstanceIdentifier: writer, DBClusterIdentifier: targetId, Engine: snapshot.Engine, DBInstanceClass: req.instanceClass, Tags }))
      )
      this.logger.info(`Creating writer instance ${writer} in cluster ${targetId}`)
      await this.waitForInstance(writer, { ...req, timeoutMs: Math.max(1, req.timeoutMs - (this.clock.now() - started)) })
    }
    return { target: `cluster:${targetId}`, endpoint: clusterEndpointAddress(cluster) }
  }

  private async waitForInstance(instanceId: string, req: RestoreSnapshotRequest): Promise<string | undefined> {
    const instance = await waitUntil({
      what: `RDS instance ${instanceId}`,
      timeoutMs: req.timeoutMs,
      ...this.clock,
      signal: req.signal,
      onProgress: req.onProgress,
      check: async () => {
        const found = await this.describeInstance(instanceId)
        const phase = databasePhase(found?.DBInstanceStatus)
        if (found && phase === 'available') return { done: true, value: found }
        if (phase === 'failed') throw new Error(`RDS instance ${instanceId} ended with status "${found?.DBInstanceStatus}"`)
        return { done: false, status: found?.DBInstanceStatus ?? 'not visible yet' }
      }
    })
    return endpointAddress(instance.Endpoint)
  }

  private async describeSnapshot(kind: RdsResourceKind, id: string): Promise<(DBSnapshot & DBClusterSnapshot) | undefined> {
    try {
      if (kind === 'cluster') {
        const out = await this.call('DescribeDBClusterSnapshots', () => this.client.send(new DescribeDBClusterSnapshotsCommand({ DBClusterSnapshotIdentifier: id })))
        return out.DBClusterSnapshots?.[0]
      }
      const out = await this.call('DescribeDBSnapshots', () => this.client.send(new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: id })))
      return out.DBSnapshots?.[0]
    } catch (error) {
      if (isNotFound(error, ['DBSnapshotNotFoundFault', 'DBClusterSnapshotNotFoundFault'])) return undefined
      throw error
    }
  }

  private async describeInstance(id: string) {
    try {
      const out = await this.call('DescribeDBInstances', () => this.client.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: id })))
      return out.DBInstances?.[0]
    } catch (error) {
      if (isNotFound(error, ['DBInstanceNotFoundFault'])) return undefined
      throw error
    }
  }

  private async describeCluster(id: string) {
    try {
      const out = await this.call('DescribeDBClusters', () => this.client.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id })))
      return out.DBClusters?.[0]
    } catch (error) {
      if (isNotFound(error, ['DBClusterNotFoundFault'])) return undefined
      throw error
    }
  }

  /** One RDS call: throttling, 5xx and network failures are retried with backoff and jitter. */
  private async call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await retry(() => send(), {
        attempts: CALL_ATTEMPTS,
        baseDelayMs: 2_000,
        maxDelayMs: 20_000,
        isRetryable: isTransientAwsError,
        sleep: this.clock.sleep,
        onRetry: ({ attempt, delayMs, error }) =>
          this.logger.info(`${operation} ${isThrottlingError(error) ? 'throttled' : 'failed'} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`)
      })
    } catch (error) {
      throw new RdsCallError(describeAwsError(operation, error), error)
    }
  }
}

export class RdsCallError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause })
    this.name = 'RdsCallError'
  }
}

function isNotFound(error: unknown, names: string[]): boolean {
  const inner = error instanceof RdsCallError ? error.cause : error
  const name = (inner as { name?: string } | undefined)?.name ?? ''
  return names.includes(name) || names.map((n) => n.replace(/Fault$/, '')).includes(name)
}
