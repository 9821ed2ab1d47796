import { describe, expect, it } from '@jest/globals'
import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs'
import {
  colorsOf,
  describeDeployment,
  nativeStatus,
  progressToWeight,
  progressTowards,
  serviceProblem,
  targetWeight,
  type Goal
} from '../../../packages/providers/traffic/aws-ecs/native/native-mapping.js'
import { strategyNote, strategySteps } from '../../../packages/providers/traffic/aws-ecs/native/native-strategy.js'

const at = (status: ServiceDeployment['status'], lifecycleStage?: string, weight?: number, statusReason?: string): ServiceDeployment => ({
  serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/api/dep1',
  status,
  ...(lifecycleStage ? { lifecycleStage: lifecycleStage as ServiceDeployment['lifecycleStage'] } : {}),
  ...(statusReason ? { statusReason } : {}),
  targetServiceRevision: { arn: 'rev-target', requestedTaskCount: 2, runningTaskCount: 1, ...(weight !== undefined ? { requestedProductionTrafficWeight: weight } : {}) }
})

describe('progressTowards', () => {
  it.each<[string, ServiceDeployment, Goal, 'reached' | 'waiting' | 'failed']>([
    ['scale-up waiting for green', at('IN_PROGRESS', 'SCALE_UP'), 'started', 'waiting'],
    ['post-scale-up: green started', at('IN_PROGRESS', 'POST_SCALE_UP'), 'started', 'reached'],
    ['post-scale-up: no test traffic yet', at('IN_PROGRESS', 'POST_SCALE_UP'), 'tested', 'waiting'],
    ['post-test-traffic-shift: tested', at('IN_PROGRESS', 'POST_TEST_TRAFFIC_SHIFT'), 'tested', 'reached'],
    ['production shift under way', at('IN_PROGRESS', 'PRODUCTION_TRAFFIC_SHIFT'), 'shifted', 'waiting'],
    ['bake time: shifted', at('IN_PROGRESS', 'BAKE_TIME'), 'shifted', 'reached'],
    ['bake time is not done', at('IN_PROGRESS', 'BAKE_TIME'), 'done', 'waiting'],
    ['pending', at('PENDING'), 'started', 'waiting'],
    ['successful: done', at('SUCCESSFUL'), 'done', 'reached'],
    ['successful covers shifted', at('SUCCESSFUL'), 'shifted', 'reached'],
    ['circuit breaker rolled back: a failure', at('ROLLBACK_SUCCESSFUL', undefined, 0, 'circuit breaker'), 'started', 'failed'],
    ['rolled back during bake: a failure of promote', at('ROLLBACK_SUCCESSFUL'), 'done', 'failed'],
    ['rollback failed', at('ROLLBACK_FAILED'), 'shifted', 'failed'],
    ['stopped', at('STOPPED'), 'done', 'failed'],
    ['rolling back', at('ROLLBACK_IN_PROGRESS'), 'done', 'failed'],
    ['stop requested', at('STOP_REQUESTED'), 'started', 'failed'],
    ['rollback wait: requested', at('ROLLBACK_REQUESTED'), 'rolled-back', 'waiting'],
    ['rollback wait: successful', at('ROLLBACK_SUCCESSFUL'), 'rolled-back', 'reached'],
    ['rollback wait: failed', at('ROLLBACK_FAILED'), 'rolled-back', 'failed'],
    ['rollback wait: it completed instead', at('SUCCESSFUL'), 'rolled-back', 'failed']
  ])('%s', (_name, deployment, goal, state) => {
    expect(progressTowards(deployment, goal).state).toBe(state)
  })

  it('names the status and its reason when ECS ends the deployment on its own', () => {
    expect(progressTowards(at('ROLLBACK_SUCCESSFUL', undefined, 0, 'ECS deployment circuit breaker: tasks failed to start.'), 'started').detail).toBe(
      'ECS ended the deployment with ROLLBACK_SUCCESSFUL: ECS deployment circuit breaker: tasks failed to start.'
    )
    expect(progressTowards(at('STOPPED'), 'done').detail).toBe('ECS ended the deployment with STOPPED (circuit breaker, alarm, lifecycle hook or a stop)')
    expect(progressTowards(undefined, 'done')).toEqual({ state: 'failed', detail: 'the service deployment is gone' })
  })

  it('describes a stage in one line', () => {
    expect(describeDeployment(at('IN_PROGRESS', 'SCALE_UP'))).toBe('IN_PROGRESS, SCALE_UP (starting green tasks), 1/2 green tasks running')
  })
})

