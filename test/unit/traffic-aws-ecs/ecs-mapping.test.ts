import { describe, expect, it } from '@jest/globals'
import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2'
import type { Service, TaskDefinition } from '@aws-sdk/client-ecs'
import { deploymentState, readWeights, withWeights } from '../../../packages/providers/traffic/aws-ecs/alb-weights/alb-mapping.js'
import { TAG, lockTag, pausedTag, readTagState, recordTag } from '../../../packages/providers/traffic/aws-ecs/state-tags.js'
import { registerRequest, revisionsToDeregister, versionOf } from '../../../packages/providers/traffic/aws-ecs/task-definition-mapping.js'

const TG = { blue: 'arn:tg/blue', green: 'arn:tg/green' }
const TD = 'arn:aws:ecs:us-east-1:123456789012:task-definition/meal-planner-api'

describe('listener weights', () => {
  it.each<[string, Action[], { blue: number; green: number }]>([
    ['a single target group', [{ Type: 'forward', TargetGroupArn: TG.blue }], { blue: 100, green: 0 }],
    [
      'weights 90/10',
      [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: TG.blue, Weight: 90 },
              { TargetGroupArn: TG.green, Weight: 10 }
            ]
          }
        }
      ],
      { blue: 90, green: 10 }
    ],
    [
      'weights that are not percentages (1/3)',
      [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              { TargetGroupArn: TG.blue, Weight: 1 },
              { TargetGroupArn: TG.green, Weight: 3 }
            ]
          }
        }
      ],
      { blue: 25, green: 75 }
    ],
    [
      'an authenticate action first',
      [
        { Type: 'authenticate-oidc', Order: 1 },
        { Type: 'forward', Order: 2, ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG.green, Weight: 5 }] } }
      ],
      { blue: 0, green: 100 }
    ]
  ])('reads %s', (_name, actions, weights) => expect(readWeights(actions, TG)).toEqual(weights))

  it('refuses a forward to a third target group, and a listener without forward', () => {
    expect(() => readWeights([{ Type: 'forward', TargetGroupArn: 'arn:tg/other' }], TG)).toThrow('neither the blue nor the green target group')
    expect(() => readWeights([{ Type: 'fixed-response' }], TG)).toThrow('no forward action')
  })

  it('writes the split, keeping stickiness, order and the other actions', () => {
    const actions: Action[] = [
      { Type: 'authenticate-oidc', Order: 1 },
      {
        Type: 'forward',
        Order: 2,
        TargetGroupArn: TG.blue,
        ForwardConfig: { TargetGroups: [{ TargetGroupArn: TG.blue, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 } }
      }
    ]
    const next = withWeights(actions, TG, 'green', 25)
    expect(next[0]).toBe(actions[0])
    expect(next[1]).toEqual({
      Type: 'forward',
      Order: 2,
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: TG.green, Weight: 25 },
          { TargetGroupArn: TG.blue, Weight: 75 }
        ],
        TargetGroupStickinessConfig: { Enabled: true, DurationSeconds: 60 }
      }
    })
    expect(readWeights(next, TG)).toEqual({ blue: 75, green: 25 })
  })
})

