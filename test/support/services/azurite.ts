import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../paths.js'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'

/** Azurite's Blob service in memory: the Azure Storage emulator from npm. */
export const AZURITE_ACCOUNT = 'devstoreaccount1'
// Azurite's fixed, publicly documented development key.
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

export interface Azurite {
  port: number
  blobEndpoint: string
  connectionString: string
  stop(): Promise<void>
}

export async function startAzurite(): Promise<Azurite> {
  const port = await freePort()
  const location = mkdtempSync(join(tmpdir(), 'azurite-'))
  const service = await startService({
    name: 'azurite',
    command: join(repoRoot, 'node_modules', '.bin', 'azurite-blob'),
    args: ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--inMemoryPersistence', '--disableTelemetry', '--skipApiVersionCheck', '--loose'],
    cwd: location,
    ready: () => portOpen(port)
  })
  const blobEndpoint = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`
  return {
    port,
    blobEndpoint,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobEndpoint};`,
    async stop() {
      await service.stop()
      rmSync(location, { recursive: true, force: true })
    }
  }
}
