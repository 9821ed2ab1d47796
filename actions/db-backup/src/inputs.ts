import { input, secretInput } from '../../../packages/core/action-input.js'
import { InputError } from '../../../packages/core/input-error.js'
import { exactlyOneOf, parseBoolean, parseDuration, parseEnum, parseNumber, parseUrl } from '../../../packages/core/parsers.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { COMPRESSIONS, type Compression } from '../../../packages/backup/compression.js'
import { parseEncryptionKey } from '../../../packages/backup/encryption-key.js'
import { databaseKindOfScheme, databaseUrlSecrets, parseDatabaseUrl, type DatabaseUrl } from '../../../packages/db/database-url.js'
import { parseDestination, type BackupDestination } from '../../../packages/providers/backup-store/destination.js'
import type { AzureBlobAuth, S3Auth } from '../../../packages/providers/backup-store/types.js'
import type { SnapshotProviderConfig } from '../../../packages/providers/snapshot/types.js'
import { safeNamePart, type DumpEngine } from './naming.js'
import type { RetentionRules } from './retention-plan.js'

export const ENGINES = ['postgres', 'mysql', 'sqlite', 'rds-snapshot', 'azure-flexible'] as const
export type Engine = (typeof ENGINES)[number]
export type SnapshotEngine = 'rds-snapshot' | 'azure-flexible'

interface CommonInputs {
  mode: 'backup' | 'restore'
  environment: string
  deploymentId: string
  retention: RetentionRules
  retentionDryRun: boolean
  timeoutMs: number
  progressIntervalMs: number
}

export interface DumpInputs extends CommonInputs {
  kind: 'dump'
  engine: DumpEngine
  database: DatabaseUrl
  /** Backup mode and restore by backup-id: the destination; restore by uri: the object itself. */
  destination: BackupDestination
  /** Restore: the object's key when `uri` was given, or the backup id ('latest' allowed). */
  restore?: { uriKey?: string; backupId?: string }
  azure: AzureBlobAuth
  s3: S3Auth
  compression: Compression
  encryptionKey?: Buffer
  verify: boolean
}

export interface SnapshotInputs extends CommonInputs {
  kind: 'snapshot'
  engine: SnapshotEngine
  /** The provider's `source`: an RDS instance id, `cluster:<id>`, or an Azure server name. */
  source: string
  provider: SnapshotProviderConfig
  restore?: { snapshotId: string; target: string; instanceClass?: string }
}

export type Inputs = DumpInputs | SnapshotInputs

const DURATION = 'a duration such as 30d, 12h or 90m'

