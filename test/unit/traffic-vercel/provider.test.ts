import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { closeHttpAgent } from '../../../packages/core/http.js'
import type { Logger } from '../../../packages/core/log.js'
import { parseVercelConfig } from '../../../packages/providers/traffic/vercel/config.js'
import { createVercelProvider } from '../../../packages/providers/traffic/vercel/provider.js'
import { startFakeVercelInProduction, VERCEL_TOKEN, type FakeVercel } from '../../support/fakes/vercel-api.js'

const signal = new AbortController().signal
let fake: FakeVercel
let lines: string[]
const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`WARN ${m}`), debug: () => {} }

function provider(extra: Record<string, string> = {}) {
  const config = parseVercelConfig({ 'vercel-token': VERCEL_TOKEN, 'vercel-project': 'todo-frontend', 'vercel-api-url': fake.url, 'vercel-poll-interval': '1ms', ...extra })
  return createVercelProvider(config, { logger, sleep: async () => {} })
}

beforeEach(async () => {
  lines = []
  fake = await startFakeVercelInProduction()
})

afterEach(async () => {
  await fake.stop()
  await closeHttpAgent()
})

describe('vercel provider (faked Vercel REST API)', () => {
  test('status: production is blue, the previous production deployment green; one switch, no weights', async () => {
    const vercel = provider()
    const status = await vercel.status(signal)
    expect(vercel.supportsWeights).toBe(false)
    expect(status).toMatchObject({ active: 'blue', activeVersion: 'dpl_Blue00001', previousVersion: 'dpl_Older0001', weights: { blue: 100, green: 0 } })
    expect(status.history[0]).toMatchObject({ version: 'dpl_Blue00001', outcome: 'promoted' })
    expect(vercel.publicUrl()).toBe('https://todo.example.com/')
    expect(fake.requests.every((r) => r.authorized)).toBe(true)
  })

  test('prepare waits until a building deployment (named by URL) is READY and returns its own URL', async () => {
    const d = fake.addDeployment('dpl_Green0001', { readyState: 'BUILDING', buildPolls: 3 })
    const vercel = provider()
    await vercel.status(signal)
    const target = await vercel.prepare({ version: `https://${d.url}` }, signal)
    expect(target).toEqual({ color: 'green', version: `https://${d.url}`, directUrl: `https://${d.url}/` })
    expect(lines.some((l) => l.includes('waiting for deployment dpl_Green0001 to be READY: BUILDING'))).toBe(true)
    expect(fake.project.production).toBe('dpl_Blue00001')
  })

  test('prepare fails on a deployment whose build failed; production untouched', async () => {
    fake.addDeployment('dpl_Broken001', { readyState: 'BUILDING', buildPolls: 1, finalState: 'ERROR' })
    const vercel = provider()
    await vercel.status(signal)
    await expect(vercel.prepare({ version: 'dpl_Broken001' }, signal)).rejects.toThrow('deployment dpl_Broken001 is ERROR; it can never serve')
    expect(fake.project.production).toBe('dpl_Blue00001')
  })

  test('shift 100 promotes and waits until production serves it, through throttling (429 + Retry-After)', async () => {
    fake.addDeployment('dpl_Green0001')
    const vercel = provider()
    await vercel.status(signal)
    const target = await vercel.prepare({ version: 'dpl_Green0001' }, signal)
    fake.throttle(2)
    await vercel.shift(target.color, 100, signal)
    expect(fake.project.production).toBe('dpl_Green0001')
    expect(fake.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual(['/v10/projects/prj_fake1234/promote/dpl_Green0001'])
    expect(lines.filter((l) => l.includes('HTTP 429'))).toHaveLength(2)
    expect(lines.some((l) => l.includes('waiting for production to serve dpl_Green0001: in-progress'))).toBe(true)
    const status = await vercel.status(signal)
    expect(status).toMatchObject({ active: 'green', activeVersion: 'dpl_Green0001', previousVersion: 'dpl_Blue00001' })
  })

  test('a promote that fails mid-shift ends with production on blue and says so; rollback to blue is a no-op', async () => {
    fake.addDeployment('dpl_Green0001')
    const vercel = provider()
    await vercel.status(signal)
    const target = await vercel.prepare({ version: 'dpl_Green0001' }, signal)
    fake.failNextAlias()
    await expect(vercel.shift(target.color, 100, signal)).rejects.toThrow("Vercel's promote to dpl_Green0001 failed; production still serves dpl_Blue00001")
    await vercel.rollback('blue', 'the switch failed', signal)
    expect(fake.project.production).toBe('dpl_Blue00001')
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect((await vercel.status(signal)).active).toBe('blue')
  })

  test('rollback after a promotion uses the instant rollback to the previous production deployment', async () => {
    fake.addDeployment('dpl_Green0001')
    const vercel = provider()
    await vercel.status(signal)
    await vercel.shift((await vercel.prepare({ version: 'dpl_Green0001' }, signal)).color, 100, signal)
    await vercel.rollback('blue', 'analysis failed', signal)
    expect(fake.project.production).toBe('dpl_Blue00001')
    expect(fake.requests.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/v10/projects/prj_fake1234/promote/dpl_Green0001',
      '/v1/projects/prj_fake1234/rollback/dpl_Blue00001'
    ])
    const status = await vercel.status(signal)
    expect(status).toMatchObject({ active: 'blue', activeVersion: 'dpl_Blue00001', history: [{ version: 'dpl_Green0001', outcome: 'rolled-back' }] })
    expect(status.previousVersion).toBeUndefined()
  })

  test('rollback in a fresh run: back to the previous production deployment (green)', async () => {
    const vercel = provider()
    const status = await vercel.status(signal)
    await vercel.rollback('green', 'rollback requested', signal)
    expect(status.previousVersion).toBe('dpl_Older0001')
    expect(fake.project.production).toBe('dpl_Older0001')
  })

  test('lock waits for a promote already under way, then goes ahead', async () => {
    fake.addDeployment('dpl_Other0001')
    const other = provider()
    await other.status(signal)
    await other.prepare({ version: 'dpl_Other0001' }, signal)
    // Start a promote by hand, as another run would, and do not wait for it.
    fake.project.lastAliasRequest = { fromDeploymentId: 'dpl_Blue00001', toDeploymentId: 'dpl_Other0001', jobStatus: 'in-progress', requestedAt: Date.now(), type: 'promote' }
    let polls = 0
    const vercel = provider()
    const originalPush = fake.requests.push.bind(fake.requests)
    fake.requests.push = (...items) => {
      if (++polls === 3) (fake.project.lastAliasRequest as Record<string, unknown>).jobStatus = 'succeeded'
      return originalPush(...items)
    }
    const lock = await vercel.lock('octo-org/todo run 7', 60_000, signal)
    await lock.release()
    expect(lines.some((l) => l.includes('promote to dpl_Other0001 in-progress'))).toBe(true)
  })

  test('a token the API refuses: the error says what access is missing, never the token', async () => {
    const vercel = provider({ 'vercel-token': 'wrongToken000000000000000' })
    const error = (await vercel.status(signal).catch((e: unknown) => e)) as Error
    expect(error.message).toContain('answered HTTP 403: the token cannot read project todo-frontend')
    expect(error.message).not.toContain('wrongToken')
  })
})