describe('targetWeight', () => {
  it.each<[ServiceDeployment, number]>([
    [at('IN_PROGRESS', 'BAKE_TIME', 100), 100],
    [at('IN_PROGRESS', 'SCALE_UP', 0), 0],
    [at('IN_PROGRESS', 'BAKE_TIME'), 100],
    [at('IN_PROGRESS', 'TEST_TRAFFIC_SHIFT'), 0],
    [at('SUCCESSFUL', undefined, 0), 100],
    [at('ROLLBACK_SUCCESSFUL', undefined, 100), 0]
  ])('%#', (deployment, weight) => expect(targetWeight(deployment)).toBe(weight))
})

describe('nativeStatus', () => {
  const blue7 = { arn: 'td:7', version: 'v7' }
  const green8 = { arn: 'td:8', version: '9f8e7d6', color: 'green' as const }
  const promoted = { outcome: 'promoted' as const, color: 'green' as const, version: '9f8e7d6', at: '2026-11-29T12:00:00Z' }

  it('no service deployment yet: the untagged running revision is blue', () => {
    expect(nativeStatus({ current: blue7, state: {} })).toEqual({ active: 'blue', activeVersion: 'v7', weights: { blue: 100, green: 0 }, history: [] })
  })

  it('completed: the target is active, the source the previous version a rollback deploys again', () => {
    expect(nativeStatus({ deployment: at('SUCCESSFUL'), source: blue7, target: green8, state: { last: promoted } })).toEqual({
      active: 'green',
      activeVersion: '9f8e7d6',
      previousVersion: 'v7',
      weights: { blue: 0, green: 100 },
      history: [promoted]
    })
  })

  it('before the production shift: the source is active with all the traffic', () => {
    expect(nativeStatus({ deployment: at('IN_PROGRESS', 'SCALE_UP', 0), source: blue7, target: green8, state: {} })).toMatchObject({
      active: 'blue',
      activeVersion: 'v7',
      weights: { blue: 100, green: 0 }
    })
  })

  it('during the bake: production on green, blue still up as the previous version (a rollback stops the deployment)', () => {
    expect(nativeStatus({ deployment: at('IN_PROGRESS', 'BAKE_TIME', 100), source: blue7, target: green8, state: {} })).toMatchObject({
      active: 'green',
      previousVersion: 'v7',
      weights: { blue: 0, green: 100 }
    })
  })

  it('rolled back (by ECS or by us): the source is active and the failed version is not offered again', () => {
    const rolledBack = { ...promoted, outcome: 'rolled-back' as const }
    expect(nativeStatus({ deployment: at('ROLLBACK_SUCCESSFUL'), source: blue7, target: green8, state: { last: rolledBack } })).toEqual({
      active: 'blue',
      activeVersion: 'v7',
      weights: { blue: 100, green: 0 },
      history: [rolledBack]
    })
    // A rollback that redeployed the previous revision: its source is the version rolled back.
    expect(nativeStatus({ deployment: at('SUCCESSFUL'), source: green8, target: blue7, state: { last: rolledBack } }).previousVersion).toBeUndefined()
  })

  it.each([
    [
      { source: undefined, target: undefined },
      { source: 'blue', target: 'green' }
    ],
    [
      { source: { arn: 'a', color: 'green' as const }, target: { arn: 'b' } },
      { source: 'green', target: 'blue' }
    ],
    [
      { source: { arn: 'a' }, target: { arn: 'b', color: 'blue' as const } },
      { source: 'green', target: 'blue' }
    ]
  ])('colors from tags, the untagged one the opposite (%#)', (revisions, colors) => {
    expect(colorsOf({ deployment: at('IN_PROGRESS', 'SCALE_UP', 0), ...revisions })).toEqual(colors)
  })
})

