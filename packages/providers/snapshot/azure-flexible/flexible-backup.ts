import { HttpStatusError, httpRequestWithRetry, isRetryableStatus, type HttpResponse } from '../../../core/http.js'
import { silentLogger, type Logger } from '../../../core/log.js'
import { parseRetryAfter } from '../../../core/retry-after.js'
import type {
  ArmTokenCredential,
  CreateSnapshotRequest,
  RestoreSnapshotRequest,
  SnapshotInfo,
  SnapshotProgress,
  SnapshotProvider,
  SnapshotProviderConfig
} from '../types.js'
import { sortNewestFirst } from '../types.js'
import { pollClock, waitUntil, type PollClock, type PollResult } from '../../../core/wait-until.js'
import { buildArmCredential } from '../../../clouds/azure/credential.js'
import {
  ARM_DEFAULT_ENDPOINT,
  armScope,
  armUrl,
  backupResourceId,
  formatArmError,
  hasManagedName,
  isManagedBackup,
  isSameOrigin,
  managedBackupName,
  MANAGED_BACKUP_PREFIX,
  ON_DEMAND_BACKUP_TYPE,
  operationPhase,
  parseArmErrorBody,
  parseBackupRef,
  parseServerRef,
  pointInTimeRestoreBody,
  sameServer,
  serverResourceId,
  toSnapshotInfo,
  type ArmOperationStatus,
  type ArmServerBackup,
  type BackupRef,
  type ServerRef
} from './flexible-backup-mapping.js'

/**
 * On-demand backups of Azure Database for PostgreSQL Flexible Server through the ARM REST API
 * (api-version 2024-08-01: Backups_Create / _Get / _ListByServer / _Delete, Servers_Create with
 * createMode PointInTimeRestore, Servers_Get).
 *
 * Why REST over packages/core/http.ts instead of @azure/arm-postgresql-flexible: five calls, and
 * the suite's one HTTP client gives the same per-attempt timeouts, 429/5xx retries honouring
 * Retry-After and injectable sleep as every other action, without a second pipeline and its
 * dependency tree in the bundle. Long-running operations follow the ARM async contract: poll the
 * Azure-AsyncOperation URL (else Location) honouring Retry-After, until Succeeded / Failed /
 * Canceled, under the caller's deadline. The Bearer token is only ever sent to the ARM origin.
 */

const DELETE_TIMEOUT_MS = 15 * 60_000

export async function createFlexibleBackupProvider(config: SnapshotProviderConfig): Promise<SnapshotProvider> {
  const credential = config.credential ?? (await buildArmCredential()).credential
  return new FlexibleBackupProvider(credential, config)
}

export class ArmRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string
  ) {
    super(message)
    this.name = 'ArmRequestError'
  }
}

interface WaitRequest {
  timeoutMs: number
  onProgress: (p: SnapshotProgress) => void
  signal?: AbortSignal
}

export class FlexibleBackupProvider implements SnapshotProvider {
  readonly kind = 'azure-flexible' as const
  private readonly endpoint: string
  private readonly defaults: { subscriptionId?: string; resourceGroup?: string }
  private readonly logger: Logger
  private readonly clock: PollClock

  constructor(
    private readonly credential: ArmTokenCredential,
    config: SnapshotProviderConfig
  ) {
    this.endpoint = (config.endpoint || ARM_DEFAULT_ENDPOINT).replace(/\/+$/, '')
    this.defaults = { subscriptionId: config.subscriptionId, resourceGroup: config.resourceGroup }
    this.logger = config.logger ?? silentLogger
    this.clock = pollClock(config)
  }

  async create(req: CreateSnapshotRequest): Promise<SnapshotInfo> {
    const server = parseServerRef(req.source, this.defaults, 'source')
    const ref: BackupRef = { ...server, backupName: managedBackupName(req.snapshotId) }
    if (Object.keys(req.tags).length > 0) {
      this.logger.debug(`Azure Flexible Server backups carry no tags; ${Object.keys(req.tags).length} tag(s) not stored (the name ${ref.backupName} marks it)`)
    }
    this.logger.info(`Creating on-demand backup ${ref.backupName} of Flexible Server ${server.server}`)
    const response = await this.arm('PUT', armUrl(this.endpoint, backupResourceId(ref)), `create backup ${ref.backupName}`, undefined, req.signal)
    await this.waitForOperation(response, `Azure backup ${ref.backupName}`, req, `the backup may still complete in Azure; its name starts with ${MANAGED_BACKUP_PREFIX}, so retention can remove it later`)
    const backup = await this.getBackup(ref)
    if (!backup) throw new Error(`Azure backup ${ref.backupName} finished but cannot be found on ${server.server}`)
    return toSnapshotInfo(backup)
  }