describe('task definitions', () => {
  const current: TaskDefinition = {
    taskDefinitionArn: `${TD}:7`,
    family: 'meal-planner-api',
    revision: 7,
    status: 'ACTIVE',
    registeredAt: new Date(0),
    requiresAttributes: [{ name: 'ecs.capability.secrets.asm.environment-variables' }],
    compatibilities: ['EC2', 'FARGATE'],
    networkMode: 'awsvpc',
    cpu: '512',
    memory: '1024',
    containerDefinitions: [
      { name: 'api', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api:0a1b2c3', essential: true },
      { name: 'log-router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', essential: true }
    ]
  }

  it('registers the same definition with only the named container image replaced, tagged with the version', () => {
    const request = registerRequest(current, '123456789012.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api:9f8e7d6', '9f8e7d6', 'api')
    expect(request).toEqual({
      family: 'meal-planner-api',
      networkMode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      containerDefinitions: [{ name: 'api', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api:9f8e7d6', essential: true }, current.containerDefinitions![1]],
      tags: [{ key: TAG.version, value: '9f8e7d6' }]
    })
  })

  it('needs the container named when there are several, and an existing one', () => {
    expect(() => registerRequest(current, 'x:1', '1', undefined)).toThrow('has 2 containers (api, log-router); name the one to update with ecs-container')
    expect(() => registerRequest(current, 'x:1', '1', 'web')).toThrow('has no container "web"')
  })

  it.each<[string, Array<{ key: string; value: string }> | undefined, string | undefined, string | undefined]>([
    ['our tag first', [{ key: TAG.version, value: 'v2.1.0' }], 'api', 'v2.1.0'],
    ['else the image tag', undefined, 'api', '0a1b2c3'],
    ['none when the container is ambiguous', undefined, undefined, undefined]
  ])('the version: %s', (_name, tags, container, version) => expect(versionOf(current, tags, container)).toBe(version))

  it('the version of an image by digest, and of an untagged image', () => {
    const one = (image: string): TaskDefinition => ({ containerDefinitions: [{ name: 'api', image }] })
    expect(versionOf(one('registry:5000/api@sha256:abc'), undefined, undefined)).toBe('sha256:abc')
    expect(versionOf(one('registry:5000/api'), undefined, undefined)).toBe('latest')
  })

  it.each<[string, number[], number[], number, number[]]>([
    ['keeps the newest N', [12, 11, 10, 9, 8], [], 3, [9, 8]],
    ['never one in use', [12, 11, 10, 9, 8], [8], 3, [9]],
    ['any order in', [8, 12, 10, 9, 11], [], 4, [8]],
    ['0 keeps all', [3, 2, 1], [], 0, []]
  ])('revisions to deregister: %s', (_name, revisions, inUse, keep, expected) => {
    const arn = (n: number): string => `${TD}:${n}`
    expect(revisionsToDeregister(revisions.map(arn), inUse.map(arn), keep)).toEqual(expected.map(arn))
  })
})

describe('deploymentState', () => {
  const ours = `${TD}:8`
  const old = `${TD}:7`
  const service = (deployments: Service['deployments'], events: Service['events'] = []): Service => ({ status: 'ACTIVE', deployments, events })
  it.each<[string, Service, number | undefined, string, string]>([
    [
      'stable: rollout completed, every task healthy',
      service([{ status: 'PRIMARY', taskDefinition: ours, desiredCount: 2, runningCount: 2, rolloutState: 'COMPLETED' }]),
      2,
      'stable',
      '2/2 tasks running, 2 healthy in the target group'
    ],
    [
      'in progress: tasks starting',
      service([
        { status: 'PRIMARY', taskDefinition: ours, desiredCount: 2, runningCount: 1, rolloutState: 'IN_PROGRESS' },
        { status: 'ACTIVE', taskDefinition: old, runningCount: 2 }
      ]),
      1,
      'in-progress',
      '1/2 tasks running, 2 old still draining, 1 healthy'
    ],
    [
      'in progress: running but not healthy in the target group yet',
      service([{ status: 'PRIMARY', taskDefinition: ours, desiredCount: 2, runningCount: 2, rolloutState: 'COMPLETED' }]),
      0,
      'in-progress',
      '0 healthy'
    ],
    [
      'failed: rollout FAILED',
      service([{ status: 'PRIMARY', taskDefinition: ours, desiredCount: 2, runningCount: 0, failedTasks: 3, rolloutState: 'FAILED', rolloutStateReason: 'tasks failed to start' }]),
      0,
      'failed',
      'failed: tasks failed to start'
    ],
    [
      'failed: the circuit breaker rolled back to the previous definition, even though the service is stable on it',
      service(
        [
          { status: 'PRIMARY', taskDefinition: old, desiredCount: 2, runningCount: 2, rolloutState: 'COMPLETED' },
          { status: 'ACTIVE', taskDefinition: ours, desiredCount: 0, runningCount: 0, rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.' }
        ],
        [{ message: '(service api-green) rolling back to deployment ecs-svc/1' }]
      ),
      2,
      'failed',
      'was rolled back to meal-planner-api:7 (deployment circuit breaker): ECS deployment circuit breaker: tasks failed to start.'
    ],
    [
      'failed: our deployment is gone entirely',
      service([{ status: 'PRIMARY', taskDefinition: old, desiredCount: 2, runningCount: 2 }], [{ message: 'rolling back' }]),
      2,
      'failed',
      'rolled back to meal-planner-api:7 (deployment circuit breaker): rolling back'
    ],
    ['failed: the service is draining', { status: 'DRAINING' }, undefined, 'failed', 'the service is DRAINING']
  ])('%s', (_name, svc, healthy, state, detail) => {
    const result = deploymentState(svc, ours, healthy)
    expect(result.state).toBe(state)
    expect(result.detail).toContain(detail)
  })
})

describe('state in the listener tags', () => {
  it('round-trips the active color, the paused deployment, the last record and the lock', () => {
    const tags = [
      { Key: TAG.active, Value: 'green' },
      { Key: TAG.previous, Value: '0a1b2c3' },
      { Key: TAG.paused, Value: pausedTag({ color: 'blue', version: 'v1.2.0+build/7', weight: 10, remainingSteps: [50, 100], at: '2026-01-01T00:00:00.000Z' }) },
      {
        Key: TAG.last,
        Value: recordTag({ outcome: 'rolled-back', color: 'blue', version: 'v1.1', at: '2026-01-01T00:00:00.000Z', reason: 'analysis failed at 10%: error-rate (3.2% > 1%); "p95" {x}' })
      },
      { Key: TAG.lock, Value: lockTag('octo-org/shop run 42 job deploy', 1_700_000_000_000) }
    ]
    for (const tag of tags) expect(tag.Value).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,256}$/u)
    expect(readTagState(tags)).toEqual({
      active: 'green',
      previousVersion: '0a1b2c3',
      paused: { color: 'blue', version: 'v1.2.0+build/7', weight: 10, remainingSteps: [50, 100], at: '2026-01-01T00:00:00.000Z' },
      last: { outcome: 'rolled-back', color: 'blue', version: 'v1.1', at: '2026-01-01T00:00:00.000Z', reason: 'analysis failed at 10 : error-rate 3.2 1 p95 x' },
      lock: { owner: 'octo-org/shop run 42 job deploy', expiresAt: 1_700_000_000_000 }
    })
  })

  it('ignores what it did not write', () => {
    expect(
      readTagState([
        { Key: TAG.active, Value: 'purple' },
        { Key: 'team', Value: 'api' }
      ])
    ).toEqual({})
  })
})
