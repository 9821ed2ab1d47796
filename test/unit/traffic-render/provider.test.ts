import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { closeHttpAgent } from '../../../packages/core/http.js'
import type { Logger } from '../../../packages/core/log.js'
import { parseRenderConfig } from '../../../packages/providers/traffic/render/config.js'
import { createRenderProvider } from '../../../packages/providers/traffic/render/provider.js'
import { RENDER_KEY, RENDER_SERVICE, startFakeRender, type FakeRender } from '../../support/fakes/render-api.js'

const signal = new AbortController().signal
let fake: FakeRender
let lines: string[]
const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`WARN ${m}`), debug: () => {} }
const provider = () =>
  createRenderProvider(parseRenderConfig({ 'render-api-key': RENDER_KEY, 'render-service': RENDER_SERVICE, 'render-api-url': fake.url, 'render-poll-interval': '1ms' }), {
    logger,
    sleep: async () => {}
  })
const posts = () => fake.requests.filter((r) => r.method === 'POST').map((r) => [r.path.replace(`/v1/services/${RENDER_SERVICE}`, ''), r.body])

beforeEach(async () => {
  lines = []
  fake = await startFakeRender()
  fake.seedLive('aaaaaaa1')
  fake.seedLive('bbbbbbb2')
})

afterEach(async () => {
  await fake.stop()
  await closeHttpAgent()
})

describe('render provider (faked Render REST API)', () => {
  test('status: the live deploy is blue, the one before green; URL from the service', async () => {
    const render = provider()
    expect(await render.status(signal)).toMatchObject({ active: 'blue', activeVersion: 'bbbbbbb2', previousVersion: 'aaaaaaa1', weights: { blue: 100, green: 0 } })
    expect(render.publicUrl()).toBe('https://todo-api.onrender.com/')
    expect(render.supportsWeights).toBe(false)
  })

  test('prepare deploys a commit through throttling and waits until it is live; shift confirms it', async () => {
    const render = provider()
    await render.status(signal)
    fake.throttle(2)
    const target = await render.prepare({ version: 'ccccccc3' }, signal)
    expect(target).toEqual({ color: 'green', version: 'ccccccc3', directUrl: 'https://todo-api.onrender.com/' })
    expect(posts()).toEqual([['/deploys', { clearCache: 'do_not_clear', commitId: 'ccccccc3' }]])
    expect(lines.filter((l) => l.includes('HTTP 429'))).toHaveLength(2)
    expect(lines.some((l) => /waiting for Render deploy dep-\w+ to go live: (build|update)_in_progress/.test(l))).toBe(true)
    await render.shift('green', 100, signal)
    expect(posts()).toHaveLength(1)
    expect(await render.status(signal)).toMatchObject({ active: 'green', activeVersion: 'ccccccc3', previousVersion: 'bbbbbbb2' })
  })

  test('an image deploy queued behind another (202, no body) is found and waited for', async () => {
    const render = provider()
    await render.status(signal)
    fake.queueNextDeploy()
    await render.prepare({ version: '1.4.2', image: 'ghcr.io/octo/api:1.4.2' }, signal)
    expect(fake.live()?.image?.ref).toBe('ghcr.io/octo/api:1.4.2')
  })

  test('a deploy that fails its health check: prepare fails, blue still live, rollback to blue is a no-op', async () => {
    const render = provider()
    await render.status(signal)
    fake.failNextDeploy()
    await expect(render.prepare({ version: 'ccccccc3' }, signal)).rejects.toThrow(/Render deploy dep-\w+ ended update_failed; the service still serves its previous deploy/)
    await render.rollback('blue', 'green did not start', signal)
    expect(fake.live()?.commit?.id).toBe('bbbbbbb2')
    expect(posts()).toHaveLength(1)
  })

  test('rollback after a deploy: Render rollback to the previous deploy, waited until live; then nothing left to roll back', async () => {
    const render = provider()
    await render.status(signal)
    const blueId = fake.live()!.id
    await render.prepare({ version: 'ccccccc3' }, signal)
    await render.rollback('blue', 'analysis failed', signal)
    expect(posts()[1]).toEqual(['/rollback', { deployId: blueId }])
    expect(fake.live()).toMatchObject({ trigger: 'rollback', commit: { id: 'bbbbbbb2' } })
    const status = await render.status(signal)
    expect(status).toMatchObject({ active: 'blue', activeVersion: 'bbbbbbb2', history: [{ version: 'ccccccc3', outcome: 'rolled-back' }] })
    expect(status.previousVersion).toBeUndefined()
  })

  test('a rollback deploy that fails says what the service serves', async () => {
    const render = provider()
    await render.status(signal)
    await render.prepare({ version: 'ccccccc3' }, signal)
    fake.failNextDeploy()
    await expect(render.rollback('blue', 'analysis failed', signal)).rejects.toThrow(
      /ended update_failed; the service still serves its previous deploy; the service serves deploy dep-\w+ \(ccccccc3\)/
    )
  })

  test('a key the API refuses: the error names the access, never the key', async () => {
    const render = createRenderProvider(parseRenderConfig({ 'render-api-key': 'rnd_wrongwrongwrongwrong', 'render-service': RENDER_SERVICE, 'render-api-url': fake.url }), {
      logger,
      sleep: async () => {}
    })
    const error = (await render.status(signal).catch((e: unknown) => e)) as Error
    expect(error.message).toContain(`answered HTTP 401: the token cannot read service ${RENDER_SERVICE}`)
    expect(error.message).not.toContain('wrongwrong')
  })
})
