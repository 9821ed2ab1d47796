import { InputError } from '../../../packages/core/input-error.js'
import { exactlyOneOf, parseBoolean, parseDuration, parseEnum, parseNumber, parseSingleLine, parseUrl } from '../../../packages/core/parsers.js'
import { COMPRESSIONS, type Compression } from '../../../packages/backup/compression.js'
import { parseEncryptionKey } from '../../../packages/backup/encryption-key.js'
import { databaseKindOfScheme, parseDatabaseUrl, type DatabaseUrl } from '../../../packages/db/database-url.js'
import { parseDestination, type BackupDestination } from '../../../packages/providers/backup-store/destination.js'
import type { AzureBlobAuth, S3Auth } from '../../../packages/providers/backup-store/types.js'
import type { SnapshotProviderConfig } from '../../../packages/providers/snapshot/types.js'
import type { DumpEngine } from './naming.js'
import type { RetentionRules } from './retention-plan.js'

/**
 * Turns the raw inputs (already masked where secret) into one validated object. Pure: every
 * problem is an InputError naming the input, raised before anything touches a database or a store.
 * Nothing is reshaped: a control character, or a name the backup's object names could not hold
 * as written, is refused rather than cleaned up.
 */

export const INPUT_NAMES = [
  'mode',
  'engine',
  'database-url',
  'destination',
  'environment',
  'deployment-id',
  'compression',
  'encryption-key',
  'verify',
  'keep-last',
  'max-age',
  'retention-dry-run',
  'backup-id',
  'uri',
  'azure-connection-string',
  'azure-sas-token',
  'azure-storage-account',
  'aws-region',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token',
  's3-endpoint',
  's3-force-path-style',
  'db-instance',
  'db-cluster',
  'server-name',
  'resource-group',
  'subscription-id',
  'restore-target',
  'db-instance-class',
  'api-endpoint',
  'timeout',
  'progress-interval'
] as const
export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Partial<Record<InputName, string>>

/** Inputs masked the moment they are read (the database URL's password is masked on its own too). */
export const SECRET_INPUTS: readonly InputName[] = [
  'database-url',
  'encryption-key',
  'azure-connection-string',
  'azure-sas-token',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token'
]

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
  /** Not errors, but worth a warning in the log (a local destination on a hosted runner). */
  warnings: string[]
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

/** Names that become part of object keys and snapshot ids exactly as written. */
const NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9_])?$/
const NAME_EXPECTED = '1–100 letters, digits, dots, underscores and hyphens, starting and ending with a letter, digit or underscore (e.g. production)'
/** Snapshot ids are lowercase letters, digits and single hyphens (RDS identifiers, Azure backup names). */
const SNAPSHOT_NAME = /^[a-z0-9](?:-?[a-z0-9]){0,39}$/
const SNAPSHOT_NAME_EXPECTED = '1–40 lowercase letters, digits and single hyphens (e.g. production), as snapshot ids allow'

export function parseDbBackupInputs(given: RawInputs, env: Record<string, string | undefined>): Inputs {
  // Every input of this action is one line: a control character anywhere is refused, naming its position only.
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, parseSingleLine(name, given[name] ?? '')])) as Record<InputName, string>
  const engine = raw.engine === '' ? engineFromUrl(raw) : parseEnum('engine', raw.engine, ENGINES)
  const snapshot = engine === 'rds-snapshot' || engine === 'azure-flexible'
  const mode = parseEnum('mode', raw.mode, ['backup', 'restore'] as const, 'backup')
  const environment = parseName('environment', raw.environment || 'production', snapshot)
  const deploymentId = raw['deployment-id'] === '' ? `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}` : parseName('deployment-id', raw['deployment-id'], false)
  const common: CommonInputs = {
    mode,
    environment,
    deploymentId,
    retention: retentionRules(raw),
    retentionDryRun: parseBoolean('retention-dry-run', raw['retention-dry-run'], false),
    timeoutMs: parseDuration('timeout', raw.timeout, 2 * 3_600_000),
    progressIntervalMs: parseDuration('progress-interval', raw['progress-interval'], 10_000),
    warnings: []
  }
  if (common.timeoutMs <= 0) throw new InputError('timeout', 'is zero', 'a duration such as 30m or 2h')
  if (common.progressIntervalMs < 100) throw new InputError('progress-interval', 'is shorter than 100 ms', 'a duration such as 10s')
  return snapshot ? snapshotInputs(raw, engine, common, env) : dumpInputs(raw, engine, common, env)
}

