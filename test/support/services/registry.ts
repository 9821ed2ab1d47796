import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'

/** Debian's docker-registry (the CNCF distribution registry) on loopback, plain HTTP. */
export interface Registry {
  port: number
  /** 127.0.0.1:PORT, as used in image references. */
  host: string
  stop(): Promise<void>
}

export async function startRegistry(): Promise<Registry> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'registry-'))
  const config = join(dir, 'config.yml')
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      ''
    ].join('\n')
  )
  const service = await startService({ name: 'docker-registry', command: 'docker-registry', args: ['serve', config], ready: () => portOpen(port) })
  return {
    port,
    host: `127.0.0.1:${port}`,
    async stop() {
      await service.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
