import { describe, expect, test } from '@jest/globals'
import { registryApi, registryFixture } from './support.js'

/** Bad input fails the bundle before any build, sign-in or push: exit 1, one line naming the input. */

const fx = registryFixture('x\n')

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
      Object.entries({ engine: 'buildah', images: `${fx.registry.host}/shop/bad`, 'registry-auth': `${fx.registry.host}=anonymous`, ...overrides }).map(([k, v]) => [
        k,
        v.replace('REGISTRY', fx.registry.host)
      ])
    )
    const result = await fx.run({ action: 'build-push', inputs, env: fx.storage.env })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(new RegExp(`^Input "${input}" `))
    expect(result.stdout).not.toContain('::group::')
    expect(result.state['auth-dirs']).toBeUndefined()
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(await registryApi(fx.registry.host).tags('shop/bad')).toEqual([])
  })
})
