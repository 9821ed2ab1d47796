import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { ECSClient } from '@aws-sdk/client-ecs'
import type { AnalysisSource } from '../../../actions/blue-green-swap/src/analysis/types.js'
import { runSwap } from '../../../actions/blue-green-swap/src/engine.js'
import type { SwapPlan } from '../../../actions/blue-green-swap/src/plan.js'
import type { Logger } from '../../../packages/core/log.js'
import { parseEcsConfig, withEngineBake, type EcsNativeConfig } from '../../../packages/providers/traffic/aws-ecs/config.js'
import { NativeBlueGreenProvider } from '../../../packages/providers/traffic/aws-ecs/native/native-provider.js'
import { nativeStrategy } from '../../../packages/providers/traffic/aws-ecs/native/native-strategy.js'
import { FakeNativeService } from '../../support/fakes/aws-ecs-native.js'
import { FakeEcsAccount, IMAGE } from '../../support/fakes/aws-ecs-sdk.js'

// ECS native CANARY and LINEAR deployments from the engine's steps: ECS moves the traffic step by
// step, the engine follows each step and runs its analysis while ECS bakes it.

const BAKE_MS = 2 * 60_000

function nativeConfig(steps: number[]): EcsNativeConfig {
  const parsed = parseEcsConfig({
    'aws-region': 'us-east-1',
    'ecs-cluster': 'meal-planner-production',
    'ecs-service': 'api',
    'ecs-keep-revisions': '0',
    'ecs-test-url': 'https://api.mealplanner.com:9443',
    'public-url': 'https://api.mealplanner.com'
  }) as EcsNativeConfig
  return withEngineBake({ ...parsed, strategy: nativeStrategy(steps, BAKE_MS) }, BAKE_MS)
}

const plan = (steps: number[]): SwapPlan => ({
  mode: 'deploy',
  release: { version: '9f8e7d6', image: `${IMAGE}:9f8e7d6` },
  steps,
  bakeMs: BAKE_MS,
  keepPreviousMs: 0,
  pauseAfter: [],
  failureLimit: 2,
  lockTimeoutMs: 60_000
})

