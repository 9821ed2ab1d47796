import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { closeHttpAgent } from '../../../packages/core/http.js'
import type { Logger } from '../../../packages/core/log.js'
import { parseRailwayConfig } from '../../../packages/providers/traffic/railway/config.js'
import { createRailwayProvider } from '../../../packages/providers/traffic/railway/provider.js'
import { RAILWAY_ENVIRONMENT, RAILWAY_SERVICE, RAILWAY_TOKEN, startFakeRailway, type FakeRailway } from '../../support/fakes/railway-api.js'

const signal = new AbortController().signal
let fake: FakeRailway
let lines: string[]
const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`WARN ${m}`), debug: () => {} }
const provider = (token = RAILWAY_TOKEN) =>
  createRailwayProvider(
    parseRailwayConfig({
      'railway-token': token,
      'railway-service': RAILWAY_SERVICE,
      'railway-environment': RAILWAY_ENVIRONMENT,
      'railway-api-url': fake.url,
      'railway-poll-interval': '1ms'
    }),
    { logger, sleep: async () => {} }
  )
const mutations = () => fake.operations.filter((o) => !['deployments', 'deployment'].includes(o.name)).map((o) => o.name)

beforeEach(async () => {
  lines = []
  fake = await startFakeRailway()
  fake.seedSuccess({ image: 'ghcr.io/octo/todo-api:1.0.0', reason: 'deploy' })
  fake.seedSuccess({ image: 'ghcr.io/octo/todo-api:1.1.0', reason: 'deploy' })
})

afterEach(async () => {
  await fake.stop()
  await closeHttpAgent()
})

describe('railway provider (faked Railway GraphQL API)', () => {
  test('status: the serving deployment is blue, the replaced one green; URL from the deployment', async () => {
    const railway = provider()
    expect(await railway.status(signal)).toMatchObject({ active: 'blue', activeVersion: 'ghcr.io/octo/todo-api:1.1.0', previousVersion: 'ghcr.io/octo/todo-api:1.0.0' })
    expect(railway.publicUrl()).toBe('https://todo-api-production.up.railway.app/')
    expect(fake.operations.every((o) => o.authorized)).toBe(true)
  })

  test('an image deploy through throttling: image set, deployed, waited for SUCCESS', async () => {
    const railway = provider()
    await railway.status(signal)
    fake.throttle(2)
    const target = await railway.prepare({ version: '1.2.0', image: 'ghcr.io/octo/todo-api:1.2.0' }, signal)
    expect(target.color).toBe('green')
    expect(mutations()).toEqual(['serviceInstanceUpdate', 'serviceInstanceDeployV2'])
    expect(lines.filter((l) => l.includes('HTTP 429'))).toHaveLength(2)
    expect(lines.some((l) => /waiting for Railway deployment [\w-]+ to succeed: (BUILDING|DEPLOYING)/.test(l))).toBe(true)
    await railway.shift('green', 100, signal)
    expect(await railway.status(signal)).toMatchObject({ active: 'green', activeVersion: 'ghcr.io/octo/todo-api:1.2.0', previousVersion: 'ghcr.io/octo/todo-api:1.1.0' })
  })

  test('a commit deploy passes the commit SHA', async () => {
    const railway = provider()
    await railway.status(signal)
    await railway.prepare({ version: '3f2a9c1e' }, signal)
    expect(fake.operations.find((o) => o.name === 'serviceInstanceDeployV2')?.variables).toMatchObject({
      commitSha: '3f2a9c1e',
      serviceId: RAILWAY_SERVICE,
      environmentId: RAILWAY_ENVIRONMENT
    })
    expect(fake.serving()?.meta.commitHash).toBe('3f2a9c1e')
  })

  test('a failed image deploy: blue keeps serving, and rollback restores the image setting', async () => {
    const railway = provider()
    await railway.status(signal)
    fake.failNextDeployment()
    await expect(railway.prepare({ version: '1.2.0', image: 'ghcr.io/octo/todo-api:1.2.0' }, signal)).rejects.toThrow(/ended FAILED; the service keeps serving its previous deployment/)
    expect(fake.instanceImage).toBe('ghcr.io/octo/todo-api:1.2.0')
    await railway.rollback('blue', 'green did not start', signal)
    expect(fake.serving()?.meta.image).toBe('ghcr.io/octo/todo-api:1.1.0')
    expect(fake.instanceImage).toBe('ghcr.io/octo/todo-api:1.1.0')
    expect(mutations()).not.toContain('deploymentRollback')
  })

  test('rollback after a deploy: deploymentRollback to the previous deployment, waited until SUCCESS', async () => {
    const railway = provider()
    await railway.status(signal)
    const blue = fake.serving()!.id
    await railway.prepare({ version: '1.2.0', image: 'ghcr.io/octo/todo-api:1.2.0' }, signal)
    await railway.rollback('blue', 'analysis failed', signal)
    expect(fake.operations.find((o) => o.name === 'deploymentRollback')?.variables).toEqual({ id: blue })
    expect(fake.serving()?.meta).toMatchObject({ image: 'ghcr.io/octo/todo-api:1.1.0', reason: 'rollback' })
    const status = await railway.status(signal)
    expect(status).toMatchObject({ active: 'blue', activeVersion: 'ghcr.io/octo/todo-api:1.1.0', history: [{ version: 'ghcr.io/octo/todo-api:1.2.0', outcome: 'rolled-back' }] })
    expect(status.previousVersion).toBeUndefined()
  })

  test('a token Railway refuses (GraphQL error in a 200): the run says so, never the token', async () => {
    const error = (await provider('22222222-3333-4444-8555-666666666666')
      .status(signal)
      .catch((e: unknown) => e)) as Error
    expect(error.message).toBe('Railway API deployments: Not Authorized')
  })
})
