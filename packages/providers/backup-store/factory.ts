import type { BackupDestination } from './destination.js'
import type { BackupStore, BackupStoreConfig, BackupStoreDeps } from './types.js'

type Loaders = { [K in BackupDestination['kind']]: (destination: Extract<BackupDestination, { kind: K }>, config: BackupStoreConfig) => Promise<BackupStore> }

/** One line per store: its folder is loaded (with its SDK) only when chosen. */
const STORES: Loaders = {
  'azure-blob': async (destination, config) => (await import('./azure-blob/blob-store.js')).createBlobStore(destination, config),
  s3: async (destination, config) => (await import('./s3/s3-store.js')).createS3Store(destination, config),
  local: async (destination) => (await import('./local/file-store.js')).createFileStore(destination)
}

/** `deps.logger` wins over a logger given in `config`. */
export async function createBackupStore(config: BackupStoreConfig, deps: BackupStoreDeps = {}): Promise<BackupStore> {
  const { destination } = config
  // The record is keyed by kind, so the loader found takes this destination's own variant.
  const load = STORES[destination.kind] as ((destination: BackupDestination, config: BackupStoreConfig) => Promise<BackupStore>) | undefined
  if (!load) throw new Error(`unknown destination ${JSON.stringify(destination)}`)
  return load(destination, { ...config, ...(deps.logger ? { logger: deps.logger } : {}) })
}
