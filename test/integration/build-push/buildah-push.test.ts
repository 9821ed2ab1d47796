import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { startRegistry, type Registry } from '../../support/services/registry.js'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { buildahStorage, makeShellBase, postStepEnv, registryApi, visibleStdout, writeContext, type BuildahStorage } from './support.js'

/**
 * build-push run as the runner runs it: real buildah builds (vfs storage, chroot isolation) pushed
 * to Debian's docker-registry on loopback, with and without basic auth, read back through the
 * registry's HTTP API.
 */

const user = { username: 'ci-pusher', password: 'pw-7c1e9f0b4d2a' }
let open: Registry
let locked: Registry
let storage: BuildahStorage
let base: string
const results: RunResult[] = []
const contexts: string[] = []

beforeAll(async () => {
  ;[open, locked] = await Promise.all([startRegistry(), startRegistry({ basicAuth: user })])
  storage = buildahStorage()
  base = makeShellBase(storage)
})

afterAll(async () => {
  await Promise.all([open?.stop(), locked?.stop()])
  for (const result of results) await cleanup(result)
  for (const dir of contexts) await rm(dir, { recursive: true, force: true })
  storage?.remove()
})

async function buildPush(inputs: Record<string, string>, cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  const result = await runAction({ action: 'build-push', inputs: { engine: 'buildah', ...inputs }, cwd, env: { ...storage.env, ...env }, timeoutMs: 120_000 })
  results.push(result)
  return result
}

function context(files: Record<string, string>): string {
  const dir = writeContext(files)
  contexts.push(dir)
  return dir
}

