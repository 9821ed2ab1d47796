import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startFakeEcsHttp, type FakeEcsHttp } from '../../support/fakes/aws-ecs-http.js'
import { ALB_INPUTS, IMAGE } from '../../support/fakes/aws-ecs-sdk.js'
import { expectInputRejected, runSwap } from '../../support/swap-runner.js'

// dist/blue-green-swap/index.js run as the runner runs it, against a loopback fake of the ECS JSON
// API and the ELBv2 Query API (the SDK reaches it through AWS_ENDPOINT_URL_ECS /
// AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2).

const ecsInputs = { provider: 'aws-ecs', ...ALB_INPUTS }
const deploy = { ...ecsInputs, version: '9f8e7d6', image: `${IMAGE}:9f8e7d6`, steps: '10,100' }

let fake: FakeEcsHttp
beforeEach(async () => {
  fake = await startFakeEcsHttp()
})
afterEach(async () => {
  await fake.stop()
})

const swap = (inputs: Record<string, string>) => runSwap(inputs, { env: fake.env, timeoutMs: 90_000 })

describe('blue-green-swap with aws-ecs (runner contract, faked ECS and ELBv2 APIs on loopback)', () => {
  it('deploys a canary: new revision, green stable with progress, 10% then 100%, outputs and summary', async () => {
    fake.account.pollsUntilStable = 2
    const result = await swap(deploy)
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      'active-color': 'green',
      'active-version': '9f8e7d6',
      'previous-color': 'blue',
      'previous-version': 'v7',
      'rolled-back': 'false',
      url: 'https://api.mealplanner.com/'
    })
    expect(result.stdout).toMatch(/api-green: 1\/2 tasks running, 0 healthy in the target group \(0%\) after \d+ s/)
    expect(result.stdout).toContain('api-green is stable: 2/2 tasks running, 2 healthy in the target group')
    expect(fake.account.calls).toEqual([
      `RegisterTaskDefinition ${IMAGE}:9f8e7d6`,
      'UpdateService api-green meal-planner-api:8 desired=2',
      'ModifyListener green=10',
      'ModifyListener green=100',
      'DeregisterTaskDefinition 5',
      'DeregisterTaskDefinition 4',
      'DeregisterTaskDefinition 3',
      'DeregisterTaskDefinition 2',
      'DeregisterTaskDefinition 1'
    ])
    expect(fake.account.tags.get('deploy-actions:active')).toBe('green')
    expect(result.summary).toContain('9f8e7d6')
  })

  it('a deployment the ECS circuit breaker rolled back fails the step (exit 1), with traffic on blue', async () => {
    fake.account.pollsUntilStable = 1
    fake.account.circuitBreaker = true
    const result = await swap(deploy)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('was rolled back to meal-planner-api:6 (deployment circuit breaker)')
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'v7', 'rolled-back': 'true' })
    expect(fake.account.greenWeight()).toBe(0)
    expect(fake.account.services['api-green'].desiredCount).toBe(0)
  })

  it('mode status reads the listener weights and the services, changing nothing', async () => {
    const result = await swap({ ...ecsInputs, mode: 'status' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'v7' })
    expect(fake.account.calls).toEqual([])
    expect(fake.requests.every((request) => / Describe/.test(request))).toBe(true)
  })

  it.each<[string, Record<string, string>, string]>([
    ['a missing listener', { ...deploy, 'ecs-listener': '' }, 'Input "ecs-listener" is empty, but provider is aws-ecs'],
    ['a bad percentage', { ...deploy, steps: '10,150' }, 'Input "steps" has "150", which is not a percentage from 1 to 100'],
    ['access keys where the role ARN goes', { ...deploy, 'aws-role-arn': 'AKIAIOSFODNN7EXAMPLE' }, 'Input "aws-role-arn" is "AKIAIOSFODNN7EXAMPLE", which is not an IAM role ARN'],
    ['a host input', { ...deploy, 'nginx-upstream-file': '/etc/nginx/conf.d/api.upstream' }, 'Input "nginx-upstream-file" is set, but provider is aws-ecs'],
    [
      'a task definition file that does not exist',
      { ...deploy, 'ecs-task-definition': 'missing/task-definition.json' },
      'Input "ecs-task-definition" names missing/task-definition.json, which does not exist'
    ]
  ])('bad input: %s fails before any AWS call, naming the input', async (_name, inputs, message) => {
    const result = await swap(inputs)
    expectInputRejected(result, message)
    expect(fake.requests).toEqual([])
  })
})