/** Reads every input, masks secrets on read, and validates before anything touches a database or a store. */
export function getInputs(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Inputs {
  const engine = input('engine').trim() === '' ? engineFromUrl() : parseEnum('engine', input('engine'), ENGINES)
  const mode = parseEnum('mode', input('mode'), ['backup', 'restore'] as const, 'backup')
  const environment = input('environment').trim() || 'production'
  if (safeNamePart(environment) === '') throw new InputError('environment', `is "${environment}", which has no letters or digits`, 'a name such as production or staging')
  const deploymentId = safeNamePart(input('deployment-id')) || safeNamePart(`${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`)
  const common: CommonInputs = {
    mode,
    environment,
    deploymentId,
    retention: retentionRules(),
    retentionDryRun: parseBoolean('retention-dry-run', input('retention-dry-run'), false),
    timeoutMs: parseDuration('timeout', input('timeout'), 2 * 3_600_000),
    progressIntervalMs: parseDuration('progress-interval', input('progress-interval'), 10_000)
  }
  if (common.progressIntervalMs < 100) throw new InputError('progress-interval', 'is shorter than 100 ms', 'a duration such as 10s')
  return engine === 'rds-snapshot' || engine === 'azure-flexible' ? snapshotInputs(engine, common, env) : dumpInputs(engine, common, cwd)
}

/** Without an engine input, the database URL's scheme says which dump engine to use. */
function engineFromUrl(): Engine {
  const kind = databaseKindOfScheme(input('database-url'))
  if (kind !== undefined) return kind
  throw new InputError('engine', 'is empty and database-url does not say which database it is', `one of ${ENGINES.join(', ')}`)
}

function retentionRules(): RetentionRules {
  const rules: RetentionRules = {}
  if (input('keep-last').trim() !== '') rules.keepLast = parseNumber('keep-last', input('keep-last'), undefined, { min: 1, integer: true })
  if (input('max-age').trim() !== '') {
    const raw = input('max-age').trim()
    if (raw.startsWith('-')) throw new InputError('max-age', `is "${raw}", which is negative`, DURATION)
    rules.maxAgeMs = parseAge(raw)
  }
  return rules
}

/** parseDuration plus days (d) and weeks (w), which retention periods are usually written in. */
function parseAge(raw: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(d|w)$/i.exec(raw)
  if (match) return Math.round(Number(match[1]) * (match[2].toLowerCase() === 'd' ? 86_400_000 : 604_800_000))
  const ms = parseDuration('max-age', raw)
  if (ms <= 0) throw new InputError('max-age', 'is zero', DURATION)
  return ms
}

function dumpInputs(engine: DumpEngine, common: CommonInputs, cwd: string): DumpInputs {
  const rawUrl = input('database-url')
  for (const secret of databaseUrlSecrets(rawUrl)) maskSecret(secret)
  if (rawUrl.trim() === '') throw new InputError('database-url', `is required for engine ${engine} but empty`, `a URL such as ${engine === 'sqlite' ? 'sqlite:path/to/app.db' : `${engine}://user:password@host/app`}`)
  const database = parseDatabaseUrl(rawUrl, 'database-url', [engine])

  const connectionString = secretInput('azure-connection-string')
  // The account key or SAS inside a connection string is a secret of its own too.
  for (const part of connectionString.matchAll(/(?:AccountKey|SharedAccessSignature)=([^;]+)/gi)) maskSecret(part[1])
  const azure: AzureBlobAuth = {
    connectionString: connectionString.trim() || undefined,
    sasToken: secretInput('azure-sas-token').trim() || undefined,
    accountName: input('azure-storage-account').trim() || undefined
  }
  const s3: S3Auth = {
    region: input('aws-region').trim() || undefined,
    endpoint: input('s3-endpoint').trim() ? parseUrl('s3-endpoint', input('s3-endpoint')).toString().replace(/\/$/, '') : undefined,
    forcePathStyle: input('s3-force-path-style').trim() === '' ? undefined : parseBoolean('s3-force-path-style', input('s3-force-path-style')),
    accessKeyId: secretInput('aws-access-key-id').trim() || undefined,
    secretAccessKey: secretInput('aws-secret-access-key').trim() || undefined,
    sessionToken: secretInput('aws-session-token').trim() || undefined
  }
  if (Boolean(s3.accessKeyId) !== Boolean(s3.secretAccessKey)) {
    const missing = s3.accessKeyId ? 'aws-secret-access-key' : 'aws-access-key-id'
    throw new InputError(missing, `is empty while ${missing === 'aws-secret-access-key' ? 'aws-access-key-id' : 'aws-secret-access-key'} is set`, 'both keys, or neither (then the AWS SDK default credential chain is used)')
  }

  const rawKey = secretInput('encryption-key')
  const encryptionKey = rawKey.trim() === '' ? undefined : parseEncryptionKey('encryption-key', rawKey)
  if (encryptionKey) maskSecret(encryptionKey.toString('base64'))
  const compression = parseEnum('compression', input('compression'), COMPRESSIONS, 'zstd')
  const verify = parseBoolean('verify', input('verify'), true)

  let destination: BackupDestination
  let restore: DumpInputs['restore']
  if (common.mode === 'restore') {
    const which = exactlyOneOf({ 'backup-id': input('backup-id'), uri: input('uri') })
    if (which === 'uri') {
      const object = parseDestination('uri', input('uri'), cwd)
      destination = rootOf(object)
      restore = { uriKey: keyOf(object) }
      if (restore.uriKey === '') throw new InputError('uri', 'names a container, bucket or directory, not a backup', 'the uri output of a backup run')
    } else {
      destination = parseDestination('destination', requiredDestination(), cwd)
      const backupId = input('backup-id').trim()
      if (backupId !== 'latest' && !/^\d{8}T\d{6}Z-[A-Za-z0-9._-]+$/.test(backupId)) {
        throw new InputError('backup-id', `is "${backupId}", which is not a backup id`, 'the backup-id output of a backup run (e.g. 20261122T031500Z-1658821493-1) or latest')
      }
      restore = { backupId }
    }
  } else {
    destination = parseDestination('destination', requiredDestination(), cwd)
  }
  checkStoreCredentials(destination, azure)
  return { ...common, kind: 'dump', engine, database, destination, restore, azure, s3, compression, encryptionKey, verify }
}

function requiredDestination(): string {
  const raw = input('destination')
  if (raw.trim() === '') throw new InputError('destination', 'is required for dump engines but empty', 'azblob://container/prefix, s3://bucket/prefix or a directory')
  return raw
}

/** A destination parsed from an object's URI: the store's root and the object's key. */
function rootOf(object: BackupDestination): BackupDestination {
  if (object.kind === 'local') return { ...object, directory: object.directory.slice(0, object.directory.lastIndexOf('/')) || '/' }
  return { ...object, prefix: '' }
}

function keyOf(object: BackupDestination): string {
  return object.kind === 'local' ? object.directory.slice(object.directory.lastIndexOf('/') + 1) : object.prefix
}

function checkStoreCredentials(destination: BackupDestination, azure: AzureBlobAuth): void {
  if (destination.kind === 'azure-blob' && !destination.accountUrl && !azure.connectionString && !azure.accountName) {
    throw new InputError(
      'azure-connection-string',
      'is empty, and an azblob:// destination names no storage account',
      'azure-connection-string, or azure-storage-account with azure-sas-token or an Azure login (OIDC, managed identity)'
    )
  }
}

function snapshotInputs(engine: SnapshotEngine, common: CommonInputs, env: NodeJS.ProcessEnv): SnapshotInputs {
  const endpoint = input('api-endpoint').trim() ? parseUrl('api-endpoint', input('api-endpoint'), ['https:', 'http:']).toString().replace(/\/$/, '') : undefined
  let source: string
  let provider: SnapshotProviderConfig
  if (engine === 'rds-snapshot') {
    const which = exactlyOneOf({ 'db-instance': input('db-instance'), 'db-cluster': input('db-cluster') })
    const id = input(which).trim()
    if (!/^[A-Za-z][A-Za-z0-9-]{0,62}$/.test(id) || id.includes('--') || id.endsWith('-')) {
      throw new InputError(which, `is "${id}", which is not an RDS identifier`, '1–63 letters, digits and single hyphens, starting with a letter')
    }
    source = which === 'db-cluster' ? `cluster:${id}` : id
    const region = input('aws-region').trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION || ''
    if (region === '') throw new InputError('aws-region', 'is empty and AWS_REGION is not set', 'a region such as eu-west-1')
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new InputError('aws-region', `is "${region}", which is not an AWS region`, 'a region such as eu-west-1')
    provider = { kind: engine, region, ...(endpoint ? { endpoint } : {}) }
  } else {
    const server = input('server-name').trim()
    if (server === '') throw new InputError('server-name', 'is required for engine azure-flexible but empty', 'the name of the Flexible Server')
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(server)) throw new InputError('server-name', `is "${server}", which is not a Flexible Server name`, '3–63 lowercase letters, digits and hyphens')
    const resourceGroup = input('resource-group').trim()
    if (resourceGroup === '') throw new InputError('resource-group', 'is required for engine azure-flexible but empty', 'the resource group of the server')
    const subscriptionId = input('subscription-id').trim() || env.AZURE_SUBSCRIPTION_ID || ''
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(subscriptionId)) {
      throw new InputError('subscription-id', subscriptionId === '' ? 'is empty and AZURE_SUBSCRIPTION_ID is not set' : `is "${subscriptionId}", which is not a subscription id`, 'a GUID such as 00000000-0000-0000-0000-000000000000')
    }
    source = server
    provider = { kind: engine, subscriptionId, resourceGroup, ...(endpoint ? { endpoint } : {}) }
  }
  let restore: SnapshotInputs['restore']
  if (common.mode === 'restore') {
    const snapshotId = input('backup-id').trim()
    if (snapshotId === '') throw new InputError('backup-id', 'is required to restore a snapshot but empty', 'the snapshot-id output of a backup run, or latest')
    const target = input('restore-target').trim()
    if (target === '') throw new InputError('restore-target', 'is required to restore a snapshot but empty', engine === 'rds-snapshot' ? 'the identifier of the new DB instance (cluster:<id> for Aurora)' : 'the name of the new Flexible Server')
    const instanceClass = input('db-instance-class').trim() || undefined
    restore = { snapshotId, target, ...(instanceClass ? { instanceClass } : {}) }
  }
  return { ...common, kind: 'snapshot', engine, source, provider, restore }
}
