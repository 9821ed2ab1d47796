import { ArmClient, ArmRequestError, parseArmJson as parseJson } from '../../../clouds/azure/arm-client.js'
import { buildArmCredential } from '../../../clouds/azure/credential.js'
import { silentLogger, type Logger } from '../../../core/log.js'
import { sortNewestFirst } from '../managed.js'
import type { CreateSnapshotRequest, RestoreSnapshotRequest, SnapshotInfo, SnapshotProvider, SnapshotProviderConfig } from '../types.js'
import {
  backupResourceId,
  FLEXIBLE_SERVER_API_VERSION,
  hasManagedName,
  isManagedBackup,
  managedBackupName,
  MANAGED_BACKUP_PREFIX,
  ON_DEMAND_BACKUP_TYPE,
  parseBackupRef,
  parseServerRef,
  pointInTimeRestoreBody,
  sameServer,
  serverResourceId,
  toSnapshotInfo,
  type ArmServerBackup,
  type BackupRef,
  type ServerRef
} from './flexible-backup-mapping.js'

/**
 * On-demand backups of Azure Database for PostgreSQL Flexible Server through the ARM REST API
 * (api-version 2024-08-01: Backups_Create / _Get / _ListByServer / _Delete, Servers_Create with
 * createMode PointInTimeRestore, Servers_Get).
 *
 * Why REST (packages/clouds/azure/arm-client.ts) instead of @azure/arm-postgresql-flexible: five
 * calls, and the suite's one HTTP client gives the same per-attempt timeouts, 429/5xx retries
 * honouring Retry-After and injectable sleep as every other action, without a second pipeline
 * and its dependency tree in the bundle. The ARM client follows long-running operations and
 * sends the Bearer token only to the ARM origin.
 */

const DELETE_TIMEOUT_MS = 15 * 60_000

export async function createFlexibleBackupProvider(config: SnapshotProviderConfig): Promise<SnapshotProvider> {
  const credential = config.credential ?? (await buildArmCredential()).credential
  return new FlexibleBackupProvider(new ArmClient({ ...config, credential }), config)
}

export class FlexibleBackupProvider implements SnapshotProvider {
  readonly kind = 'azure-flexible' as const
  private readonly defaults: { subscriptionId?: string; resourceGroup?: string }
  private readonly logger: Logger

  constructor(
    private readonly armClient: ArmClient,
    config: SnapshotProviderConfig
  ) {
    this.defaults = { subscriptionId: config.subscriptionId, resourceGroup: config.resourceGroup }
    this.logger = config.logger ?? silentLogger
  }

  async create(req: CreateSnapshotRequest): Promise<SnapshotInfo> {
    const server = parseServerRef(req.source, this.defaults, 'source')
    const ref: BackupRef = { ...server, backupName: managedBackupName(req.snapshotId) }
    if (Object.keys(req.tags).length > 0) {
      this.logger.debug(`Azure Flexible Server backups carry no tags; ${Object.keys(req.tags).length} tag(s) not stored (the name ${ref.backupName} marks it)`)
    }
    this.logger.info(`Creating on-demand backup ${ref.backupName} of Flexible Server ${server.server}`)
    const response = await this.arm('PUT', this.url(backupResourceId(ref)), `create backup ${ref.backupName}`, undefined, req.signal)
    await this.waitForOperation(
      response,
      `Azure backup ${ref.backupName}`,
      req,
      `the backup may still complete in Azure; its name starts with ${MANAGED_BACKUP_PREFIX}, so retention can remove it later`
    )
    const backup = await this.getBackup(ref)
    if (!backup) throw new Error(`Azure backup ${ref.backupName} finished but cannot be found on ${server.server}`)
    return toSnapshotInfo(backup)
  }

  async listManaged(source: string): Promise<SnapshotInfo[]> {
    const server = parseServerRef(source, this.defaults, 'source')
    const backups: ArmServerBackup[] = []
    let url: string | undefined = this.url(`${serverResourceId(server)}/backups`)
    while (url) {
      const response = await this.arm('GET', url, `list backups of ${server.server}`)
      const page = parseJson<{ value?: ArmServerBackup[]; nextLink?: string }>(response, 'backup list')
      backups.push(...(page.value ?? []))
      url = page.nextLink || undefined
    }
    return sortNewestFirst(backups.filter(isManagedBackup).map(toSnapshotInfo))
  }

