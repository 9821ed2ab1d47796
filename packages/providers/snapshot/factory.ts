import type { SnapshotProvider, SnapshotProviderConfig, SnapshotProviderDeps } from './types.js'

type Loader = (config: SnapshotProviderConfig) => Promise<SnapshotProvider>

/** One line per provider: its folder is loaded (with its SDK) only when chosen. */
const PROVIDERS: Record<SnapshotProviderConfig['kind'], Loader> = {
  'rds-snapshot': async (config) => (await import('./rds-snapshot/rds-snapshot.js')).createRdsSnapshotProvider(config),
  'azure-flexible': async (config) =>
    (await import('./azure-flexible/flexible-backup.js')).createFlexibleBackupProvider({ ...config, endpoint: config.endpoint || process.env.DEPLOY_ACTIONS_ARM_ENDPOINT || undefined })
}

/** `deps` (logger, clock, credential) win over the same fields given in `config`. */
export async function createSnapshotProvider(config: SnapshotProviderConfig, deps: SnapshotProviderDeps = {}): Promise<SnapshotProvider> {
  const load = PROVIDERS[config.kind] as Loader | undefined
  if (!load) throw new Error(`unknown snapshot provider kind "${String(config.kind)}"`)
  return load({ ...config, ...definedOnly(deps) })
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
