import { createSnapshotProvider } from '../../../packages/providers/snapshot/factory.js'
import { type SnapshotProviderConfig } from '../../../packages/providers/snapshot/types.js'

/**
 * A stand-in for the db-backup action's snapshot path, bundled with ncc and run as its own
 * process by bundled-providers.test.ts: create → listManaged → restore → delete, one JSON line
 * per step on stdout. Configuration arrives the way an action's would: argv for the engine and
 * source, the environment for endpoints and credentials.
 */
const [kind, source, target] = process.argv.slice(2) as ['rds-snapshot' | 'azure-flexible', string, string]
const config: SnapshotProviderConfig = {
  kind,
  ...(process.env.SNAPSHOT_SUBSCRIPTION_ID ? { subscriptionId: process.env.SNAPSHOT_SUBSCRIPTION_ID } : {}),
  ...(process.env.SNAPSHOT_RESOURCE_GROUP ? { resourceGroup: process.env.SNAPSHOT_RESOURCE_GROUP } : {}),
  pollIntervalMs: 100
}
const emit = (step: string, value: unknown): void => {
  process.stdout.write(`${JSON.stringify({ step, value })}\n`)
}
// No top-level await: ncc's transpile-only mode bundles this file as CommonJS.
async function main(): Promise<void> {
  try {
    const provider = await createSnapshotProvider(config)
    const info = await provider.create({ source, snapshotId: 'bundled-1', tags: { deployment: 'bundled' }, timeoutMs: 60_000, onProgress: (p) => emit('progress', p) })
    emit('created', info)
    emit(
      'listed',
      (await provider.listManaged(source)).map((s) => s.id)
    )
    emit('restored', await provider.restore({ snapshotId: info.id, source, target, timeoutMs: 60_000, onProgress: (p) => emit('restore-progress', p) }))
    await provider.delete(info.id, source)
    emit('deleted', info.id)
  } catch (error) {
    emit('error', error instanceof Error ? error.message : String(error))
    process.exitCode = 1
  }
}

void main()