describe('serviceProblem', () => {
  const advanced = { alternateTargetGroupArn: 'tg-green', productionListenerRule: 'rule-prod', testListenerRule: 'rule-test', roleArn: 'role' }
  const ready: Service = {
    deploymentController: { type: 'ECS' },
    deploymentConfiguration: { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 10 },
    loadBalancers: [{ targetGroupArn: 'tg-blue', advancedConfiguration: advanced }]
  }
  const config = { service: 'api' }

  it.each<[string, Service, { bakeTimeMinutes?: number; engineBakeMs?: number; testUrl?: string }, string | undefined]>([
    ['a test URL and a test listener rule', ready, { testUrl: 'https://api.example.com:9443/' }, undefined],
    [
      'a test URL without a test listener rule',
      { ...ready, loadBalancers: [{ targetGroupArn: 'tg-blue', advancedConfiguration: { ...advanced, testListenerRule: undefined } }] },
      { testUrl: 'https://api.example.com:9443/' },
      'ecs-test-url is set, but ECS service api has no testListenerRule'
    ],
    ['ready', ready, {}, undefined],
    ["the engine's bake inside ECS's", ready, { engineBakeMs: 10 * 60_000 }, undefined],
    ['CodeDeploy', { ...ready, deploymentController: { type: 'CODE_DEPLOY' } }, {}, 'uses the CODE_DEPLOY deployment controller'],
    ['no advancedConfiguration', { ...ready, loadBalancers: [{ targetGroupArn: 'tg-blue' }] }, {}, 'has no load balancer with an advancedConfiguration'],
    ['no load balancer', { ...ready, loadBalancers: [] }, {}, 'has no load balancer with an advancedConfiguration'],
    ["ECS's bake shorter than the engine's", ready, { engineBakeMs: 11 * 60_000 }, "ECS's bake time on api is 10 minutes, shorter than bake (11 minutes)"],
    ['ecs-bake-time wins over the service', ready, { bakeTimeMinutes: 1, engineBakeMs: 2 * 60_000 }, 'is 1 minute, shorter than bake (2 minutes)'],
    ['no bake time anywhere', { ...ready, deploymentConfiguration: { strategy: 'ROLLING' } }, { engineBakeMs: 1_000 }, 'is 0 minutes']
  ])('%s', (_name, service, overrides, problem) => {
    const found = serviceProblem(service, { ...config, ...overrides })
    if (problem === undefined) expect(found).toBeUndefined()
    else expect(found).toContain(problem)
  })
})

describe('progressToWeight (a CANARY / LINEAR step)', () => {
  it.each<[string, ServiceDeployment, number, 'reached' | 'waiting' | 'failed']>([
    ['before the production shift', at('IN_PROGRESS', 'POST_TEST_TRAFFIC_SHIFT', 0), 25, 'waiting'],
    ['shifting, below the step', at('IN_PROGRESS', 'PRODUCTION_TRAFFIC_SHIFT', 10), 25, 'waiting'],
    ['shifting, at the step', at('IN_PROGRESS', 'PRODUCTION_TRAFFIC_SHIFT', 25), 25, 'reached'],
    ['ECS already past the step', at('IN_PROGRESS', 'PRODUCTION_TRAFFIC_SHIFT', 75), 50, 'reached'],
    ['after the shift, without a weight', at('IN_PROGRESS', 'BAKE_TIME'), 50, 'reached'],
    ['successful', at('SUCCESSFUL'), 75, 'reached'],
    ['ECS rolling back on its own mid-shift', at('ROLLBACK_IN_PROGRESS', undefined, 50, 'alarm'), 50, 'failed'],
    ['stopped', at('STOPPED'), 25, 'failed']
  ])('%s', (_name, deployment, percent, state) => {
    expect(progressToWeight(deployment, percent).state).toBe(state)
  })

  it('a progress line says how much production traffic ECS has moved mid-shift, and nothing before or after', () => {
    expect(describeDeployment(at('IN_PROGRESS', 'PRODUCTION_TRAFFIC_SHIFT', 33.3))).toBe(
      'IN_PROGRESS, PRODUCTION_TRAFFIC_SHIFT (moving production traffic to green), 1/2 green tasks running, 33.3% of production traffic on green'
    )
    expect(describeDeployment(at('IN_PROGRESS', 'PRODUCTION_TRAFFIC_SHIFT', 0))).not.toContain('production traffic on green')
    expect(describeDeployment(at('IN_PROGRESS', 'BAKE_TIME', 100))).not.toContain('% of production')
  })

  it("the steps ECS takes and the summary's note per strategy", () => {
    expect(strategySteps({ kind: 'BLUE_GREEN' })).toEqual([100])
    expect(strategySteps({ kind: 'CANARY', canaryPercent: 5, stepBakeMinutes: 3 })).toEqual([5, 100])
    expect(strategySteps({ kind: 'LINEAR', stepPercent: 20, stepBakeMinutes: 1 })).toEqual([20, 40, 60, 80, 100])
    expect(strategyNote({ kind: 'LINEAR', stepPercent: 20, stepBakeMinutes: 1 })).toBe(
      "ECS moves the traffic in steps 20, 40, 60, 80, 100 (the service's LINEAR deployment: 20% per step, 1 minute step bake, then its bake time at 100% with blue still up)"
    )
  })
})
