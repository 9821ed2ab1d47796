import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer, request as httpRequest, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll } from '@jest/globals'
import { cleanup, runAction, type RunOptions, type RunResult } from '../../support/runner.js'
import { startRegistry, type Registry } from '../../support/services/registry.js'

/** Helpers shared by the build-push runner-contract tests: buildah storage, contexts, the registry API, a failing proxy. */

export interface BuildahStorage {
  env: Record<string, string>
  remove(): void
}

/** A private buildah storage (vfs, chroot isolation) so tests never touch the machine's images. */
export function buildahStorage(): BuildahStorage {
  const dir = mkdtempSync(join(tmpdir(), 'buildah-'))
  const conf = join(dir, 'storage.conf')
  writeFileSync(conf, `[storage]\ndriver = "vfs"\ngraphroot = "${join(dir, 'root')}"\nrunroot = "${join(dir, 'run')}"\n`)
  const env = { CONTAINERS_STORAGE_CONF: conf, BUILDAH_ISOLATION: 'chroot' }
  return {
    env,
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** A base image with a shell (Debian's dash and its C library), built locally: no public registry is reachable. */
export function makeShellBase(storage: BuildahStorage, name = 'localhost/test-base-sh'): string {
  const ctx = mkdtempSync(join(tmpdir(), 'base-'))
  for (const file of ['/bin/dash', '/lib/x86_64-linux-gnu/libc.so.6', '/lib64/ld-linux-x86-64.so.2']) {
    const target = join(ctx, 'rootfs', file === '/bin/dash' ? '/bin/sh' : file)
    mkdirSync(dirname(target), { recursive: true })
    execFileSync('cp', ['-L', file, target])
  }
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM scratch\nCOPY rootfs/ /\n')
  execFileSync('buildah', ['bud', '--quiet', '-t', name, ctx], { env: { ...process.env, ...storage.env }, stdio: 'ignore' })
  rmSync(ctx, { recursive: true, force: true })
  return name
}

export function writeContext(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-context-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  return dir
}

export interface RegistryFixture {
  registry: Registry
  storage: BuildahStorage
  /** The build context: FROM scratch, COPY app.txt. */
  cwd: string
  /** Runs the bundle in the context (unless `cwd` says otherwise); its files are removed after the file's tests. */
  run(options: RunOptions): Promise<RunResult>
}

/** For one test file: a real registry, a private buildah storage and a one-file context whose app.txt holds `appText`; all removed after its tests. */
export function registryFixture(appText: string): RegistryFixture {
  const results: RunResult[] = []
  const fixture = {
    async run(options: RunOptions) {
      const result = await runAction({ cwd: fixture.cwd, ...options })
      results.push(result)
      return result
    }
  } as RegistryFixture
  beforeAll(async () => {
    fixture.registry = await startRegistry()
    fixture.storage = buildahStorage()
    fixture.cwd = writeContext({ Dockerfile: 'FROM scratch\nCOPY app.txt /app.txt\n', 'app.txt': appText })
  })
  afterAll(async () => {
    await fixture.registry?.stop()
    for (const result of results) await cleanup(result)
    if (fixture.cwd) await rm(fixture.cwd, { recursive: true, force: true })
    fixture.storage?.remove()
  })
  return fixture
}

const ACCEPT = ['application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json'].join(', ')

/** Reads the registry over its HTTP API, the way a deploy would: manifests, blobs, tags. */
/** The fields of an OCI image manifest or index the tests read. */
export interface ImageManifest {
  config: { digest: string }
  layers: { digest: string }[]
  annotations: Record<string, string>
  manifests: { digest: string; platform: { architecture: string } }[]
}

export function registryApi(host: string, auth?: { username: string; password: string }) {
  const headers: Record<string, string> = auth ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` } : {}
  return {
    async manifest(repository: string, reference: string): Promise<{ status: number; digest?: string; json?: ImageManifest }> {
      const response = await fetch(`http://${host}/v2/${repository}/manifests/${reference}`, { headers: { ...headers, accept: ACCEPT } })
      if (response.status !== 200) return { status: response.status }
      return { status: 200, digest: response.headers.get('docker-content-digest') ?? undefined, json: (await response.json()) as ImageManifest }
    },
    async blob(repository: string, digest: string): Promise<Buffer> {
      const response = await fetch(`http://${host}/v2/${repository}/blobs/${digest}`, { headers })
      return Buffer.from(await response.arrayBuffer())
    },
    async tags(repository: string): Promise<string[]> {
      const response = await fetch(`http://${host}/v2/${repository}/tags/list`, { headers })
      if (response.status !== 200) return []
      return ((await response.json()) as { tags?: string[] }).tags ?? []
    }
  }
}

export interface FailingProxy {
  host: string
  /** Requests answered with an error, as "METHOD path status". */
  failures: string[]
  stop(): Promise<void>
}

export interface FailurePlan {
  when: (method: string, path: string) => boolean
  /** Statuses answered, in order, to the first matching requests (429 comes with Retry-After: 1). */
  statuses: number[]
}

/**
 * A proxy in front of the registry that answers the first requests matching each plan with the
 * planned statuses, and forwards everything else.
 */
export async function failingProxy(target: string, plans: FailurePlan[]): Promise<FailingProxy> {
  const failures: string[] = []
  const used = plans.map(() => 0)
  const [targetHost, targetPort] = target.split(':')
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/'
    const index = plans.findIndex((plan, i) => plan.when(req.method ?? 'GET', path) && used[i] < plan.statuses.length)
    if (index >= 0) {
      const status = plans[index].statuses[used[index]++]
      failures.push(`${req.method} ${path.split('?')[0]} ${status}`)
      req.resume()
      res.writeHead(status, status === 429 ? { 'retry-after': '1', 'content-type': 'application/json' } : { 'content-type': 'application/json' })
      res.end(JSON.stringify({ errors: [{ code: status === 429 ? 'TOOMANYREQUESTS' : 'UNAVAILABLE', message: 'try again' }] }))
      return
    }
    const upstream = httpRequest({ host: targetHost, port: Number(targetPort), method: req.method, path, headers: req.headers }, (answer) => {
      const headers = { ...answer.headers }
      // Upload locations point at the registry itself; keep the client on the proxy.
      if (typeof headers.location === 'string') headers.location = headers.location.replace(`http://${target}`, '')
      res.writeHead(answer.statusCode ?? 502, headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.destroy())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { host: `127.0.0.1:${port}`, failures, stop: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** stdout as the runner shows it: without the add-mask commands it consumes. */
export function visibleStdout(result: RunResult): string {
  return result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** Runs the post step the way the runner does: the same bundle again, with the state the main step saved as STATE_* variables. */
export function postStepEnv(result: RunResult): Record<string, string> {
  return Object.fromEntries(Object.entries(result.state).map(([name, value]) => [`STATE_${name}`, value]))
}
