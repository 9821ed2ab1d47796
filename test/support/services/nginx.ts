import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'
import { flagSnippet } from '../../../packages/providers/traffic/host/flag-mapping.js'

/**
 * nginx as a reverse proxy on loopback in front of one upstream; `switchUpstream` rewrites the
 * upstream file and reloads, as a blue-green switch on a single VM does.
 */
export interface Nginx {
  port: number
  prefix: string
  /** The main configuration file (for `nginx -p prefix -c conf`). */
  conf: string
  upstreamFile: string
  /** Requests logged in blue-green-swap's documented format (see packages/providers/traffic/host/nginx-mapping.ts). */
  accessLogFile: string
  switchUpstream(target: string): void
  stop(): Promise<void>
}

export interface NginxOptions {
  /** Keep-alive connections from nginx to the app (`keepalive N` in the upstream block); 0 for none. */
  upstreamKeepalive?: number
  /** Lines added inside the server's `location / { }`. */
  locationExtra?: string
  /** Route by flag files instead of the upstream include (blue-green-swap's `nginx-switch: flag-files`). */
  flag?: { dir: string; ports: { blue: number; green: number } }
}

export async function startNginx(upstream: string, options: NginxOptions = {}): Promise<Nginx> {
  const port = await freePort()
  const prefix = mkdtempSync(join(tmpdir(), 'nginx-'))
  mkdirSync(join(prefix, 'logs'))
  const upstreamFile = join(prefix, 'upstream.conf')
  const conf = join(prefix, 'nginx.conf')
  const accessLogFile = join(prefix, 'logs', 'access.log')
  const keepalive = options.upstreamKeepalive ?? 0
  const flag = options.flag ? flagSnippet({ flagDir: options.flag.dir, ports: options.flag.ports, keepalive }) : undefined
  writeFileSync(upstreamFile, `server ${upstream};\n`)
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  log_format deploy_actions 'da1 $msec $status $request_time $upstream_addr';
  access_log ${accessLogFile} deploy_actions;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${flag ? `${flag.http}\n` : ''}  upstream app {
    include ${upstreamFile};
${keepalive > 0 ? `    keepalive ${keepalive};\n` : ''}  }
  server {
    listen 127.0.0.1:${port};
    location / {
      ${flag ? flag.location.split('\n').join('\n      ') : 'proxy_pass http://app;'}
${keepalive > 0 ? '      proxy_http_version 1.1;\n      proxy_set_header Connection "";\n' : ''}${options.locationExtra ?? ''}
    }
  }
}
`
  )
  const service = await startService({ name: 'nginx', command: 'nginx', args: ['-p', prefix, '-c', conf], ready: () => portOpen(port) })
  return {
    port,
    prefix,
    conf,
    upstreamFile,
    accessLogFile,
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