/** Error rate per step; fails from `failFrom` percent on. Records the production weight ECS reports while each analysis runs. */
function errorRate(failFrom = Number.POSITIVE_INFINITY, seen: Array<[number, number]> = [], p?: () => NativeBlueGreenProvider): AnalysisSource {
  return {
    name: 'prometheus',
    when: 'after',
    async run(window) {
      if (p) seen.push([window.weight, (await p().status(new AbortController().signal)).weights.green])
      const verdict = window.weight >= failFrom ? 'fail' : 'pass'
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
  ecs.stepPolls = 2
  lines = []
})
afterEach(() => account.restore())

const logger = (): Logger => ({ info: (m) => lines.push(m), warning: (m) => lines.push(`warning: ${m}`), debug() {} })

function provider(steps: number[]): NativeBlueGreenProvider {
  return new NativeBlueGreenProvider(new ECSClient({ region: 'us-east-1', credentials: { accessKeyId: 'fake', secretAccessKey: 'fake' } }), nativeConfig(steps), {
    logger: logger(),
    sleep: async () => {},
    pollIntervalMs: 1
  })
}

function swap(steps: number[], analysis: AnalysisSource[]) {
  return runSwap(plan(steps), {
    provider: provider(steps),
    analysis,
    verifyGreen: async () => ({ passed: true, detail: 'ok' }),
    logger: logger(),
    owner: 'octo-org/api run 8 job deploy',
    signal: new AbortController().signal,
    sleep: async () => {}
  })
}

describe('aws-ecs native CANARY and LINEAR from the engine steps (faked ECS)', () => {
  test('CANARY (steps 10,100): UpdateService with canaryConfiguration, the analysis at 10% while ECS bakes the canary, then 100% and SUCCESSFUL', async () => {
    const seen: Array<[number, number]> = []
    const result = await swap([10, 100], [errorRate(undefined, seen, () => provider([10, 100]))])
    expect(result.outcome).toBe('promoted')
    expect(result.failed).toBe(false)
    expect(account.calls.filter((call) => call.startsWith('UpdateService'))).toEqual(['UpdateService api meal-planner-api:8 CANARY bake=10 canary=10%/2m'])
    expect(ecs.deploymentConfiguration).toMatchObject({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 2 } })
    expect(ecs.deploymentConfiguration.linearConfiguration).toBeUndefined()
    expect(result.steps.map((step) => [step.weight, step.verdict])).toEqual([
      [10, 'pass'],
      [100, 'pass']
    ])
    // The analysis at 10% ran while ECS held 10% of production on green.
    expect(seen).toEqual([
      [10, 10],
      [100, 100]
    ])
    expect(lines).toContain('ECS moved 10% of production traffic to green (9f8e7d6); it bakes this step while the analysis runs')
    expect(
      lines.some((line) => /^ {2}api: IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT \(moving production traffic to green\), 2\/2 green tasks running, 10% of production traffic on green$/.test(line))
    ).toBe(true)
    expect(lines.some((line) => line.includes('cannot split traffic'))).toBe(false)
    expect(result.switchNote).toBe("ECS moves the traffic in steps 10, 100 (the service's CANARY deployment: 10%, 2 minutes canary bake, then 100% and its bake time with blue still up)")
    expect(ecs.latest()!.status).toBe('SUCCESSFUL')
    expect(result.status).toMatchObject({ active: 'green', activeVersion: '9f8e7d6', weights: { blue: 0, green: 100 } })
  })

  test('LINEAR (steps 25,50,75,100): UpdateService with linearConfiguration, a progress line and an analysis per traffic step', async () => {
    const seen: Array<[number, number]> = []
    const result = await swap([25, 50, 75, 100], [errorRate(undefined, seen, () => provider([25, 50, 75, 100]))])
    expect(result.outcome).toBe('promoted')
    expect(account.calls.filter((call) => call.startsWith('UpdateService'))).toEqual(['UpdateService api meal-planner-api:8 LINEAR bake=10 linear=25%/2m'])
    expect(result.steps.map((step) => step.weight)).toEqual([25, 50, 75, 100])
    expect(result.steps.every((step) => step.verdict === 'pass')).toBe(true)
    expect(seen).toEqual([
      [25, 25],
      [50, 50],
      [75, 75],
      [100, 100]
    ])
    for (const weight of [25, 50, 75]) {
      expect(lines.some((line) => line.startsWith('  api: IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT') && line.endsWith(`, ${weight}% of production traffic on green`))).toBe(true)
      expect(lines.some((line) => line.startsWith(`Step ${[25, 50, 75].indexOf(weight) + 1}: ${weight}% of traffic on green (9f8e7d6) after `))).toBe(true)
    }
    expect(result.switchNote).toContain("ECS moves the traffic in steps 25, 50, 75, 100 (the service's LINEAR deployment: 25% per step, 2 minutes step bake")
    expect(ecs.latest()!.status).toBe('SUCCESSFUL')
  })

  test('an analysis failing at 50% of a LINEAR deployment stops it with ROLLBACK: production back on blue, the step failed', async () => {
    const result = await swap([25, 50, 75, 100], [errorRate(50)])
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(true)
    expect(result.reason).toMatch(/^analysis failed at 50%: error-rate/)
    expect(result.steps.map((step) => [step.weight, step.verdict])).toEqual([
      [25, 'pass'],
      [50, 'fail']
    ])
    expect(account.calls).toContain('StopServiceDeployment ROLLBACK')
    expect(ecs.latest()!.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(ecs.taskDefinition).toMatch(/:7$/)
    expect(result.status).toMatchObject({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 } })
    expect(ecs.tags.get('deploy-actions:last')).toMatch(/^rolled-back green \S+ 9f8e7d6 analysis failed at 50 : error-rate/)
    expect(ecs.tags.has('deploy-actions:lock')).toBe(false)
  })

  test('ECS rolling a LINEAR deployment back on its own mid-shift (alarm at 50%) fails the step even though every analysis passed', async () => {
    ecs.breakerAtWeight = 50
    const result = await swap([25, 50, 75, 100], [errorRate()])
    expect(result.outcome).toBe('rolled-back')
    expect(result.failed).toBe(true)
    expect(result.reason).toMatch(
      /^the switch failed: ECS service api: ECS (is rolling the deployment back \(ROLLBACK_IN_PROGRESS\)|ended the deployment with ROLLBACK_SUCCESSFUL): CloudWatch alarm api-5xx/
    )
    expect(result.steps.map((step) => step.weight)).toEqual([25, 50])
    expect(account.calls.filter((call) => call.startsWith('StopServiceDeployment'))).toEqual([])
    expect(ecs.latest()!.status).toBe('ROLLBACK_SUCCESSFUL')
    expect(result.status).toMatchObject({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 } })
  })

  test('a step ECS does not take is refused without touching the deployment', async () => {
    const p = provider([25, 50, 75, 100])
    await expect(p.shift('green', 30, new AbortController().signal)).rejects.toThrow(
      "ECS's LINEAR deployment moves the traffic itself in steps 25, 50, 75, 100; 30% to green is not a step it takes"
    )
    expect(account.calls).toEqual([])
  })
})
