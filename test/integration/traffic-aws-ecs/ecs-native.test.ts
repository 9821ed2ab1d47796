import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { ECSClient } from '@aws-sdk/client-ecs'
import type { AnalysisSource, Verdict } from '../../../actions/blue-green-swap/src/analysis/types.js'
import { CancelledError, runSwap, type EngineDeps } from '../../../actions/blue-green-swap/src/engine.js'
import type { SwapPlan } from '../../../actions/blue-green-swap/src/plan.js'
import type { Logger } from '../../../packages/core/log.js'
import { parseEcsConfig, withEngineBake, type EcsNativeConfig } from '../../../packages/providers/traffic/aws-ecs/config.js'
import { NativeBlueGreenProvider } from '../../../packages/providers/traffic/aws-ecs/native/native-provider.js'
import { FakeNativeService, NATIVE_SERVICE_ARN } from '../../support/fakes/aws-ecs-native.js'
import { FakeEcsAccount, IMAGE } from '../../support/fakes/aws-ecs-sdk.js'

const config = withEngineBake(
  parseEcsConfig({
    'aws-region': 'us-east-1',
    'ecs-cluster': 'meal-planner-production',
    'ecs-service': 'api',
    'ecs-keep-revisions': '3',
    'ecs-test-url': 'https://api.mealplanner.com:9443',
    'public-url': 'https://api.mealplanner.com'
  }) as EcsNativeConfig,
  60_000
)

const plan: SwapPlan = {
  mode: 'deploy',
  release: { version: '9f8e7d6', image: `${IMAGE}:9f8e7d6` },
  steps: [10, 50, 100],
  bakeMs: 60_000,
  keepPreviousMs: 0,
  pauseAfter: [],
  failureLimit: 2,
  lockTimeoutMs: 60_000
}

function scripted(verdict: Verdict): AnalysisSource {
  return {
    name: 'prometheus',
    when: 'after',
    async run(window) {
      return [{ source: 'prometheus', name: 'error-rate', verdict, value: verdict === 'fail' ? 0.05 : 0.001, detail: `error-rate ${verdict} at ${window.weight}%` }]
    }
  }
}

let account: FakeEcsAccount
let ecs: FakeNativeService
let lines: string[]
beforeEach(() => {
  account = new FakeEcsAccount()
  ecs = new FakeNativeService(account)
  lines = []
})
afterEach(() => account.restore())

const logger = (): Logger => ({ info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug() {} })

function provider(overrides: Partial<EcsNativeConfig> = {}): NativeBlueGreenProvider {
  return new NativeBlueGreenProvider(
    new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } }),
    { ...config, ...overrides },
    {
      logger: logger(),
      sleep: async () => {},
      pollIntervalMs: 1
    }
  )
}

function swap(p: NativeBlueGreenProvider, overrides: Partial<SwapPlan> = {}, analysis: AnalysisSource[] = [], deps: Partial<EngineDeps> = {}) {
  return runSwap(
    { ...plan, ...overrides },
    {
      provider: p,
      analysis,
      verifyGreen: async () => ({ passed: true, detail: 'no checks' }),
      logger: logger(),
      owner: 'octo-org/api run 7 job deploy',
      signal: new AbortController().signal,
      sleep: async () => {},
      ...deps
    }
  )
}