describe('build-push with buildah and a real registry', () => {
  test('builds, pushes to a registry with basic auth, tags from the git context, OCI labels; the post step removes the credentials file', async () => {
    const cwd = context({ Dockerfile: 'FROM scratch\nARG GREETING=none\nCOPY app.txt /app.txt\nLABEL greeting=$GREETING\n', 'app.txt': 'v1\n' })
    const result = await buildPush(
      { images: `${locked.host}/octo-org/shop`, 'registry-auth': `${locked.host}=${user.username}:${user.password}`, 'build-args': 'GREETING=hello', labels: 'team=payments' },
      cwd,
      { GITHUB_REF: 'refs/heads/main' }
    )
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs.result).toBe('built')
    const digest = result.outputs.digest
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    expect(result.outputs.refs).toBe(`${locked.host}/octo-org/shop@${digest}`)
    expect(result.outputs.tags.split('\n')).toEqual([`${locked.host}/octo-org/shop:6dcb09b`, `${locked.host}/octo-org/shop:main`])

    const api = registryApi(locked.host, user)
    expect((await registryApi(locked.host).manifest('octo-org/shop', 'main')).status).toBe(401)
    for (const tag of ['6dcb09b', 'main']) expect((await api.manifest('octo-org/shop', tag)).digest).toBe(digest)
    const manifest = await api.manifest('octo-org/shop', digest)
    const config = JSON.parse((await api.blob('octo-org/shop', manifest.json!.config.digest)).toString('utf8')) as { config: { Labels: Record<string, string> } }
    expect(config.config.Labels).toMatchObject({
      greeting: 'hello',
      team: 'payments',
      'org.opencontainers.image.revision': '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      'org.opencontainers.image.source': 'https://github.com/octo-org/shop',
      'org.opencontainers.image.title': 'shop'
    })
    expect(manifest.json!.annotations['org.opencontainers.image.revision']).toBe('6dcb09b5b57875f334f61aebed695e2e4193db5e')
    const metadata = JSON.parse(result.outputs.metadata) as Record<string, unknown>
    expect(metadata).toMatchObject({ result: 'built', digest, layers: 1, engine: 'buildah', platforms: ['linux/amd64'] })
    expect(result.summary).toContain('build-push: Built')
    expect(result.summary).toContain(digest)
    expect(visibleStdout(result)).not.toContain(user.password)
    expect(result.stdout).toContain(`::add-mask::${user.password}`)

    const authDirs = JSON.parse(result.state['auth-dirs']) as string[]
    expect(authDirs).toHaveLength(1)
    expect(existsSync(`${authDirs[0]}/config.json`)).toBe(true)
    const post = await runAction({ action: 'build-push', cwd, env: postStepEnv(result), inputs: {} })
    results.push(post)
    expect(post.exitCode).toBe(0)
    expect(existsSync(authDirs[0])).toBe(false)
    expect(post.stdout).toContain('signed out')
  })

  test('a build secret reaches RUN --mount=type=secret but no layer, log line or output', async () => {
    const secret = 'sk_live_51HqLyjWDarjtT1zdp7dc'
    const cwd = context({
      Dockerfile: `FROM ${base}\nRUN --mount=type=secret,id=api_key { read key || true; } < /run/secrets/api_key; echo "secret length \${#key}" > /proof\n`
    })
    const result = await buildPush({ images: `${open.host}/octo-org/secret-app`, 'registry-auth': `${open.host}=anonymous`, secrets: `api_key=${secret}` }, cwd)
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const api = registryApi(open.host)
    const manifest = await api.manifest('octo-org/secret-app', result.outputs.digest)
    const layers = await Promise.all(manifest.json!.layers.map((layer) => api.blob('octo-org/secret-app', layer.digest)))
    const { gunzipSync } = await import('node:zlib')
    const bytes = Buffer.concat(layers.map((layer: Buffer) => (layer[0] === 0x1f ? gunzipSync(layer) : layer))).toString('latin1')
    // The RUN step did read the secret (the test inside it passed and wrote the proof)…
    expect(bytes).toContain(`secret length ${secret.length}`)
    // …and the secret is nowhere in the image, the config, the log or the outputs.
    expect(bytes).not.toContain(secret)
    const config = (await api.blob('octo-org/secret-app', manifest.json!.config.digest)).toString('utf8')
    expect(config).not.toContain(secret)
    expect(visibleStdout(result)).not.toContain(secret)
    expect(JSON.stringify(result.outputs)).not.toContain(secret)
    expect(result.summary).not.toContain(secret)
  })

  test('several platforms are pushed as one index; push: false builds without pushing', async () => {
    const cwd = context({ Dockerfile: 'FROM scratch\nCOPY app.txt /app.txt\n', 'app.txt': 'multi\n' })
    const result = await buildPush({ images: `${open.host}/octo-org/multi`, 'registry-auth': `${open.host}=anonymous`, platforms: 'linux/amd64,linux/arm64' }, cwd)
    expect(result.errors).toEqual([])
    const index = await registryApi(open.host).manifest('octo-org/multi', '6dcb09b')
    expect(index.digest).toBe(result.outputs.digest)
    expect(index.json!.manifests.map((m) => m.platform.architecture).sort()).toEqual(['amd64', 'arm64'])
    expect((JSON.parse(result.outputs.metadata) as { platforms: string[] }).platforms.sort()).toEqual(['linux/amd64', 'linux/arm64'])

    const dry = await buildPush({ images: `${open.host}/octo-org/not-pushed`, push: 'false' }, cwd, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' })
    expect(dry.errors).toEqual([])
    expect(dry.outputs.result).toBe('built')
    expect(dry.outputs.digest).toMatch(/^sha256:/)
    expect(dry.outputs.refs).toBe('')
    expect(await registryApi(open.host).tags('octo-org/not-pushed')).toEqual([])
  })

  test('a base image pulled from a plain-HTTP registry, layers cached with cache-to, an unused build-arg as a warning annotation', async () => {
    execFileSync('buildah', ['push', '--quiet', '--tls-verify=false', base, `docker://${open.host}/base/sh:1`], { env: { ...process.env, ...storage.env }, stdio: 'ignore' })
    const cwd = context({ Dockerfile: `FROM ${open.host}/base/sh:1\nRUN echo built > /built\n` })
    const result = await buildPush({ images: `${open.host}/octo-org/cached`, 'registry-auth': `${open.host}=anonymous`, 'cache-to': `${open.host}/cache/app`, 'build-args': 'UNUSED=1' }, cwd)
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('--tls-verify=false')
    expect(result.warnings).toEqual([expect.stringContaining('one or more build args were not consumed: [UNUSED]')])
    expect((await registryApi(open.host).tags('cache/app')).length).toBeGreaterThan(0)
    expect((await registryApi(open.host).manifest('octo-org/cached', '6dcb09b')).digest).toBe(result.outputs.digest)
  })
})