  async delete(id: string, source: string): Promise<void> {
    const server = parseServerRef(source, this.defaults, 'source')
    const ref = parseBackupRef(id, server)
    if (!sameServer(ref, server)) {
      throw new Error(`refusing to delete Azure backup ${ref.backupName}: it belongs to server ${ref.server}, not ${server.server}`)
    }
    if (!hasManagedName(ref.backupName)) {
      throw new Error(`refusing to delete Azure backup ${ref.backupName}: only on-demand backups named ${MANAGED_BACKUP_PREFIX}… (created by this suite) are deleted`)
    }
    const backup = await this.getBackup(ref)
    if (!backup) throw new Error(`Azure backup ${ref.backupName} does not exist on ${server.server} (nothing deleted)`)
    if (!isManagedBackup(backup)) {
      throw new Error(`refusing to delete Azure backup ${ref.backupName}: it is of type "${backup.properties?.backupType ?? 'unknown'}", not "${ON_DEMAND_BACKUP_TYPE}"`)
    }
    const response = await this.arm('DELETE', this.url(backupResourceId(ref)), `delete backup ${ref.backupName}`)
    await this.waitForOperation(response, `deletion of Azure backup ${ref.backupName}`, {
      timeoutMs: DELETE_TIMEOUT_MS,
      onProgress: (p) => this.logger.info(`Deleting ${ref.backupName}: ${p.status}`)
    })
    this.logger.info(`Deleted Azure backup ${ref.backupName}`)
  }

  async restore(req: RestoreSnapshotRequest): Promise<{ target: string; endpoint?: string }> {
    const sourceServer = req.source ? parseServerRef(req.source, this.defaults, 'source') : undefined
    const ref = parseBackupRef(req.snapshotId, sourceServer)
    const source: ServerRef = { subscriptionId: ref.subscriptionId, resourceGroup: ref.resourceGroup, server: ref.server }
    const target = parseServerRef(req.target, { subscriptionId: source.subscriptionId, resourceGroup: source.resourceGroup }, 'target')
    if (sameServer(source, target)) throw new Error(`restore target ${target.server} is the backup's own server: name a new server`)
    const backup = await this.getBackup(ref)
    if (!backup) throw new Error(`Azure backup ${ref.backupName} does not exist on ${source.server}`)
    const pointInTime = backup.properties?.completedTime
    if (!pointInTime) throw new Error(`Azure backup ${ref.backupName} has no completedTime to restore to`)
    const sourceInfo = parseJson<{ location?: string }>(await this.arm('GET', this.url(serverResourceId(source)), `read server ${source.server}`), 'server')
    if (!sourceInfo.location) throw new Error(`Flexible Server ${source.server} reports no location`)
    this.logger.info(`Restoring ${source.server} at ${pointInTime} (backup ${ref.backupName}) into new server ${target.server}`)
    const response = await this.arm('PUT', this.url(serverResourceId(target)), `create server ${target.server}`, pointInTimeRestoreBody(sourceInfo.location, source, pointInTime))
    await this.waitForOperation(response, `restore into Flexible Server ${target.server}`, req)
    const restored = parseJson<{ properties?: { fullyQualifiedDomainName?: string } }>(await this.arm('GET', this.url(serverResourceId(target)), `read server ${target.server}`), 'server')
    const fqdn = restored.properties?.fullyQualifiedDomainName
    return { target: target.server, ...(fqdn ? { endpoint: fqdn } : {}) }
  }

  private async getBackup(ref: BackupRef): Promise<ArmServerBackup | undefined> {
    try {
      return parseJson<ArmServerBackup>(await this.arm('GET', this.url(backupResourceId(ref)), `read backup ${ref.backupName}`), 'backup')
    } catch (error) {
      if (error instanceof ArmRequestError && error.status === 404) return undefined
      throw error
    }
  }

  private url(resourcePath: string): string {
    return this.armClient.url(resourcePath, FLEXIBLE_SERVER_API_VERSION)
  }

  private arm(method: string, url: string, what: string, body?: unknown, signal?: AbortSignal) {
    return this.armClient.request(method, url, what, body, signal)
  }

  private waitForOperation(...args: Parameters<ArmClient['waitForOperation']>): Promise<void> {
    return this.armClient.waitForOperation(...args)
  }
}
