import type { SnapshotProvider, SnapshotProviderConfig } from '../snapshot.js'

export async function createRdsSnapshotProvider(_config: SnapshotProviderConfig): Promise<SnapshotProvider> {
  throw new Error('rds-snapshot provider: not implemented yet')
}