describe('aws-ecs native blue/green (faked ECS)', () => {
  test('happy path: a new revision, UpdateService with BLUE_GREEN, progress per lifecycle stage, one switch, SUCCESSFUL; status reads ECS back', async () => {
    const p = provider()
    const urls: string[] = []
    const result = await swap(p, {}, [scripted('pass')], { verifyGreen: async (target) => (urls.push(target.directUrl), { passed: true, detail: 'ok' }) })
    expect(result.outcome).toBe('promoted')
    expect(result.failed).toBe(false)
    expect(account.calls).toEqual([
      `RegisterTaskDefinition ${IMAGE}:9f8e7d6`,
      'UpdateService api meal-planner-api:8 BLUE_GREEN bake=10',
      'DeregisterTaskDefinition 5',
      'DeregisterTaskDefinition 4',
      'DeregisterTaskDefinition 3',
      'DeregisterTaskDefinition 2',
      'DeregisterTaskDefinition 1'
    ])
    // The new revision carries its version and color; the checks ran on ECS's test listener rule.
    expect(account.definitions.get('arn:aws:ecs:us-east-1:123456789012:task-definition/meal-planner-api:8')!.tags).toEqual([
      { key: 'deploy-actions:version', value: '9f8e7d6' },
      { key: 'deploy-actions:color', value: 'green' }
    ])
    expect(urls).toEqual(['https://api.mealplanner.com:9443/'])
    expect(lines).toContain('aws-ecs cannot split traffic by percent: one switch to 100% instead of steps 10, 50, 100')
    for (const stage of ['SCALE_UP (starting green tasks)', 'TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME (baking', 'CLEAN_UP'])
      expect(lines.some((line) => line.startsWith('  api: IN_PROGRESS, ') && line.includes(stage))).toBe(true)
    expect(lines).toContain('  api: SUCCESSFUL, 2/2 green tasks running')
    expect(result.steps).toHaveLength(1)
    expect(result.steps[0]).toMatchObject({ weight: 100, verdict: 'pass' })
    const status = await provider().status(new AbortController().signal)
    expect(status).toMatchObject({ active: 'green', activeVersion: '9f8e7d6', previousVersion: 'v7', weights: { blue: 0, green: 100 } })
    expect(status.history[0]).toMatchObject({ outcome: 'promoted', color: 'green', version: '9f8e7d6' })
    expect(ecs.tags.has('deploy-actions:lock')).toBe(false)
    // Revisions 6 and below beyond the keep count; 7 (source, rollback target) and 8 (serving) stay.
    expect([...account.definitions.entries()].filter(([, d]) => d.active).map(([arn]) => arn.slice(arn.lastIndexOf(':') + 1))).toEqual(['6', '7', '8'])
  })

  test('the circuit breaker rolling the deployment back is a failure of the step, never a success', async () => {
    ecs.breakerAt = 'SCALE_UP'
    const result = await swap(provider())
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(true)
    expect(result.reason).toContain('green did not start: ECS service api: ECS is rolling the deployment back (ROLLBACK_IN_PROGRESS): ECS deployment circuit breaker: tasks failed to start.')
    expect(account.calls.filter((call) => call.startsWith('StopServiceDeployment'))).toEqual([])
    expect(ecs.taskDefinition).toMatch(/:7$/)
    expect(result.status).toMatchObject({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 } })
    expect(ecs.tags.get('deploy-actions:last')).toMatch(/^rolled-back green \S+ 9f8e7d6 green did not start/)
  })

  test('ECS rolling back on its own during its bake time (alarm) fails the step even though the analysis passed', async () => {
    ecs.breakerAt = 'BAKE_TIME'
    const result = await swap(provider(), {}, [scripted('pass')])
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(true)
    expect(result.reason).toMatch(/^the switch failed: ECS service api: ECS is rolling the deployment back \(ROLLBACK_IN_PROGRESS\)/)
    expect(ecs.latest()!.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(result.status).toMatchObject({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 } })
  })

  test('an analysis failing during ECS bake time stops the deployment with ROLLBACK and waits for ROLLBACK_SUCCESSFUL', async () => {
    const result = await swap(provider(), {}, [scripted('fail')])
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(true)
    expect(result.reason).toMatch(/^analysis failed at 100%/)
    expect(account.calls).toContain('StopServiceDeployment ROLLBACK')
    expect(ecs.latest()!.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(lines.some((line) => line.includes('api: ROLLBACK_SUCCESSFUL'))).toBe(true)
    expect(result.status).toMatchObject({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 } })
    expect(result.status!.previousVersion).toBeUndefined()
  })

  test('throttling is ridden out with backoff (ThrottlingException, then success)', async () => {
    account.throttle.DescribeServiceDeployments = 2
    account.throttle.UpdateService = 1
    account.throttle.TagResource = 2
    const result = await swap(provider())
    expect(result.outcome).toBe('promoted')
    expect(lines.filter((line) => / throttled \(attempt \d\); retrying in /.test(line))).toHaveLength(5)
    expect(ecs.latest()!.status).toBe('SUCCESSFUL')
  })

  test('a deployment stuck past ecs-stable-timeout fails the step, is rolled back, and blue keeps serving', async () => {
    ecs.stuckAt = 'SCALE_UP'
    let now = 0
    const p = new NativeBlueGreenProvider(
      new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'f', secretAccessKey: 'f' } }),
      { ...config, stableTimeoutMs: 60_000 },
      {
        logger: logger(),
        pollIntervalMs: 10_000,
        sleep: async (ms) => {
          now += ms
        },
        now: () => now
      }
    )
    const result = await swap(p)
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(true)
    expect(result.reason).toContain('green did not start: ECS service deployment dep2 of api: green up with test traffic not ready within 1 min 0 s')
    expect(account.calls).toContain('StopServiceDeployment ROLLBACK')
    expect(ecs.taskDefinition).toMatch(/:7$/)
    expect(result.status).toMatchObject({ active: 'blue', weights: { blue: 100, green: 0 } })
  })

  test("promote waits out ECS's bake time beyond ecs-stable-timeout instead of rolling back a good deployment", async () => {
    ecs.bakePolls = 20
    let now = 0
    const p = new NativeBlueGreenProvider(
      new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'f', secretAccessKey: 'f' } }),
      { ...config, stableTimeoutMs: 60_000 },
      {
        logger: logger(),
        pollIntervalMs: 5_000,
        maxPollIntervalMs: 5_000,
        sleep: async (ms) => {
          now += ms
        },
        now: () => now
      }
    )
    const result = await swap(p)
    expect(result.outcome).toBe('promoted')
    expect(now).toBeGreaterThan(60_000)
    expect(ecs.latest()!.status).toBe('SUCCESSFUL')
    // A long bake does not change the status: the wait still says it is alive (once a minute), not one line and then silence.
    expect(lines.filter((line) => /BAKE_TIME .* after \d+ s$/.test(line)).length).toBeGreaterThan(1)
  })

  test('mode rollback after completion deploys the previous revision again; a second rollback has nothing left to do', async () => {
    await swap(provider())
    account.calls.length = 0
    const back = await swap(provider(), { mode: 'rollback' })
    expect(back.outcome).toBe('rolled-back')
    expect(back.failed).toBe(false)
    expect(account.calls).toEqual(['UpdateService api meal-planner-api:7 BLUE_GREEN bake=10'])
    expect(back.status).toMatchObject({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 } })
    // ECS finishes the deployment back on its own; once it has, the rolled-back version is not offered again.
    while (ecs.latest()!.status !== 'SUCCESSFUL') await provider().status(new AbortController().signal)
    const again = await swap(provider(), { mode: 'rollback' })
    expect(again.outcome).toBe('unchanged')
    expect(again.reason).toContain('already rolled back')
  })

  test('a re-run of a promoted deploy is a no-op; a deployment under way from elsewhere is refused and left alone', async () => {
    await swap(provider())
    account.calls.length = 0
    expect((await swap(provider())).outcome).toBe('unchanged')
    expect(account.calls).toEqual([])
    ecs.stuckAt = 'PRE_SCALE_UP'
    account.handlers.UpdateService({ service: 'api', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/meal-planner-api:6' })
    account.calls.length = 0
    const refused = await swap(provider(), { release: { version: 'abc1234', image: `${IMAGE}:abc1234` } })
    expect(refused.failed).toBe(true)
    expect(refused.reason).toMatch(/service deployment dep\d+ of api is IN_PROGRESS \(PRE_SCALE_UP\); wait for it, or stop it with mode: rollback/)
    expect(account.calls).toEqual([])
  })

  test("a service without ECS's advancedConfiguration, or with a bake time shorter than the engine's, is refused before any change", async () => {
    ecs.advanced = false
    const missing = await swap(provider())
    expect(missing.reason).toContain('has no load balancer with an advancedConfiguration')
    ecs.advanced = true
    ecs.deploymentConfiguration.bakeTimeInMinutes = 0
    const short = await swap(provider({ engineBakeMs: 5 * 60_000 }))
    expect(short.reason).toContain("ECS's bake time on api is 0 minutes, shorter than bake (5 minutes)")
    expect(account.calls).toEqual([])
    expect(ecs.tags.has('deploy-actions:lock')).toBe(false)
  })

  test('a run cancelled while ECS starts green stops the deployment with ROLLBACK; blue serves and the lock is released', async () => {
    const controller = new AbortController()
    let polls = 0
    const p = new NativeBlueGreenProvider(new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'f', secretAccessKey: 'f' } }), config, {
      logger: logger(),
      pollIntervalMs: 1,
      sleep: async () => {
        if (++polls === 2) controller.abort(new Error('SIGINT'))
      }
    })
    await expect(swap(p, {}, [], { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError)
    expect(account.calls).toContain('StopServiceDeployment ROLLBACK')
    expect(ecs.latest()!.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(ecs.taskDefinition).toMatch(/:7$/)
    expect(ecs.tags.has('deploy-actions:lock')).toBe(false)
    expect(ecs.tags.get('deploy-actions:last')).toMatch(/^rolled-back green \S+ 9f8e7d6 the job was cancelled/)
  })

  test('a lock held by another run fails naming the holder, changing nothing', async () => {
    ecs.tags.set('deploy-actions:lock', `${Date.now() + 3_600_000} octo-org/api run 6 job deploy`)
    await expect(swap(provider(), { lockTimeoutMs: 5 })).rejects.toThrow('held by octo-org/api run 6 job deploy')
    expect(account.calls).toEqual([])
    expect(NATIVE_SERVICE_ARN).toContain(':service/meal-planner-production/api')
  })
})
