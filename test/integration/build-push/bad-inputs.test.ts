import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { rm } from 'node:fs/promises'
import { startRegistry, type Registry } from '../../support/services/registry.js'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { buildahStorage, registryApi, writeContext, type BuildahStorage } from './support.js'

/** Bad input fails the bundle before any build, sign-in or push: exit 1, one line naming the input. */

let registry: Registry
let storage: BuildahStorage
let cwd: string
const results: RunResult[] = []

beforeAll(async () => {
  registry = await startRegistry()
  storage = buildahStorage()
  cwd = writeContext({ Dockerfile: 'FROM scratch\nCOPY app.txt /app.txt\n', 'app.txt': 'x\n' })
})

afterAll(async () => {
  await registry?.stop()
  for (const result of results) await cleanup(result)
  await rm(cwd, { recursive: true, force: true })
  storage?.remove()
})

describe('build-push bad inputs', () => {
  const digest = `sha256:${'d'.repeat(64)}`
  test.each<[string, Record<string, string>, string]>([
    ['an invalid image name', { images: 'Shop/App' }, 'images'],
    ['an invalid tag template', { tags: 'release/{{version}}' }, 'tags'],
    ['an unknown engine', { engine: 'kaniko' }, 'engine'],
    ['a bad platform', { platforms: 'amd64' }, 'platforms'],
    ['a registry without credentials', { 'registry-auth': '' }, 'registry-auth'],
    ['push with load', { engine: 'docker', load: 'true' }, 'load'],
    ['promote-from without a digest', { 'promote-from': 'REGISTRY/shop/staging:main' }, 'promote-from'],
    ['promote-from with a build input', { 'promote-from': `REGISTRY/shop/staging@${digest}`, target: 'runtime' }, 'target']
  ])('%s', async (_, overrides, input) => {
    const inputs = Object.fromEntries(
      Object.entries({ engine: 'buildah', images: `${registry.host}/shop/bad`, 'registry-auth': `${registry.host}=anonymous`, ...overrides }).map(([k, v]) => [
        k,
        v.replace('REGISTRY', registry.host)
      ])
    )
    const result = await runAction({ action: 'build-push', inputs, cwd, env: storage.env })
    results.push(result)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(new RegExp(`^Input "${input}" `))
    expect(result.stdout).not.toContain('::group::')
    expect(result.state['auth-dirs']).toBeUndefined()
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(await registryApi(registry.host).tags('shop/bad')).toEqual([])
  })
})
