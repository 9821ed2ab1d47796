import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startFakeEcsHttp, type FakeEcsHttp } from '../../support/fakes/aws-ecs-http.js'
import { IMAGE, LISTENER } from '../../support/fakes/aws-ecs-sdk.js'
import { expectInputRejected, runSwap } from '../../support/swap-runner.js'

// dist/blue-green-swap/index.js run as the runner runs it, in ECS native blue/green mode (ecs-service),
// against the loopback fake of the ECS JSON API (AWS_ENDPOINT_URL_ECS), service deployments included.

const nativeInputs = {
  provider: 'aws-ecs',
  'ecs-cluster': 'meal-planner-production',
  'ecs-service': 'api',
  'ecs-bake-time': '5',
  'ecs-keep-revisions': '3',
  'public-url': 'https://api.mealplanner.com'
}
const deploy = { ...nativeInputs, version: '9f8e7d6', image: `${IMAGE}:9f8e7d6`, steps: '10,100' }

let fake: FakeEcsHttp
beforeEach(async () => {
  fake = await startFakeEcsHttp()
  fake.native.stagesPerRead = 5
  fake.native.bakePolls = 0
})
afterEach(async () => {
  await fake.stop()
})

const swap = (inputs: Record<string, string>) => runSwap(inputs, { env: fake.env, timeoutMs: 90_000 })

describe('blue-green-swap with aws-ecs native blue/green (runner contract, faked ECS API on loopback)', () => {
  it('deploys through ECS BLUE_GREEN: one switch, progress per lifecycle stage, outputs and summary', async () => {
    const result = await swap(deploy)
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'active-color': 'green', 'active-version': '9f8e7d6', 'previous-version': 'v7', 'rolled-back': 'false', url: 'https://api.mealplanner.com/' })
    expect(result.stdout).toContain('aws-ecs cannot split traffic by percent: one switch to 100% instead of steps 10, 100')
    expect(result.stdout).toMatch(/api: IN_PROGRESS, POST_TEST_TRAFFIC_SHIFT \(test traffic on green\), 2\/2 green tasks running/)
    expect(result.stdout).toMatch(/api: IN_PROGRESS, CLEAN_UP/)
    expect(result.stdout).toContain('api: SUCCESSFUL')
    expect(fake.account.calls.slice(0, 2)).toEqual([`RegisterTaskDefinition ${IMAGE}:9f8e7d6`, 'UpdateService api meal-planner-api:8 BLUE_GREEN bake=5'])
    expect(fake.native.latest()!.status).toBe('SUCCESSFUL')
    expect(fake.native.tags.get('deploy-actions:last')).toMatch(/^promoted green \S+ 9f8e7d6$/)
    expect(fake.requests.some((request) => request.startsWith('elb '))).toBe(false)
    expect(result.summary).toContain('9f8e7d6')
    expect(result.summary).toContain("**Traffic:** ECS moves the traffic (the service's BLUE_GREEN deployment")
    expect(result.summary).toContain('one switch instead of steps 10, 100')
  })

  it('a deployment the circuit breaker rolled back fails the step (exit 1), production on blue', async () => {
    fake.native.breakerAt = 'SCALE_UP'
    const result = await swap(deploy)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('ECS ended the deployment with ROLLBACK_SUCCESSFUL: ECS deployment circuit breaker')
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'v7', 'rolled-back': 'true' })
    expect(fake.native.taskDefinition).toMatch(/:7$/)
  })

  it('mode status reads ECS and changes nothing', async () => {
    const result = await swap({ ...nativeInputs, 'ecs-bake-time': '', mode: 'status' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'v7' })
    expect(fake.account.calls).toEqual([])
    expect(fake.requests.every((request) => /^ecs (Describe|List)/.test(request))).toBe(true)
  })

  it.each<[string, Record<string, string>, string]>([
    ['the ALB listener with ecs-service', { ...deploy, 'ecs-listener': LISTENER }, 'Input "ecs-listener" is set, but ecs-service selects ECS native blue/green'],
    ['an ECS bake time shorter than bake', { ...deploy, bake: '10m', 'ecs-bake-time': '5' }, 'Input "ecs-bake-time" is 5 minutes, shorter than bake (10 minutes)'],
    ['a pause between steps', { ...deploy, 'pause-after-step': '10' }, 'Input "pause-after-step" is set, but ecs-service selects ECS native blue/green']
  ])('bad input: %s fails before any AWS call, naming the input', async (_name, inputs, message) => {
    const result = await swap(inputs)
    expectInputRejected(result, message)
    expect(fake.requests).toEqual([])
  })
})
