import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../paths.js'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'

/** s3rver: an S3-compatible server from npm. Clients need forcePathStyle and S3RVER/S3RVER keys. */
export interface S3rver {
  port: number
  endpoint: string
  accessKeyId: string
  secretAccessKey: string
  stop(): Promise<void>
}

export async function startS3rver(buckets: string[]): Promise<S3rver> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 's3rver-'))
  const service = await startService({
    name: 's3rver',
    command: join(repoRoot, 'node_modules', '.bin', 's3rver'),
    args: ['-d', dir, '-a', '127.0.0.1', '-p', String(port), '--silent', ...buckets.flatMap((b) => ['--configure-bucket', b])],
    // s3rver's continuation tokens (a listing cut by max-keys) use DES, which OpenSSL 3 keeps in its legacy provider.
    env: { NODE_OPTIONS: '--openssl-legacy-provider' },
    ready: () => portOpen(port)
  })
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    async stop() {
      await service.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
