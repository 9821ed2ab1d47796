import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { expectInputRejected, runSwap, visible } from '../../support/swap-runner.js'
import { RAILWAY_ENVIRONMENT, RAILWAY_SERVICE, RAILWAY_TOKEN, startFakeRailway, type FakeRailway } from '../../support/fakes/railway-api.js'

// dist/blue-green-swap/index.js with provider railway, run as the runner does, against a fake
// Railway GraphQL API on loopback (faked Railway).
let fake: FakeRailway

const swap = (inputs: Record<string, string>) =>
  runSwap({
    provider: 'railway',
    'railway-token': RAILWAY_TOKEN,
    'railway-service': RAILWAY_SERVICE,
    'railway-environment': RAILWAY_ENVIRONMENT,
    'railway-api-url': fake.url,
    'railway-poll-interval': '20ms',
    ...inputs
  })

const mutations = (): string[] => fake.operations.filter((o) => !['deployments', 'deployment'].includes(o.name)).map((o) => o.name)

beforeEach(async () => {
  fake = await startFakeRailway()
  fake.seedSuccess({ commitHash: 'aaaaaaa1', reason: 'deploy' })
  fake.seedSuccess({ commitHash: 'bbbbbbb2', reason: 'deploy' })
})

afterEach(async () => {
  await fake.stop()
})

describe('blue-green-swap provider railway (runner contract, faked Railway)', () => {
  it('deploys a commit through throttling and waits for SUCCESS', async () => {
    fake.throttle(1)
    const result = await swap({ version: 'ccccccc3' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(fake.serving()?.meta.commitHash).toBe('ccccccc3')
    expect(mutations()).toEqual(['serviceInstanceDeployV2'])
    expect(result.outputs).toMatchObject({
      'active-color': 'green',
      'active-version': 'ccccccc3',
      'previous-version': 'bbbbbbb2',
      'rolled-back': 'false',
      url: 'https://todo-api-production.up.railway.app/'
    })
    expect(result.stdout).toContain('HTTP 429; retry 1')
    expect(visible(result)).not.toContain(RAILWAY_TOKEN)
  })

  it('a deployment that fails: exit 1, the previous one still serving', async () => {
    fake.failNextDeployment()
    const result = await swap({ version: 'ccccccc3' })
    expect(result.exitCode).toBe(1)
    expect(fake.serving()?.meta.commitHash).toBe('bbbbbbb2')
    expect(result.outputs).toMatchObject({ 'active-version': 'bbbbbbb2', 'rolled-back': 'true' })
    expect(result.errors[0]).toMatch(/ended FAILED; the service keeps serving its previous deployment/)
  })

  it('mode rollback goes back to the previous deployment; a second one says it already happened', async () => {
    const result = await swap({ mode: 'rollback' })
    expect(result.exitCode).toBe(0)
    expect(fake.serving()?.meta).toMatchObject({ commitHash: 'aaaaaaa1', reason: 'rollback' })
    const again = await swap({ mode: 'rollback' })
    expect(again.exitCode).toBe(0)
    expect(again.outputs.reason).toContain('already rolled back')
    expect(mutations()).toEqual(['deploymentRollback'])
  })

  it.each<[string, Record<string, string>, string]>([
    ['a token in the wrong form', { version: 'ccccccc3', 'railway-token': 'hunter2hunter2' }, 'Input "railway-token" is not in the form of a Railway token (the value is not shown)'],
    ['an environment name instead of its id', { version: 'ccccccc3', 'railway-environment': 'production' }, 'Input "railway-environment" is "production", which is not an environment id'],
    ['no version', { version: '' }, 'Input "version" is empty'],
    ['a render input', { version: 'ccccccc3', 'render-service': 'srv-abc123def456' }, 'Input "render-service" is set, but provider is railway']
  ])('bad input (%s) fails before any call to Railway, naming the input', async (_name, inputs, message) => {
    const result = await swap(inputs)
    expectInputRejected(result, message)
    expect(visible(result)).not.toContain('hunter2')
    expect(fake.operations).toEqual([])
  })
})