  async listManaged(source: string): Promise<SnapshotInfo[]> {
    const server = parseServerRef(source, this.defaults, 'source')
    const backups: ArmServerBackup[] = []
    let url: string | undefined = armUrl(this.endpoint, `${serverResourceId(server)}/backups`)
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
    const response = await this.arm('DELETE', armUrl(this.endpoint, backupResourceId(ref)), `delete backup ${ref.backupName}`)
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
    const sourceInfo = parseJson<{ location?: string }>(
      await this.arm('GET', armUrl(this.endpoint, serverResourceId(source)), `read server ${source.server}`),
      'server'
    )
    if (!sourceInfo.location) throw new Error(`Flexible Server ${source.server} reports no location`)
    this.logger.info(`Restoring ${source.server} at ${pointInTime} (backup ${ref.backupName}) into new server ${target.server}`)
    const response = await this.arm(
      'PUT',
      armUrl(this.endpoint, serverResourceId(target)),
      `create server ${target.server}`,
      pointInTimeRestoreBody(sourceInfo.location, source, pointInTime)
    )
    await this.waitForOperation(response, `restore into Flexible Server ${target.server}`, req)
    const restored = parseJson<{ properties?: { fullyQualifiedDomainName?: string } }>(
      await this.arm('GET', armUrl(this.endpoint, serverResourceId(target)), `read server ${target.server}`),
      'server'
    )
    const fqdn = restored.properties?.fullyQualifiedDomainName
    return { target: target.server, ...(fqdn ? { endpoint: fqdn } : {}) }
  }

  private async getBackup(ref: BackupRef): Promise<ArmServerBackup | undefined> {
    try {
      return parseJson<ArmServerBackup>(await this.arm('GET', armUrl(this.endpoint, backupResourceId(ref)), `read backup ${ref.backupName}`), 'backup')
    } catch (error) {
      if (error instanceof ArmRequestError && error.status === 404) return undefined
      throw error
    }
  }

  /**
   * Waits for an ARM long-running operation started by `initial`: done at once on 200/201/204
   * without a polling header; otherwise polls Azure-AsyncOperation (preferred) or Location.
   */
  private async waitForOperation(initial: HttpResponse, what: string, req: WaitRequest, timeoutHint?: string): Promise<void> {
    const asyncUrl = initial.headers['azure-asyncoperation']
    const locationUrl = initial.headers['location']
    if (!asyncUrl && !(initial.status === 202 && locationUrl)) return
    const pollUrl = (asyncUrl || locationUrl) as string
    if (!isSameOrigin(pollUrl, this.endpoint)) throw new Error(`${what}: refusing to poll ${new URL(pollUrl).origin}, which is not the ARM endpoint`)
    let first = true
    await waitUntil({
      what,
      timeoutMs: req.timeoutMs,
      ...this.clock,
      signal: req.signal,
      onProgress: req.onProgress,
      ...(timeoutHint ? { timeoutHint } : {}),
      check: async (): Promise<PollResult<void>> => {
        if (first) {
          // ARM asks clients to wait Retry-After (if any) before the first poll.
          first = false
          const wait = parseRetryAfter(initial.headers['retry-after'])
          return { done: false, status: 'Accepted', ...(wait !== undefined ? { retryAfterMs: wait } : {}) }
        }
        const response = await this.arm('GET', pollUrl, `poll ${what}`, undefined, req.signal)
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'])
        const hint = retryAfterMs !== undefined ? { retryAfterMs } : {}
        if (asyncUrl) {
          const phase = operationPhase(parseJson<ArmOperationStatus>(response, 'operation status'))
          if (phase.phase === 'succeeded') return { done: true, value: undefined }
          if (phase.phase === 'failed') throw new Error(`${what} ${phase.status.toLowerCase()}: ${phase.message}`)
          return { done: false, status: phase.status, ...(phase.percent !== undefined ? { percent: phase.percent } : {}), ...hint }
        }
        if (response.status === 202) return { done: false, status: 'InProgress', ...hint }
        return { done: true, value: undefined }
      }
    })
  }

  /** One ARM call: Bearer token, JSON, 429/5xx retried honouring Retry-After, ARM errors decoded. */
  private async arm(method: string, url: string, what: string, body?: unknown, signal?: AbortSignal): Promise<HttpResponse> {
    const token = await this.credential.getToken(armScope(this.endpoint))
    if (!token) throw new Error('Azure sign-in returned no token')
    const headers: Record<string, string> = { authorization: `Bearer ${token.token}`, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    try {
      return await httpRequestWithRetry(
        { url, method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), timeoutMs: 60_000, ...(signal ? { signal } : {}) },
        `Azure Resource Manager (${what})`,
        {
          attempts: 5,
          baseDelayMs: 1_000,
          sleep: this.clock.sleep,
          ...(signal ? { signal } : {}),
          onRetry: ({ attempt, delayMs, error }) => {
            const status = error instanceof HttpStatusError ? `HTTP ${error.status}` : 'network error'
            this.logger.info(`Azure ${what}: ${status} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`)
          }
        }
      )
    } catch (error) {
      if (error instanceof HttpStatusError) {
        const detail = parseArmErrorBody(error.response.body)
        const retried = isRetryableStatus(error.status) ? ' after retries' : ''
        throw new ArmRequestError(
          `Azure ${what} failed${retried}: HTTP ${error.status}${detail ? ` ${formatArmError(detail)}` : ''}`,
          error.status,
          detail?.code
        )
      }
      throw error
    }
  }
}

function parseJson<T>(response: HttpResponse, what: string): T {
  if (response.body.trim() === '') return {} as T
  try {
    return JSON.parse(response.body) as T
  } catch {
    throw new Error(`Azure ${what} answer is not JSON (HTTP ${response.status})`)
  }
}
