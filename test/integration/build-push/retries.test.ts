import { describe, expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { failingProxy, postStepEnv, registryApi, registryFixture } from './support.js'

/** A proxy in front of the real registry answers 429 (Retry-After: 1) and 503 before letting requests through. */

const fx = registryFixture('retry me\n')

const uploads = (method: string, path: string): boolean => method === 'POST' && path.includes('/blobs/uploads/')
const manifestPuts = (method: string, path: string): boolean => method === 'PUT' && path.includes('/manifests/')

describe('push retries', () => {
  test('blob uploads and manifest puts answered 429 then 503 are retried (honouring Retry-After) and the image lands', async () => {
    const proxy = await failingProxy(fx.registry.host, [
      { when: uploads, statuses: [429, 503] },
      { when: manifestPuts, statuses: [503, 429] }
    ])
    try {
      const result = await fx.run({
        action: 'build-push',
        inputs: { engine: 'buildah', images: `${proxy.host}/shop/retry`, 'registry-auth': `${proxy.host}=anonymous`, attempts: '4' },
        env: fx.storage.env,
        timeoutMs: 120_000
      })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(proxy.failures).toHaveLength(4)
      expect(proxy.failures).toEqual([
        expect.stringMatching(/^POST .* 429$/),
        expect.stringMatching(/^POST .* 503$/),
        expect.stringMatching(/^PUT .* 503$/),
        expect.stringMatching(/^PUT .* 429$/)
      ])
      expect(result.stdout).toMatch(/answered HTTP 429.*retrying in 1\.0 s/)
      expect(result.stdout).toMatch(/answered HTTP 503.*retrying in/)
      expect((await registryApi(fx.registry.host).manifest('shop/retry', '6dcb09b')).digest).toBe(result.outputs.digest)
    } finally {
      await proxy.stop()
    }
  })

  test('with attempts: 1 the first 503 fails the step with one line naming the registry; the post step still removes the credentials', async () => {
    const proxy = await failingProxy(fx.registry.host, [{ when: uploads, statuses: [503] }])
    try {
      const result = await fx.run({
        action: 'build-push',
        inputs: { engine: 'buildah', images: `${proxy.host}/shop/no-retry`, 'registry-auth': `${proxy.host}=anonymous`, attempts: '1' },
        env: fx.storage.env,
        timeoutMs: 120_000
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(`${proxy.host}/shop/no-retry answered HTTP 503`)
      expect(await registryApi(fx.registry.host).tags('shop/no-retry')).toEqual([])

      // The post step runs after a failed main step too, and still signs out.
      const [authDir] = JSON.parse(result.state['auth-dirs']) as string[]
      expect(existsSync(join(authDir, 'config.json'))).toBe(true)
      const post = await fx.run({ action: 'build-push', env: postStepEnv(result) })
      expect(post.exitCode).toBe(0)
      expect(existsSync(authDir)).toBe(false)
    } finally {
      await proxy.stop()
    }
  })
})