function parseName(name: 'environment' | 'deployment-id', value: string, snapshot: boolean): string {
  if (snapshot && name === 'environment') {
    if (!SNAPSHOT_NAME.test(value)) throw new InputError(name, `is "${value}", which a snapshot id cannot hold as written`, SNAPSHOT_NAME_EXPECTED)
  } else if (!NAME.test(value)) {
    throw new InputError(name, `is "${value}", which a backup's name cannot hold as written`, NAME_EXPECTED)
  }
  return value
}

/** Without an engine input, the database URL's scheme says which dump engine to use. */
function engineFromUrl(raw: Record<InputName, string>): Engine {
  const kind = databaseKindOfScheme(raw['database-url'])
  if (kind !== undefined) return kind
  throw new InputError('engine', 'is empty and database-url does not say which database it is', `one of ${ENGINES.join(', ')}`)
}

function retentionRules(raw: Record<InputName, string>): RetentionRules {
  const rules: RetentionRules = {}
  if (raw['keep-last'] !== '') rules.keepLast = parseNumber('keep-last', raw['keep-last'], undefined, { min: 1, integer: true })
  if (raw['max-age'] !== '') {
    if (raw['max-age'].startsWith('-')) throw new InputError('max-age', `is "${raw['max-age']}", which is negative`, DURATION)
    rules.maxAgeMs = parseAge(raw['max-age'])
  }
  return rules
}

/** parseDuration plus days (d) and weeks (w), which retention periods are usually written in. */
function parseAge(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(d|w)$/i.exec(value)
  if (match) return Math.round(Number(match[1]) * (match[2].toLowerCase() === 'd' ? 86_400_000 : 604_800_000))
  const ms = parseDuration('max-age', value)
  if (ms <= 0) throw new InputError('max-age', 'is zero', DURATION)
  return ms
}

function dumpInputs(raw: Record<InputName, string>, engine: DumpEngine, common: CommonInputs, env: Record<string, string | undefined>): DumpInputs {
  if (raw['database-url'] === '')
    throw new InputError(
      'database-url',
      `is required for engine ${engine} but empty`,
      `a URL such as ${engine === 'sqlite' ? 'sqlite:path/to/app.db' : `${engine}://user:password@host/app`}`
    )
  const database = parseDatabaseUrl(raw['database-url'], 'database-url', [engine])
  const azure: AzureBlobAuth = {
    connectionString: raw['azure-connection-string'] || undefined,
    sasToken: raw['azure-sas-token'] || undefined,
    accountName: raw['azure-storage-account'] || undefined
  }
  const s3: S3Auth = {
    region: raw['aws-region'] || undefined,
    endpoint: raw['s3-endpoint'] ? parseUrl('s3-endpoint', raw['s3-endpoint']).toString().replace(/\/$/, '') : undefined,
    forcePathStyle: raw['s3-force-path-style'] === '' ? undefined : parseBoolean('s3-force-path-style', raw['s3-force-path-style']),
    accessKeyId: raw['aws-access-key-id'] || undefined,
    secretAccessKey: raw['aws-secret-access-key'] || undefined,
    sessionToken: raw['aws-session-token'] || undefined
  }
  if (Boolean(s3.accessKeyId) !== Boolean(s3.secretAccessKey)) {
    const missing = s3.accessKeyId ? 'aws-secret-access-key' : 'aws-access-key-id'
    throw new InputError(
      missing,
      `is empty while ${missing === 'aws-secret-access-key' ? 'aws-access-key-id' : 'aws-secret-access-key'} is set`,
      'both keys, or neither (then the AWS SDK default credential chain is used)'
    )
  }
  const encryptionKey = raw['encryption-key'] === '' ? undefined : parseEncryptionKey('encryption-key', raw['encryption-key'])
  const compression = parseEnum('compression', raw.compression, COMPRESSIONS, 'zstd')
  const verify = parseBoolean('verify', raw.verify, true)

  let destination: BackupDestination
  let restore: DumpInputs['restore']
  if (common.mode === 'restore') {
    const which = exactlyOneOf({ 'backup-id': raw['backup-id'], uri: raw.uri })
    if (which === 'uri') {
      const object = parseDestination('uri', raw.uri)
      destination = rootOf(object)
      restore = { uriKey: keyOf(object) }
      if (restore.uriKey === '') throw new InputError('uri', 'names a container, bucket or directory, not a backup', 'the uri output of a backup run')
    } else {
      destination = parseDestination('destination', requiredDestination(raw))
      const backupId = raw['backup-id']
      if (backupId !== 'latest' && !/^\d{8}T\d{6}Z-[A-Za-z0-9._-]+$/.test(backupId)) {
        throw new InputError('backup-id', `is "${backupId}", which is not a backup id`, 'the backup-id output of a backup run (e.g. 20261122T031500Z-1658821493-1) or latest')
      }
      restore = { backupId }
    }
  } else {
    destination = parseDestination('destination', requiredDestination(raw))
    if (destination.kind === 'local' && env.RUNNER_ENVIRONMENT === 'github-hosted') {
      common.warnings.push(
        `destination ${destination.directory} is a directory of this GitHub-hosted runner: the backup will not outlive the job (use azblob://… or s3://…, or upload it as an artifact)`
      )
    }
  }
  checkStoreCredentials(destination, azure)
  return { ...common, kind: 'dump', engine, database, destination, restore, azure, s3, compression, encryptionKey, verify }
}

