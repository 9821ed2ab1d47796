import type { SnapshotProvider, SnapshotProviderConfig } from '../snapshot.js'

export async function createFlexibleBackupProvider(_config: SnapshotProviderConfig): Promise<SnapshotProvider> {
  throw new Error('azure-flexible provider: not implemented yet')
}
