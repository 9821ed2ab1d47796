import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'

/**
 * nginx as a reverse proxy on loopback in front of one upstream; `switchUpstream` rewrites the
 * upstream file and reloads, as a blue-green switch on a single VM does.
 */
export interface Nginx {
  port: number
  prefix: string
  upstreamFile: string
  switchUpstream(target: string): void
  stop(): Promise<void>
}

export async function startNginx(upstream: string): Promise<Nginx> {
  const port = await freePort()
  const prefix = mkdtempSync(join(tmpdir(), 'nginx-'))
  mkdirSync(join(prefix, 'logs'))
  const upstreamFile = join(prefix, 'upstream.conf')
  const conf = join(prefix, 'nginx.conf')
  writeFileSync(upstreamFile, `server ${upstream};\n`)
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream app { include ${upstreamFile}; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://app; }
  }
}
`
  )
  const service = await startService({ name: 'nginx', command: 'nginx', args: ['-p', prefix, '-c', conf], ready: () => portOpen(port) })
  return {
    port,
    prefix,
    upstreamFile,
    switchUpstream(target) {
      writeFileSync(upstreamFile, `server ${target};\n`)
      execFileSync('nginx', ['-p', prefix, '-c', conf, '-s', 'reload'], { stdio: 'pipe' })
    },
    async stop() {
      await service.stop()
      rmSync(prefix, { recursive: true, force: true })
    }
  }
}
