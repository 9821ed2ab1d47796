import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { expectInputRejected, runSwap, visible } from '../../support/swap-runner.js'
import { startFakeVercelInProduction, VERCEL_TOKEN, type FakeVercel } from '../../support/fakes/vercel-api.js'

// dist/blue-green-swap/index.js with provider vercel, run as the runner does, against a fake
// Vercel REST API on loopback (faked Vercel).
let fake: FakeVercel

const swap = (inputs: Record<string, string>) =>
  runSwap({ provider: 'vercel', 'vercel-token': VERCEL_TOKEN, 'vercel-project': 'todo-frontend', 'vercel-api-url': fake.url, 'vercel-poll-interval': '20ms', ...inputs })

const posts = (): string[] => fake.requests.filter((r) => r.method === 'POST').map((r) => r.path)

beforeEach(async () => {
  fake = await startFakeVercelInProduction()
})

afterEach(async () => {
  await fake.stop()
})

describe('blue-green-swap provider vercel (runner contract, faked Vercel)', () => {
  it('promotes a preview still building: waits for READY, one switch instead of steps, production serves it', async () => {
    const preview = fake.addDeployment('dpl_Green0001', { readyState: 'BUILDING', buildPolls: 2 })
    fake.throttle(1)
    const result = await swap({ version: `https://${preview.url}`, steps: '10,50,100' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(fake.project.production).toBe('dpl_Green0001')
    expect(posts()).toEqual(['/v10/projects/prj_fake1234/promote/dpl_Green0001'])
    expect(result.outputs).toMatchObject({
      'active-color': 'green',
      'active-version': 'dpl_Green0001',
      'previous-version': 'dpl_Blue00001',
      'rolled-back': 'false',
      url: 'https://todo.example.com/'
    })
    expect(result.stdout).toContain('vercel cannot split traffic by percent: one switch to 100% instead of steps 10, 50, 100')
    expect(result.stdout).toContain('waiting for deployment dpl_Green0001 to be READY: BUILDING')
    expect(result.stdout).toContain('HTTP 429; retry 1')
    expect(visible(result)).not.toContain(VERCEL_TOKEN)
  })

  it('a promote failing in the middle of the switch: exit 1, production still on blue, and the run says so', async () => {
    fake.addDeployment('dpl_Green0001')
    fake.failNextAlias()
    const result = await swap({ version: 'dpl_Green0001' })
    expect(result.exitCode).toBe(1)
    expect(fake.project.production).toBe('dpl_Blue00001')
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'dpl_Blue00001', 'rolled-back': 'true' })
    expect(result.errors[0]).toContain("Vercel's promote to dpl_Green0001 failed; production still serves dpl_Blue00001")
    expect(posts()).toEqual(['/v10/projects/prj_fake1234/promote/dpl_Green0001'])
  })

  it('mode rollback: instant rollback to the previous production deployment; a second rollback says it already happened', async () => {
    const result = await swap({ mode: 'rollback' })
    expect(result.exitCode).toBe(0)
    expect(fake.project.production).toBe('dpl_Older0001')
    expect(posts()).toEqual(['/v1/projects/prj_fake1234/rollback/dpl_Older0001'])
    expect(result.outputs).toMatchObject({ 'active-version': 'dpl_Older0001', 'rolled-back': 'true' })

    const again = await swap({ mode: 'rollback' })
    expect(again.exitCode).toBe(0)
    expect(again.outputs.reason).toContain('already rolled back')
    expect(posts()).toHaveLength(1)
  })

  it('mode status reads only', async () => {
    const result = await swap({ mode: 'status' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'dpl_Blue00001', 'previous-version': 'dpl_Older0001' })
    expect(posts()).toEqual([])
  })

  it('re-running a promotion that already happened changes nothing', async () => {
    const result = await swap({ version: 'dpl_Blue00001' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.reason).toContain('already live')
    expect(posts()).toEqual([])
  })

  it.each<[string, Record<string, string>, string]>([
    [
      'a token in the wrong form',
      { version: 'dpl_Green0001', 'vercel-token': 'Bearer hunter2hunter2hunter2' },
      'Input "vercel-token" is not in the form of a Vercel access token (the value is not shown)'
    ],
    ['a missing project', { version: 'dpl_Green0001', 'vercel-project': '' }, 'Input "vercel-project" is empty'],
    ['a version that is no deployment', { version: 'v1.4.2' }, 'Input "version" is "v1.4.2", which is not a deployment id or URL'],
    ['a host input', { version: 'dpl_Green0001', host: 'local' }, 'Input "host" is set, but provider is vercel'],
    ['steps not ending at 100', { version: 'dpl_Green0001', steps: '10,50' }, 'Input "steps" ends at 50, not 100']
  ])('bad input (%s) fails before any call to Vercel, naming the input', async (_name, inputs, message) => {
    const result = await swap(inputs)
    expectInputRejected(result, message)
    expect(visible(result)).not.toContain('hunter2')
    expect(fake.requests).toEqual([])
    expect(result.outputs).toEqual({})
  })
})
