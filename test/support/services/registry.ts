import { execFileSync } from 'node:child_process'
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

export interface RegistryOptions {
  /** Require HTTP basic auth with this user (htpasswd file made with apache2-utils' htpasswd -B). */
  basicAuth?: { username: string; password: string }
}

export async function startRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'registry-'))
  const config = join(dir, 'config.yml')
  const auth: string[] = []
  if (options.basicAuth) {
    const htpasswd = join(dir, 'htpasswd')
    writeFileSync(htpasswd, execFileSync('htpasswd', ['-nbB', options.basicAuth.username, options.basicAuth.password], { encoding: 'utf8' }))
    auth.push('auth:', '  htpasswd:', '    realm: test-registry', `    path: ${htpasswd}`)
  }
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
      ...auth,
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
