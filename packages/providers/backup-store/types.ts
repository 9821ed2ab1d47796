import type { Readable } from 'node:stream'
import type { Logger } from '../../core/log.js'
import type { BackupDestination } from './destination.js'

/**
 * Backup object storage: the interface every store implements and the config it takes. The
 * factory (factory.ts) loads one store folder lazily; nothing here imports a store.
 *
 * A backup exists only once it is complete: `put` consumes the whole body, then calls `finalize`
 * (which may still throw, e.g. when the dump tool exited non-zero) and only then commits the object
 * with its metadata. A failure or a kill at any earlier point leaves nothing that `list` or `head`
 * reports as a backup:
 *  - Azure Blob: blocks are staged with stageBlock and committed with commitBlockList (metadata
 *    included) at the end; uncommitted blocks are invisible and the service discards them.
 *  - S3: a multipart upload (@aws-sdk/lib-storage, aborted on failure) to `<key>.partial-<id>`,
 *    then a server-side copy to `<key>` that sets the full metadata, then the temporary key is
 *    deleted. Objects without the sha256 metadata are not backups.
 *  - local: data written to `<file>.partial` and fsynced, sidecar `<file>.json` written
 *    atomically, then the data renamed into place: the rename is the commit.
 */

export interface BackupMetadata {
  sizeBytes: number
  /** Hex SHA-256 of the stored bytes (after compression and encryption). */
  sha256: string
  engine: string
  serverVersion: string
  /** ISO 8601 UTC. */
  createdAt: string
  compression: string
  encryption: string
  environment?: string
  deploymentId?: string
}

export interface StoredObject {
  /** Key from the root of the container, bucket or directory. */
  key: string
  uri: string
  sizeBytes: number
  lastModified?: string
  /** Present only for complete backups written by this suite. */
  metadata?: BackupMetadata
}

export interface PutOptions {
  signal?: AbortSignal
}

export interface BackupStore {
  readonly kind: BackupDestination['kind']
  uri(key: string): string
  /** Fails fast (before any write) when the store cannot be reached or the credentials are refused. */
  check(prefix: string): Promise<void>
  put(key: string, body: Readable, finalize: () => Promise<BackupMetadata>, options?: PutOptions): Promise<StoredObject>
  /** Objects under a prefix (complete backups carry metadata; callers skip the rest). */
  list(prefix: string): Promise<StoredObject[]>
  get(key: string, signal?: AbortSignal): Promise<Readable>
  head(key: string): Promise<StoredObject | undefined>
  delete(key: string): Promise<void>
}

export interface AzureBlobAuth {
  connectionString?: string
  sasToken?: string
  /** Account name for azblob:// destinations authenticated by SAS or Azure identity. */
  accountName?: string
}

export interface S3Auth {
  region?: string
  endpoint?: string
  forcePathStyle?: boolean
  accessKeyId?: string
  secretAccessKey?: string
  sessionToken?: string
}

/** What a store is given besides its settings. */
export interface BackupStoreDeps {
  logger?: Logger
}

/** The settings; `logger` may also be given here (as db-backup does) or as the factory's second argument. */
export interface BackupStoreConfig extends BackupStoreDeps {
  destination: BackupDestination
  azure?: AzureBlobAuth
  s3?: S3Auth
  /** Bytes per Azure block / S3 part (default 8 MiB) and how many upload at once (default 4). */
  partBytes?: number
  concurrency?: number
}
