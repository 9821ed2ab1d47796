import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { ECSClient } from '@aws-sdk/client-ecs'
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2'
import type { AnalysisSource, Verdict } from '../../../actions/blue-green-swap/src/analysis/types.js'
import { runSwap, type EngineDeps } from '../../../actions/blue-green-swap/src/engine.js'
import type { SwapPlan } from '../../../actions/blue-green-swap/src/plan.js'
import type { Logger } from '../../../packages/core/log.js'
import { parseEcsConfig, type EcsAlbConfig } from '../../../packages/providers/traffic/aws-ecs/config.js'
import { AlbWeightsProvider as EcsProvider } from '../../../packages/providers/traffic/aws-ecs/alb-weights/alb-provider.js'
import { readTemplate } from '../../../packages/providers/traffic/aws-ecs/provider.js'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CancelledError } from '../../../actions/blue-green-swap/src/engine.js'
import { ALB_INPUTS, FakeEcsAccount, IMAGE, TARGET_GROUPS, TEST_LISTENER } from '../../support/fakes/aws-ecs-sdk.js'

const config = parseEcsConfig({ 'aws-region': 'us-east-1', ...ALB_INPUTS }) as EcsAlbConfig

const plan: SwapPlan = {
  mode: 'deploy',
  release: { version: '9f8e7d6', image: `${IMAGE}:9f8e7d6` },
  steps: [10, 50, 100],
  bakeMs: 1000,
  keepPreviousMs: 60_000,
  pauseAfter: [],
  failureLimit: 2,
  lockTimeoutMs: 60_000
}

function scripted(verdicts: Verdict[]): AnalysisSource {
  let step = 0
  return {
    name: 'prometheus',
    when: 'after',
    async run(window) {
      const verdict = verdicts[Math.min(step++, verdicts.length - 1)]
      return [{ source: 'prometheus', name: 'error-rate', verdict, value: verdict === 'fail' ? 0.05 : 0.001, detail: `error-rate ${verdict} at ${window.weight}%` }]
    }
  }
}

let account: FakeEcsAccount
let lines: string[]
beforeEach(() => {
  account = new FakeEcsAccount()
  lines = []
})
afterEach(() => account.restore())

function provider(overrides: Partial<EcsAlbConfig> = {}, template?: ReturnType<typeof readTemplate>): EcsProvider {
  const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug() {} }
  const client = { region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } }
  return new EcsProvider(
    new ECSClient(client),
    new ElasticLoadBalancingV2Client(client),
    { ...config, ...overrides },
    { logger, sleep: async () => {}, pollIntervalMs: 1, ...(template ? { template } : {}) }
  )
}

function swap(p: EcsProvider, overrides: Partial<SwapPlan> = {}, analysis: AnalysisSource[] = [], deps: Partial<EngineDeps> = {}) {
  return runSwap(
    { ...plan, ...overrides },
    {
      provider: p,
      analysis,
      verifyGreen: async () => ({ passed: true, detail: 'no checks' }),
      logger: { info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug() {} },
      owner: 'octo-org/api run 7 job deploy',
      signal: new AbortController().signal,
      sleep: async () => {},
      ...deps
    }
  )
}

