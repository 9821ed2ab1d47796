import type { ArmTokenCredential } from '../../clouds/azure/credential.js'
import type { Logger } from '../../core/log.js'

/**
 * Cloud database snapshots: the interface every provider implements and the config it takes.
 * The factory (factory.ts) loads one provider folder lazily; nothing here imports a provider.
 *
 * Providers
 * - `rds-snapshot` (rds-snapshot/rds-snapshot.ts): AWS RDS and Aurora manual snapshots.
 *   `source` is a DB instance identifier (`mydb` or `instance:mydb`) or an Aurora cluster
 *   identifier written `cluster:my-cluster`; the prefix picks CreateDBSnapshot or
 *   CreateDBClusterSnapshot. Cluster snapshot ids come back `cluster:`-prefixed from
 *   create/listManaged. Restore picks RestoreDBInstanceFromDBSnapshot or
 *   RestoreDBClusterFromSnapshot by the snapshot id's prefix, else `req.source`'s, else the
 *   target's; a bare target name takes the snapshot's kind. Snapshots are tagged
 *   `managed-by=deploy-actions` plus the request's tags. Credentials and region come from the
 *   suite's AWS chain (packages/clouds/aws: GitHub OIDC web identity, else the SDK's default chain);
 *   `config.region` overrides the region
 *   and `config.endpoint` (or the SDK-native `AWS_ENDPOINT_URL_RDS`) overrides the endpoint.
 * - `azure-flexible` (azure-flexible/flexible-backup.ts): on-demand backups of an Azure
 *   Database for PostgreSQL Flexible Server through the ARM REST API. `source` is a server name
 *   (with `config.subscriptionId` and `config.resourceGroup`) or a full server resource id
 *   `/subscriptions/…/resourceGroups/…/providers/Microsoft.DBforPostgreSQL/flexibleServers/<name>`.
 *   Azure backups carry no tags, so this suite's marker is the backup NAME: every backup it
 *   creates is named `da-<snapshotId>` (see azure-flexible/flexible-backup-mapping.ts `MANAGED_BACKUP_PREFIX`);
 *   `listManaged` keeps only "Customer On-Demand" backups whose name has that prefix, and
 *   `delete` refuses any other name. Request tags cannot be stored; SnapshotInfo.tags reports
 *   only `managed-by=deploy-actions` (derived from the name). SnapshotInfo.id is the backup's
 *   full ARM resource id; delete/restore also take a bare backup name with its server.
 *   Restore creates a new server (`target`: a server name in the same resource group, or a
 *   resource id) with createMode PointInTimeRestore at the backup's completedTime.
 *
 * Authentication for Azure (packages/clouds/azure/credential.ts), first that applies:
 *   1. `config.credential` — an injected token credential (tests, or callers with their own);
 *   2. GitHub OIDC: ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN present (job has `id-token: write`) and
 *      AZURE_CLIENT_ID + AZURE_TENANT_ID → ClientAssertionCredential with a GitHub ID token for
 *      audience api://AzureADTokenExchange (fetched afresh whenever Entra ID asks);
 *   3. AZURE_CLIENT_SECRET + AZURE_CLIENT_ID + AZURE_TENANT_ID → ClientSecretCredential;
 *   4. managed identity (ManagedIdentityCredential, user-assigned when AZURE_CLIENT_ID is set).
 *
 * Testing against the fakes (no test-only switch exists in production code):
 * - In-process (unit tests): `createSnapshotProvider({ kind: 'azure-flexible', endpoint:
 *   fake.endpoint, subscriptionId, resourceGroup, credential: staticTokenCredential('t') })`
 *   with `startFakeArm()` from test/support/fakes/azure-arm.ts.
 * - Runner level (the action run as a process): the fake ARM server also answers as an Azure App
 *   Service managed-identity endpoint, so set env IDENTITY_ENDPOINT=`${fake.identityEndpoint}`
 *   and IDENTITY_HEADER=`${fake.identityHeader}` (and no AZURE_CLIENT_SECRET / ACTIONS_ID_TOKEN_*)
 *   — the real credential chain then takes its managed-identity leg and gets a token from the
 *   fake — plus the action's ARM endpoint override (passed as `config.endpoint`), or env
 *   DEPLOY_ACTIONS_ARM_ENDPOINT which the factory reads when `config.endpoint` is not given.
 * - For RDS: aws-sdk-client-mock in-process, or at runner level the fake RDS Query API from
 *   test/support/fakes/rds.ts with env AWS_ENDPOINT_URL_RDS=`${fake.endpoint}`,
 *   AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY (any value) and AWS_REGION.
 */

export interface SnapshotProgress {
  status: string
  percent?: number
  elapsedMs: number
}
export interface SnapshotInfo {
  id: string
  createdAt: string
  status: string
  sizeBytes?: number
  tags: Record<string, string>
}
export interface CreateSnapshotRequest {
  source: string
  snapshotId: string
  tags: Record<string, string>
  timeoutMs: number
  onProgress: (p: SnapshotProgress) => void
  signal?: AbortSignal
}
export interface RestoreSnapshotRequest {
  snapshotId: string
  target: string
  timeoutMs: number
  onProgress: (p: SnapshotProgress) => void
  signal?: AbortSignal
  /**
   * The snapshot's source when `snapshotId` alone does not say (an Azure backup NAME rather than
   * the backup resource id that `create`/`listManaged` return; an RDS cluster snapshot given
   * without its `cluster:` prefix). Optional.
   */
  source?: string
  /**
   * RDS only: DB instance class for the restored instance (default: the original instance's
   * class when it still exists, else the snapshot's). For an Aurora cluster restore, when set, a
   * writer instance `<target>-writer` of this class is created and waited for too, so the
   * cluster can take connections; without it only the cluster (no instances) is restored.
   */
  instanceClass?: string
}
export interface SnapshotProvider {
  readonly kind: 'rds-snapshot' | 'azure-flexible'
  create(req: CreateSnapshotRequest): Promise<SnapshotInfo>
  /** Only manual snapshots/backups that carry this suite's marker, newest first. */
  listManaged(source: string): Promise<SnapshotInfo[]>
  delete(id: string, source: string): Promise<void>
  restore(req: RestoreSnapshotRequest): Promise<{ target: string; endpoint?: string }>
}

/** What a provider is given besides its settings: injected so tests run silent and instantly. */
export interface SnapshotProviderDeps {
  /** Azure only: use this credential instead of building one from the environment. */
  credential?: ArmTokenCredential
  /** Progress and retry notes; silent when absent. */
  logger?: Logger
  /** Injected in tests so waits run instantly (with `now`, a fake clock for timeouts). */
  sleep?: (ms: number) => Promise<void>
  now?: () => number
}

/** The settings; the deps may also be given here (as db-backup does) or as the factory's second argument. */
export interface SnapshotProviderConfig extends SnapshotProviderDeps {
  kind: 'rds-snapshot' | 'azure-flexible'
  region?: string
  subscriptionId?: string
  resourceGroup?: string
  /** RDS: endpoint URL override. Azure: ARM base URL override (default https://management.azure.com). */
  endpoint?: string
  /** First delay between status polls (doubles up to maxPollIntervalMs). Defaults: 5 s / 30 s. */
  pollIntervalMs?: number
  maxPollIntervalMs?: number
}
