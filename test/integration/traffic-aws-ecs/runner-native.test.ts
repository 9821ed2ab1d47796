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
const deploy = { ...nativeInputs, version: '9f8e7d6', image: `${IMAGE}:9f8e7d6` }

let fake: FakeEcsHttp
beforeEach(async () => {
  fake = await startFakeEcsHttp()
  fake.native.stagesPerRead = 5
  fake.native.bakePolls = 0
})
afterEach(async () => {
  await fake.stop()
})

const swap = (inputs: Record<string, string>, timeoutMs = 90_000) => runSwap(inputs, { env: fake.env, timeoutMs })

describe('blue-green-swap with aws-ecs native blue/green (runner contract, faked ECS API on loopback)', () => {
  it('deploys through ECS BLUE_GREEN: one switch, progress per lifecycle stage, outputs and summary', async () => {
    const result = await swap(deploy)
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'active-color': 'green', 'active-version': '9f8e7d6', 'previous-version': 'v7', 'rolled-back': 'false', url: 'https://api.mealplanner.com/' })
    expect(result.stdout).toContain('with its BLUE_GREEN strategy (service deployment')
    expect(result.stdout).toMatch(/api: IN_PROGRESS, POST_TEST_TRAFFIC_SHIFT \(test traffic on green\), 2\/2 green tasks running/)
    expect(result.stdout).toMatch(/api: IN_PROGRESS, CLEAN_UP/)
    expect(result.stdout).toContain('api: SUCCESSFUL')
    expect(fake.account.calls.slice(0, 2)).toEqual([`RegisterTaskDefinition ${IMAGE}:9f8e7d6`, 'UpdateService api meal-planner-api:8 BLUE_GREEN bake=5'])
    expect(fake.native.latest()!.status).toBe('SUCCESSFUL')
    expect(fake.native.tags.get('deploy-actions:last')).toMatch(/^promoted green \S+ 9f8e7d6$/)
    expect(fake.requests.some((request) => request.startsWith('elb '))).toBe(false)
    expect(result.summary).toContain('9f8e7d6')
    expect(result.summary).toContain("**Traffic:** ECS moves the traffic (the service's BLUE_GREEN deployment")
    expect(result.summary).toContain('then its bake time with blue still up): one switch')
  })

  // ECS bakes in whole minutes, so a LINEAR run bakes at least 1 minute per step for real here: one step, then ECS's own rollback.
  it('LINEAR from steps 25,50,75,100: linearConfiguration, progress per traffic step, and ECS rolling back on its own at 50% fails the step (exit 1)', async () => {
    fake.native.breakerAtWeight = 50
    const result = await swap({ ...deploy, steps: '25,50,75,100', bake: '1m', 'ecs-bake-time': '5' }, 150_000)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('CloudWatch alarm api-5xx in ALARM during the production traffic shift')
    expect(fake.account.calls.slice(0, 2)).toEqual([`RegisterTaskDefinition ${IMAGE}:9f8e7d6`, 'UpdateService api meal-planner-api:8 LINEAR bake=5 linear=25%/1m'])
    expect(result.stdout).toMatch(/api: IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT \(moving production traffic to green\), 2\/2 green tasks running, 25% of production traffic on green/)
    expect(result.stdout).toContain('ECS moved 25% of production traffic to green (9f8e7d6); it bakes this step while the analysis runs')
    expect(result.stdout).toContain('Step 1: 25% of traffic on green (9f8e7d6) after ')
    expect(result.stdout).not.toContain('cannot split traffic')
    expect(fake.account.calls.filter((call) => call.startsWith('StopServiceDeployment'))).toEqual([])
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'v7', 'rolled-back': 'true' })
    expect(result.summary).toContain("**Traffic:** ECS moves the traffic in steps 25, 50, 75, 100 (the service's LINEAR deployment: 25% per step, 1 minute step bake")
    expect(fake.native.latest()!.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(fake.native.taskDefinition).toMatch(/:7$/)
  }, 180_000)

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
    ['a pause between steps', { ...deploy, steps: '10,100', 'pause-after-step': '10' }, 'Input "pause-after-step" is set, but ecs-service selects ECS native blue/green'],
    ['steps ECS cannot run', { ...deploy, steps: '10,50,100', bake: '1m' }, 'Input "steps" is 10,50,100, a shape ECS native deployments cannot run with ecs-service'],
    ['a LINEAR bake ECS cannot express', { ...deploy, steps: '25,50,75,100', bake: '90s' }, 'Input "bake" is not a whole number of minutes']
  ])('bad input: %s fails before any AWS call, naming the input', async (_name, inputs, message) => {
    const result = await swap(inputs)
    expectInputRejected(result, message)
    expect(fake.requests).toEqual([])
  })
})
