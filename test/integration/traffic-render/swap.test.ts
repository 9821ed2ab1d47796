import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { expectInputRejected, runSwap, visible } from '../../support/swap-runner.js'
import { RENDER_KEY, RENDER_SERVICE, startFakeRender, type FakeRender } from '../../support/fakes/render-api.js'

// dist/blue-green-swap/index.js with provider render, run as the runner does, against a fake
// Render REST API on loopback (faked Render).
let fake: FakeRender

const swap = (inputs: Record<string, string>) =>
  runSwap({ provider: 'render', 'render-api-key': RENDER_KEY, 'render-service': RENDER_SERVICE, 'render-api-url': fake.url, 'render-poll-interval': '20ms', ...inputs })

const posts = (): string[] => fake.requests.filter((r) => r.method === 'POST').map((r) => r.path.replace(`/v1/services/${RENDER_SERVICE}`, ''))

beforeEach(async () => {
  fake = await startFakeRender()
  fake.seedLive('aaaaaaa1')
  fake.seedLive('bbbbbbb2')
})

afterEach(async () => {
  await fake.stop()
})

describe('blue-green-swap provider render (runner contract, faked Render)', () => {
  it('deploys an image, waits until live through throttling, one switch instead of steps', async () => {
    fake.throttle(1)
    const result = await swap({ version: '1.4.2', image: 'ghcr.io/octo/todo-api:1.4.2', steps: '25,100' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(fake.live()?.image?.ref).toBe('ghcr.io/octo/todo-api:1.4.2')
    expect(posts()).toEqual(['/deploys'])
    expect(result.outputs).toMatchObject({
      'active-color': 'green',
      'active-version': 'ghcr.io/octo/todo-api:1.4.2',
      'previous-version': 'bbbbbbb2',
      'rolled-back': 'false',
      url: 'https://todo-api.onrender.com/'
    })
    expect(result.stdout).toContain('render cannot split traffic by percent: one switch to 100% instead of steps 25, 100')
    expect(result.stdout).toContain('HTTP 429; retry 1')
    expect(visible(result)).not.toContain(RENDER_KEY)
  })

  it('a deploy that fails: exit 1, the previous deploy still live, no rollback call needed', async () => {
    fake.failNextDeploy()
    const result = await swap({ version: 'ccccccc3' })
    expect(result.exitCode).toBe(1)
    expect(fake.live()?.commit?.id).toBe('bbbbbbb2')
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'bbbbbbb2', 'rolled-back': 'true' })
    expect(result.errors[0]).toMatch(/ended update_failed; the service still serves its previous deploy/)
    expect(posts()).toEqual(['/deploys'])
  })

  it('mode rollback goes back to the previous deploy; a second one says it already happened', async () => {
    const result = await swap({ mode: 'rollback' })
    expect(result.exitCode).toBe(0)
    expect(fake.live()).toMatchObject({ trigger: 'rollback', commit: { id: 'aaaaaaa1' } })
    expect(result.outputs).toMatchObject({ 'active-version': 'aaaaaaa1', 'rolled-back': 'true' })
    const again = await swap({ mode: 'rollback' })
    expect(again.exitCode).toBe(0)
    expect(again.outputs.reason).toContain('already rolled back')
    expect(posts()).toEqual(['/rollback'])
  })

  it.each<[string, Record<string, string>, string]>([
    ['a key in the wrong form', { version: 'ccccccc3', 'render-api-key': 'hunter2hunter2' }, 'Input "render-api-key" is not in the form of a Render API key (the value is not shown)'],
    ['a service name instead of its id', { version: 'ccccccc3', 'render-service': 'todo-api' }, 'Input "render-service" is "todo-api", which is not a service id'],
    ['a version that is no commit, without image', { version: 'v1.4.2' }, 'Input "version" is "v1.4.2", which is not a commit SHA, and image is empty'],
    ['a command', { version: 'ccccccc3', command: 'uvicorn main:app' }, 'Input "command" is set, but provider is render'],
    ['a vercel input', { version: 'ccccccc3', 'vercel-project': 'todo' }, 'Input "vercel-project" is set, but provider is render'],
    ['a pause between steps', { version: 'ccccccc3', steps: '50,100', 'pause-after-step': '50' }, 'Input "pause-after-step" is set, but render cannot split traffic by percent']
  ])('bad input (%s) fails before any call to Render, naming the input', async (_name, inputs, message) => {
    const result = await swap(inputs)
    expectInputRejected(result, message)
    expect(visible(result)).not.toContain('hunter2')
    expect(fake.requests).toEqual([])
  })
})