function requiredDestination(raw: Record<InputName, string>): string {
  if (raw.destination === '')
    throw new InputError('destination', 'is required for dump engines but empty', 'azblob://container/prefix, s3://bucket/prefix, file:///absolute/path or an absolute path')
  return raw.destination
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

function snapshotInputs(raw: Record<InputName, string>, engine: SnapshotEngine, common: CommonInputs, env: Record<string, string | undefined>): SnapshotInputs {
  const endpoint = raw['api-endpoint'] ? parseUrl('api-endpoint', raw['api-endpoint'], ['https:', 'http:']).toString().replace(/\/$/, '') : undefined
  let source: string
  let provider: SnapshotProviderConfig
  if (engine === 'rds-snapshot') {
    const which = exactlyOneOf({ 'db-instance': raw['db-instance'], 'db-cluster': raw['db-cluster'] }) as 'db-instance' | 'db-cluster'
    const id = raw[which]
    if (!/^[A-Za-z][A-Za-z0-9-]{0,62}$/.test(id) || id.includes('--') || id.endsWith('-')) {
      throw new InputError(which, `is "${id}", which is not an RDS identifier`, '1–63 letters, digits and single hyphens, starting with a letter')
    }
    source = which === 'db-cluster' ? `cluster:${id}` : id
    const region = raw['aws-region'] || env.AWS_REGION || env.AWS_DEFAULT_REGION || ''
    if (region === '') throw new InputError('aws-region', 'is empty and AWS_REGION is not set', 'a region such as eu-west-1')
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new InputError('aws-region', `is "${region}", which is not an AWS region`, 'a region such as eu-west-1')
    provider = { kind: engine, region, ...(endpoint ? { endpoint } : {}) }
  } else {
    const server = raw['server-name']
    if (server === '') throw new InputError('server-name', 'is required for engine azure-flexible but empty', 'the name of the Flexible Server')
    if (!/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(server))
      throw new InputError('server-name', `is "${server}", which is not a Flexible Server name`, '3–63 lowercase letters, digits and hyphens')
    const resourceGroup = raw['resource-group']
    if (resourceGroup === '') throw new InputError('resource-group', 'is required for engine azure-flexible but empty', 'the resource group of the server')
    const subscriptionId = raw['subscription-id'] || env.AZURE_SUBSCRIPTION_ID || ''
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(subscriptionId)) {
      throw new InputError(
        'subscription-id',
        subscriptionId === '' ? 'is empty and AZURE_SUBSCRIPTION_ID is not set' : `is "${subscriptionId}", which is not a subscription id`,
        'a GUID such as 00000000-0000-0000-0000-000000000000'
      )
    }
    source = server
    provider = { kind: engine, subscriptionId, resourceGroup, ...(endpoint ? { endpoint } : {}) }
  }
  let restore: SnapshotInputs['restore']
  if (common.mode === 'restore') {
    const snapshotId = raw['backup-id']
    if (snapshotId === '') throw new InputError('backup-id', 'is required to restore a snapshot but empty', 'the snapshot-id output of a backup run, or latest')
    const target = raw['restore-target']
    if (target === '')
      throw new InputError(
        'restore-target',
        'is required to restore a snapshot but empty',
        engine === 'rds-snapshot' ? 'the identifier of the new DB instance (cluster:<id> for Aurora)' : 'the name of the new Flexible Server'
      )
    const instanceClass = raw['db-instance-class'] || undefined
    restore = { snapshotId, target, ...(instanceClass ? { instanceClass } : {}) }
  }
  return { ...common, kind: 'snapshot', engine, source, provider, restore }
}
