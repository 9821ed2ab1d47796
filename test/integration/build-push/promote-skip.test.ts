import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { startRegistry, type Registry } from '../../support/services/registry.js'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { buildahStorage, registryApi, writeContext, type BuildahStorage } from './support.js'

/** skip-existing and promote-from against real registries (staging open, production with basic auth). */

const prodUser = { username: 'prod-pusher', password: 'pw-prod-93be1c0a' }
let staging: Registry
let production: Registry
let storage: BuildahStorage
const results: RunResult[] = []
let cwd: string

beforeAll(async () => {
  ;[staging, production] = await Promise.all([startRegistry(), startRegistry({ basicAuth: prodUser })])
  storage = buildahStorage()
  cwd = writeContext({ Dockerfile: 'FROM scratch\nCOPY . /app/\n', 'app.txt': 'v1\n', 'notes/draft.md': 'ignored\n', '.dockerignore': 'notes\n' })
})

afterAll(async () => {
  await Promise.all([staging?.stop(), production?.stop()])
  for (const result of results) await cleanup(result)
  await rm(cwd, { recursive: true, force: true })
  storage?.remove()
})

async function buildPush(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<RunResult> {
  const result = await runAction({ action: 'build-push', inputs: { engine: 'buildah', ...inputs }, cwd, env: { ...storage.env, ...env }, timeoutMs: 120_000 })
  results.push(result)
  expect(result.errors).toEqual([])
  expect(result.exitCode).toBe(0)
  return result
}

describe('skip-existing and promote-from', () => {
  const stagingAuth = () => `${staging.host}=anonymous`

  test('skip-existing: an unchanged rerun adds its tags to the pushed image; a file under .dockerignore does not count; a changed file builds again', async () => {
    const first = await buildPush({ images: `${staging.host}/shop/web`, 'registry-auth': stagingAuth(), 'skip-existing': 'true' })
    expect(first.outputs.result).toBe('built')
    expect(first.stdout).toContain('::group::buildah build')
    const key = first.outputs['content-key']
    expect(key).toMatch(/^[a-f0-9]{64}$/)

    writeFileSync(join(cwd, 'notes', 'draft.md'), 'edited, but ignored\n')
    const second = await buildPush(
      { images: `${staging.host}/shop/web`, 'registry-auth': stagingAuth(), 'skip-existing': 'true', tags: 'short-sha\n{{branch}}-{{run_number}}' },
      { GITHUB_RUN_NUMBER: '43' }
    )
    expect(second.outputs.result).toBe('skipped')
    expect(second.outputs['content-key']).toBe(key)
    expect(second.outputs.digest).toBe(first.outputs.digest)
    expect(second.stdout).not.toContain('::group::buildah build')
    expect(second.summary).toContain('Skipped the build')
    expect((await registryApi(staging.host).manifest('shop/web', 'main-43')).digest).toBe(first.outputs.digest)

    writeFileSync(join(cwd, 'app.txt'), 'v2\n')
    const third = await buildPush({ images: `${staging.host}/shop/web`, 'registry-auth': stagingAuth(), 'skip-existing': 'true' })
    expect(third.outputs.result).toBe('built')
    expect(third.outputs['content-key']).not.toBe(key)
    expect(third.outputs.digest).not.toBe(first.outputs.digest)
    writeFileSync(join(cwd, 'app.txt'), 'v1\n')
  })

  test('skip-existing across two registries: the image found in one is copied to the other, by digest, without building', async () => {
    const first = await buildPush({ images: `${staging.host}/shop/worker`, 'registry-auth': stagingAuth(), 'skip-existing': 'true' })
    expect(first.outputs.result).toBe('built')
    const both = await buildPush({
      images: `${staging.host}/shop/worker\n${production.host}/shop/worker`,
      'registry-auth': `${stagingAuth()}\n${production.host}=${prodUser.username}:${prodUser.password}`,
      'skip-existing': 'true'
    })
    expect(both.outputs.result).toBe('skipped')
    expect(both.stdout).not.toContain('::group::buildah build')
    expect(both.outputs.refs.split('\n')).toEqual([`${staging.host}/shop/worker@${first.outputs.digest}`, `${production.host}/shop/worker@${first.outputs.digest}`])
    const api = registryApi(production.host, prodUser)
    expect((await api.manifest('shop/worker', 'main')).digest).toBe(first.outputs.digest)
    expect((await api.tags('shop/worker')).sort()).toEqual([`content-${first.outputs['content-key'].slice(0, 40)}`, '6dcb09b', 'main'].sort())
  })

  test('promote-from copies the exact digest from staging to production (basic auth) without building; the source must be a digest', async () => {
    const built = await buildPush({ images: `${staging.host}/shop/api`, 'registry-auth': stagingAuth() })
    const digest = built.outputs.digest
    const promoted = await buildPush(
      {
        images: `${production.host}/shop/api`,
        'promote-from': `${staging.host}/shop/api@${digest}`,
        'registry-auth': `${staging.host}=anonymous\n${production.host}=${prodUser.username}:${prodUser.password}`,
        tags: 'semver'
      },
      { GITHUB_REF: 'refs/tags/v2.4.1', GITHUB_REF_NAME: 'v2.4.1' }
    )
    expect(promoted.outputs.result).toBe('promoted')
    expect(promoted.outputs.digest).toBe(digest)
    expect(promoted.stdout).not.toContain('::group::buildah')
    const api = registryApi(production.host, prodUser)
    for (const tag of ['2.4.1', '2.4', '2']) expect((await api.manifest('shop/api', tag)).digest).toBe(digest)
    expect(promoted.outputs.refs).toBe(`${production.host}/shop/api@${digest}`)
    expect(promoted.summary).toContain('Promoted without rebuilding')

    const byTag = await runAction({
      action: 'build-push',
      inputs: {
        engine: 'buildah',
        images: `${production.host}/shop/api`,
        'promote-from': `${staging.host}/shop/api:main`,
        'registry-auth': `${staging.host}=anonymous\n${production.host}=${prodUser.username}:${prodUser.password}`
      },
      cwd
    })
    results.push(byTag)
    expect(byTag.exitCode).toBe(1)
    expect(byTag.errors).toEqual([expect.stringContaining('Input "promote-from"')])
    expect(byTag.errors[0]).toContain('has no digest')
  })

  test('promote-by-tag: a multi-platform index is resolved once and copied with every platform manifest, digest unchanged', async () => {
    const built = await buildPush({ images: `${staging.host}/shop/multi`, 'registry-auth': stagingAuth(), platforms: 'linux/amd64,linux/arm64' })
    const promoted = await buildPush({
      images: `${production.host}/shop/multi`,
      'promote-from': `${staging.host}/shop/multi:main`,
      'promote-by-tag': 'true',
      'registry-auth': `${stagingAuth()}\n${production.host}=${prodUser.username}:${prodUser.password}`,
      tags: 'stable'
    })
    expect(promoted.outputs.result).toBe('promoted')
    expect(promoted.outputs.digest).toBe(built.outputs.digest)
    expect(promoted.stdout).toContain(`${staging.host}/shop/multi:main is ${built.outputs.digest} now`)
    const api = registryApi(production.host, prodUser)
    const index = await api.manifest('shop/multi', 'stable')
    expect(index.digest).toBe(built.outputs.digest)
    for (const child of index.json!.manifests) expect((await api.manifest('shop/multi', child.digest)).status).toBe(200)
    expect((JSON.parse(promoted.outputs.metadata) as { platforms: string[] }).platforms.sort()).toEqual(['linux/amd64', 'linux/arm64'])
  })
})