describe('aws-ecs provider (faked ECS and ELBv2 SDK clients)', () => {
  test('a canary 10 → 50 → 100 registers a revision with the new image, waits for green to be stable, shifts the listener and promotes', async () => {
    const p = provider()
    const result = await swap(p, {}, [scripted(['pass'])])
    expect(result.outcome).toBe('promoted')
    expect(result.failed).toBe(false)
    expect(account.calls).toEqual([
      `RegisterTaskDefinition ${IMAGE}:9f8e7d6`,
      'UpdateService api-green meal-planner-api:8 desired=2',
      'ModifyListener green=10',
      'ModifyListener green=50',
      'ModifyListener green=100',
      'DeregisterTaskDefinition 5',
      'DeregisterTaskDefinition 4',
      'DeregisterTaskDefinition 3',
      'DeregisterTaskDefinition 2',
      'DeregisterTaskDefinition 1'
    ])
    // The registered definition is the blue one with only the image replaced.
    const registered = account.definitions.get('arn:aws:ecs:us-east-1:123456789012:task-definition/meal-planner-api:8')!.definition
    expect(registered.containerDefinitions).toEqual([{ name: 'api', image: `${IMAGE}:9f8e7d6`, essential: true, portMappings: [{ containerPort: 3000 }] }])
    expect(lines.some((line) => /api-green: 1\/2 tasks running.*\(\d+%\) after/.test(line))).toBe(true)
    expect(lines).toContain('  api-green is stable: 2/2 tasks running, 2 healthy in the target group')
    const status = await p.status(new AbortController().signal)
    expect(status).toMatchObject({ active: 'green', activeVersion: '9f8e7d6', previousVersion: 'v7', weights: { blue: 0, green: 100 } })
    expect(status.history[0]).toMatchObject({ outcome: 'promoted', color: 'green', version: '9f8e7d6' })
    expect(account.tags.has('deploy-actions:lock')).toBe(false)
    // Revisions 6 (green before), 7 (blue, in use) and 8 (green, in use) stay registered.
    expect([...account.definitions.entries()].filter(([, d]) => d.active).map(([arn]) => arn.slice(arn.lastIndexOf(':') + 1))).toEqual(['6', '7', '8'])
  })

  test('a deployment rolled back by the ECS circuit breaker fails the step; no traffic ever reached green', async () => {
    account.circuitBreaker = true
    const result = await swap(provider())
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(true)
    expect(result.reason).toContain(
      'green did not start: ECS service api-green: the deployment of meal-planner-api:8 was rolled back to meal-planner-api:6 (deployment circuit breaker): ECS deployment circuit breaker: tasks failed to start.'
    )
    expect(account.calls.filter((call) => call.startsWith('ModifyListener'))).toEqual(['ModifyListener green=0'])
    expect(account.calls).toContain('UpdateService api-green desired=0')
    expect(account.services['api-blue']).toMatchObject({ taskDefinition: expect.stringMatching(/:7$/), desiredCount: 2 })
    expect(result.status).toMatchObject({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 } })
  })

  test('an analysis failing at 10% puts every request back on blue, stops green and records the rollback', async () => {
    const result = await swap(provider(), {}, [scripted(['fail'])])
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(true)
    expect(account.calls.filter((call) => call.startsWith('ModifyListener'))).toEqual(['ModifyListener green=10', 'ModifyListener green=0'])
    expect(account.services['api-green'].desiredCount).toBe(0)
    expect(account.tags.get('deploy-actions:active')).toBe('blue')
    expect(account.tags.get('deploy-actions:last')).toMatch(/^rolled-back green \S+ 9f8e7d6 analysis failed at 10/)
    expect(result.status!.history[0]).toMatchObject({ outcome: 'rolled-back', version: '9f8e7d6' })
  })

  test('throttling is ridden out with backoff (DescribeServices, ModifyListener, AddTags)', async () => {
    account.throttle.DescribeServices = 2
    account.throttle.ModifyListener = 1
    account.throttle.AddTags = 3
    const result = await swap(provider(), { steps: [100] })
    expect(result.outcome).toBe('promoted')
    expect(lines.filter((line) => / throttled \(attempt \d\); retrying in /.test(line))).toHaveLength(6)
    expect(account.greenWeight()).toBe(100)
  })

  test('a failure in the middle of the shift says where traffic is, then rolls back to blue', async () => {
    account.failAt.ModifyListener = [2]
    const result = await swap(provider())
    expect(result.outcome).toBe('rolled-back')
    expect(result.reason).toContain(
      'the switch failed: ModifyListener failed: AccessDenied: User is not authorized to perform: elasticloadbalancing:ModifyListener; the listener sends 90% to blue and 10% to green'
    )
    expect(account.greenWeight()).toBe(0)
    expect(result.status!.weights).toEqual({ blue: 100, green: 0 })
  })

  test('mode rollback after a promotion: back to the kept previous version at once, the failed color stopped', async () => {
    const p = provider()
    await swap(p, { steps: [100] })
    account.calls.length = 0
    const result = await swap(p, { mode: 'rollback' })
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(false)
    expect(account.calls).toEqual(['ModifyListener green=0', 'UpdateService api-green desired=0'])
    expect(result.status).toMatchObject({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 } })
    expect(result.status!.previousVersion).toBeUndefined()
  })

  test('rollback to a color scaled to zero starts it again and waits until it is stable before moving traffic', async () => {
    const p = provider()
    await swap(p, { steps: [100], keepPreviousMs: 0 })
    expect(account.services['api-blue'].desiredCount).toBe(0)
    account.calls.length = 0
    await p.rollback('blue', 'by hand', new AbortController().signal)
    expect(account.calls).toEqual(['UpdateService api-blue desired=2', 'ModifyListener green=0', 'UpdateService api-green desired=0'])
  })

  test('pause after 10%: the listener tags keep the paused deployment; promote in a later run continues it', async () => {
    const p = provider()
    const paused = await swap(p, { pauseAfter: [10] })
    expect(paused.outcome).toBe('paused')
    expect(account.tags.get('deploy-actions:paused')).toMatch(/^green 10 50\/100 \S+ 9f8e7d6$/)
    const status = await provider().status(new AbortController().signal)
    expect(status).toMatchObject({ active: 'blue', weights: { blue: 90, green: 10 }, paused: { color: 'green', version: '9f8e7d6', weight: 10, remainingSteps: [50, 100] } })
    const promoted = await swap(provider(), { mode: 'promote', release: undefined })
    expect(promoted.outcome).toBe('promoted')
    expect(account.greenWeight()).toBe(100)
    expect(account.tags.has('deploy-actions:paused')).toBe(false)
  })

  test('the test listener is pointed at green before the checks, which run on the test URL', async () => {
    const p = provider({ testListenerArn: TEST_LISTENER, testUrl: 'https://api.mealplanner.com:8443/' })
    account.testListenerActions = [{ Type: 'forward', TargetGroupArn: TARGET_GROUPS.blue }]
    const urls: string[] = []
    await swap(p, { steps: [100] }, [], { verifyGreen: async (target) => (urls.push(target.directUrl), { passed: true, detail: 'ok' }) })
    expect(account.calls[1]).toBe('ModifyListener test→green')
    expect(urls).toEqual(['https://api.mealplanner.com:8443/'])
  })

  test('a lock held by another run fails naming the holder, changing nothing', async () => {
    account.tags.set('deploy-actions:lock', `${Date.now() + 3_600_000} octo-org/api run 6 job deploy`)
    await expect(swap(provider(), { lockTimeoutMs: 5 })).rejects.toThrow('held by octo-org/api run 6 job deploy')
    expect(account.calls).toEqual([])
  })

  test('a re-run of a promoted deploy is a no-op', async () => {
    await swap(provider(), { steps: [100] })
    account.calls.length = 0
    const again = await swap(provider(), { steps: [100] })
    expect(again.outcome).toBe('unchanged')
    expect(account.calls).toEqual([])
  })

  test('a template file is registered instead of the current definition (describe-task-definition output accepted)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-template-'))
    const file = join(dir, 'task-definition.json')
    const template = {
      family: 'meal-planner-api',
      cpu: '1024',
      memory: '2048',
      containerDefinitions: [
        { name: 'api', image: 'placeholder', essential: true },
        { name: 'xray', image: 'amazon/aws-xray-daemon', essential: false }
      ]
    }
    writeFileSync(file, JSON.stringify({ taskDefinition: template }))
    await swap(provider({ container: 'api' }, readTemplate(file)), { steps: [100] })
    const registered = account.definitions.get('arn:aws:ecs:us-east-1:123456789012:task-definition/meal-planner-api:8')!.definition
    expect(registered).toMatchObject({
      cpu: '1024',
      memory: '2048',
      containerDefinitions: [
        { name: 'api', image: `${IMAGE}:9f8e7d6` },
        { name: 'xray', image: 'amazon/aws-xray-daemon' }
      ]
    })
  })

  test.each<[string, string, string]>([
    ['not JSON', '{ family: ', 'Input "ecs-task-definition" names'],
    ['no containers', '{"family":"api","containerDefinitions":[]}', 'which has no family or no containerDefinitions']
  ])('a template file that is %s is an input error', (_name, text, message) => {
    const file = join(mkdtempSync(join(tmpdir(), 'ecs-template-')), 'task.json')
    writeFileSync(file, text)
    expect(() => readTemplate(file)).toThrow(message)
  })

  test('a run cancelled while green starts leaves every request on blue and green stopped', async () => {
    const controller = new AbortController()
    let polls = 0
    const p = new EcsProvider(
      new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'f', secretAccessKey: 'f' } }),
      new ElasticLoadBalancingV2Client({ region: 'us-east-1', credentials: { accessKeyId: 'f', secretAccessKey: 'f' } }),
      config,
      {
        logger: { info: (m) => lines.push(m), warning() {}, debug() {} },
        pollIntervalMs: 1,
        sleep: async () => {
          if (++polls === 1) controller.abort(new Error('SIGINT'))
        }
      }
    )
    await expect(swap(p, {}, [], { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
    expect(account.greenWeight()).toBe(0)
    expect(account.services['api-green'].desiredCount).toBe(0)
    expect(account.tags.get('deploy-actions:active')).toBe('blue')
    expect(account.tags.has('deploy-actions:lock')).toBe(false)
  })

  test('keep-previous: the first run holding the lock after it ran out stops the previous color; until then rollback is instant', async () => {
    let now = Date.parse('2026-11-29T10:00:00Z')
    const clock = (): EcsProvider =>
      new EcsProvider(
        new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'f', secretAccessKey: 'f' } }),
        new ElasticLoadBalancingV2Client({ region: 'us-east-1', credentials: { accessKeyId: 'f', secretAccessKey: 'f' } }),
        config,
        {
          logger: { info: (m) => lines.push(m), warning() {}, debug() {} },
          pollIntervalMs: 1,
          sleep: async () => {},
          now: () => now
        }
      )
    await swap(clock(), { steps: [100], keepPreviousMs: 10 * 60_000 })
    expect(account.tags.get('deploy-actions:keep-until')).toBe(String(now + 10 * 60_000))
    now += 5 * 60_000
    const early = await swap(clock(), { mode: 'status' })
    expect(early.status!.previousVersion).toBe('v7')
    now += 6 * 60_000
    account.calls.length = 0
    const late = await swap(clock(), { mode: 'rollback' })
    expect(account.calls).toEqual(['UpdateService api-blue desired=0'])
    expect(late.outcome).toBe('unchanged')
    expect(late.reason).toContain('nothing to roll back to')
    expect(account.tags.has('deploy-actions:keep-until')).toBe(false)
  })
})
