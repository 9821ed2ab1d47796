// The router in front of the two colors. blue-green-swap's host provider drives it with
// `nginx-switch: flag-files`: a switch to W % on green renames the symlink <flag-dir>/current onto a
// folder holding the bucket files 00…W-1, and the router sends a request to green when the file of
// the request's bucket (one of 100) exists. The provider only renames that link — it runs no nginx
// command in this mode — so any router that reads the same flags is driven the same way:
// - nginx, when installed: configured once as packages/providers/traffic/host/README.md shows;
// - otherwise a small embedded router in this process (Node's http), reading the same files.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { Agent, createServer, request } from 'node:http'
import { connect } from 'node:net'
import { join } from 'node:path'

const bucketName = (i) => String(i).padStart(2, '0')

export function nginxInstalled() {
  const probe = spawnSync('nginx', ['-v'], { stdio: 'ignore' })
  return probe.error === undefined && probe.status === 0
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

/** nginx in the foreground (daemon off) under `prefix`, routing by the flag files; stop() ends it. */
export async function startNginxRouter({ prefix, flagDir, ports }) {
  const port = await freePort()
  mkdirSync(join(prefix, 'logs'), { recursive: true })
  const conf = join(prefix, 'nginx.conf')
  const buckets = Array.from({ length: 100 }, (_, i) => (i < 99 ? `      1% ${bucketName(i)};` : `      * ${bucketName(i)};`)).join('\n')
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 512; }
http {
  log_format deploy_actions 'da1 $msec $status $request_time $upstream_addr';
  access_log ${prefix}/logs/access.log deploy_actions;
  client_body_temp_path ${prefix}/client_body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  split_clients "\${request_id}" $da_bucket {
${buckets}
  }
  upstream app_blue { server 127.0.0.1:${ports.blue}; keepalive 16; }
  upstream app_green { server 127.0.0.1:${ports.green}; keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      set $da_upstream app_blue;
      if (-f ${flagDir}/current/$da_bucket) { set $da_upstream app_green; }
      proxy_pass http://$da_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`
  )
  // Its own process group: a Ctrl-C in the terminal reaches the demo, which stops nginx last, in order.
  const child = spawn('nginx', ['-p', prefix, '-e', join(prefix, 'logs', 'error.log'), '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
  let stderr = ''
  child.stderr.on('data', (chunk) => (stderr += chunk))
  let exited = false
  child.on('exit', () => (exited = true))
  const deadline = Date.now() + 10_000
  while (!(await portOpen(port))) {
    if (exited || Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`nginx did not start: ${stderr.trim() || 'no output'}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return {
    kind: 'nginx',
    url: `http://127.0.0.1:${port}/`,
    pid: child.pid,
    async stop() {
      if (exited) return
      // QUIT: nginx's graceful shutdown; a hard kill if it lingers.
      const done = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGQUIT')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
      await done
      clearTimeout(timer)
    }
  }
}

/** The embedded router: a Node http proxy choosing blue or green per request from the same flag files. */
export async function startEmbeddedRouter({ flagDir, ports }) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const server = createServer((req, res) => {
    const bucket = bucketName(Math.floor(Math.random() * 100))
    const color = existsSync(join(flagDir, 'current', bucket)) ? 'green' : 'blue'
    const upstream = request({ host: '127.0.0.1', port: ports[color], method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' })
      res.end('bad gateway\n')
    })
    req.pipe(upstream)
  })
  server.keepAliveTimeout = 65_000
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    kind: 'embedded',
    url: `http://127.0.0.1:${server.address().port}/`,
    async stop() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(() => resolve()))
      agent.destroy()
    }
  }
}
