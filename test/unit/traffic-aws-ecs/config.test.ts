import { describe, expect, it } from '@jest/globals'
import { parseEcsConfig, withEngineBake, type EcsNativeConfig, type EcsRawInputs } from '../../../packages/providers/traffic/aws-ecs/config.js'

const ARN = 'arn:aws:elasticloadbalancing:us-east-1:123456789012'
export const ECS_INPUTS: EcsRawInputs = {
  'ecs-cluster': 'meal-planner-production',
  'ecs-blue-service': 'api-blue',
  'ecs-green-service': 'api-green',
  'ecs-blue-target-group': `${ARN}:targetgroup/api-blue/0123456789abcdef`,
  'ecs-green-target-group': `${ARN}:targetgroup/api-green/fedcba9876543210`,
  'ecs-listener': `${ARN}:listener/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2`,
  'public-url': 'https://api.mealplanner.com'
}

describe('parseEcsConfig', () => {
  it('reads two services, two target groups and a listener, with defaults', () => {
    expect(parseEcsConfig(ECS_INPUTS)).toEqual({
      mode: 'alb-weights',
      cluster: 'meal-planner-production',
      services: { blue: 'api-blue', green: 'api-green' },
      targetGroups: { blue: ECS_INPUTS['ecs-blue-target-group'], green: ECS_INPUTS['ecs-green-target-group'] },
      listenerArn: ECS_INPUTS['ecs-listener'],
      stableTimeoutMs: 900_000,
      keepRevisions: 10,
      publicUrl: 'https://api.mealplanner.com/'
    })
  })

  it('reads the optional inputs', () => {
    const config = parseEcsConfig({
      ...ECS_INPUTS,
      'aws-region': 'us-east-1',
      'aws-role-arn': 'arn:aws:iam::123456789012:role/deploy-api',
      'ecs-listener-rule': `${ARN}:listener-rule/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`,
      'ecs-container': 'api',
      'ecs-task-definition': '.aws/task-definition.json',
      'ecs-desired-count': '2',
      'ecs-stable-timeout': '10m',
      'ecs-keep-revisions': '0',
      'ecs-test-listener': `${ARN}:listener/app/api/50dc6c495c0c9188/0467ef3c8400ae65`,
      'ecs-test-url': 'https://api.mealplanner.com:8443'
    })
    expect(config).toMatchObject({
      region: 'us-east-1',
      roleArn: 'arn:aws:iam::123456789012:role/deploy-api',
      container: 'api',
      taskDefinitionFile: '.aws/task-definition.json',
      desiredCount: 2,
      stableTimeoutMs: 600_000,
      keepRevisions: 0,
      testUrl: 'https://api.mealplanner.com:8443/'
    })
  })

  it.each<[string, EcsRawInputs, string]>([
    ['a missing cluster', { 'ecs-cluster': '' }, 'Input "ecs-cluster" is empty, but provider is aws-ecs'],
    ['a missing green service', { 'ecs-green-service': '' }, 'Input "ecs-green-service" is empty'],
    ['one service for both colors', { 'ecs-green-service': 'api-blue' }, 'Input "ecs-green-service" is "api-blue", the same as ecs-blue-service'],
    ['a target group name instead of an ARN', { 'ecs-blue-target-group': 'api-blue' }, 'Input "ecs-blue-target-group" is "api-blue", which is not a target group ARN'],
    ['one target group for both colors', { 'ecs-green-target-group': `${ARN}:targetgroup/api-blue/0123456789abcdef` }, 'Input "ecs-green-target-group" is the same as ecs-blue-target-group'],
    ['a missing listener', { 'ecs-listener': '' }, 'Input "ecs-listener" is empty'],
    ['a Network Load Balancer listener', { 'ecs-listener': `${ARN}:listener/net/api/50dc6c495c0c9188/f2f7dc8efc522ab2` }, 'Input "ecs-listener" is'],
    [
      'a rule of another listener',
      { 'ecs-listener-rule': `${ARN}:listener-rule/app/api/50dc6c495c0c9188/aaaaaaaaaaaaaaaa/9683b2d02a6cabee` },
      'Input "ecs-listener-rule" belongs to another listener'
    ],
    ['access keys where a role is expected', { 'aws-role-arn': 'AKIAIOSFODNN7EXAMPLE' }, 'Input "aws-role-arn" is "AKIAIOSFODNN7EXAMPLE", which is not an IAM role ARN'],
    ['a bad region', { 'aws-region': 'US East' }, 'Input "aws-region" is "US East", which is not an AWS region'],
    ['a bad keep count', { 'ecs-keep-revisions': '-1' }, 'Input "ecs-keep-revisions"'],
    ['a desired count of 0', { 'ecs-desired-count': '0' }, 'Input "ecs-desired-count"'],
    ['a stable timeout of 0 (the deploy would be started, then given up at once)', { 'ecs-stable-timeout': '0s' }, 'Input "ecs-stable-timeout" is 0'],
    [
      'a task definition outside the workspace',
      { 'ecs-task-definition': '../secrets/task.json' },
      'Input "ecs-task-definition" is "../secrets/task.json", which is not a JSON file path in the workspace'
    ],
    [
      'an absolute task definition path',
      { 'ecs-task-definition': '/etc/ecs/task.json' },
      'Input "ecs-task-definition" is "/etc/ecs/task.json", which is not a JSON file path in the workspace'
    ],
    ['a test listener without its URL', { 'ecs-test-listener': `${ARN}:listener/app/api/50dc6c495c0c9188/0467ef3c8400ae65` }, 'Input "ecs-test-url" is empty, but ecs-test-listener is set'],
    [
      'the main listener as the test listener',
      { 'ecs-test-listener': `${ARN}:listener/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2`, 'ecs-test-url': 'https://x:8443' },
      'Input "ecs-test-listener" is the same as ecs-listener'
    ],
    ['no public URL', { 'public-url': '' }, 'Input "public-url" is empty, but provider is aws-ecs'],
    ['a control character', { 'ecs-cluster': 'prod\u0007' }, 'Input "ecs-cluster"']
  ])('refuses %s', (_name, override, message) => {
    expect(() => parseEcsConfig({ ...ECS_INPUTS, ...override })).toThrow(message)
  })
})

describe('parseEcsConfig in native mode (ecs-service)', () => {
  const NATIVE: EcsRawInputs = { 'ecs-cluster': 'meal-planner-production', 'ecs-service': 'api', 'public-url': 'https://api.mealplanner.com' }

  it('reads one service and the shared inputs, with defaults', () => {
    expect(parseEcsConfig(NATIVE)).toEqual({
      mode: 'native',
      cluster: 'meal-planner-production',
      service: 'api',
      stableTimeoutMs: 900_000,
      keepRevisions: 10,
      publicUrl: 'https://api.mealplanner.com/'
    })
  })

  it('reads the bake time and the shared optional inputs', () => {
    expect(
      parseEcsConfig({
        ...NATIVE,
        'ecs-service': `arn:aws:ecs:us-east-1:123456789012:service/meal-planner-production/api`,
        'ecs-bake-time': '15',
        'aws-region': 'eu-west-1',
        'aws-role-arn': 'arn:aws:iam::123456789012:role/deploy-api',
        'ecs-container': 'api',
        'ecs-task-definition': '.aws/task-definition.json',
        'ecs-stable-timeout': '20m',
        'ecs-keep-revisions': '5',
        'ecs-test-url': 'https://api.mealplanner.com:9443'
      })
    ).toEqual({
      mode: 'native',
      region: 'eu-west-1',
      roleArn: 'arn:aws:iam::123456789012:role/deploy-api',
      cluster: 'meal-planner-production',
      service: 'arn:aws:ecs:us-east-1:123456789012:service/meal-planner-production/api',
      bakeTimeMinutes: 15,
      container: 'api',
      taskDefinitionFile: '.aws/task-definition.json',
      stableTimeoutMs: 1_200_000,
      keepRevisions: 5,
      testUrl: 'https://api.mealplanner.com:9443/',
      publicUrl: 'https://api.mealplanner.com/'
    })
  })

  it.each<[string, EcsRawInputs, string]>([
    [
      'a blue service beside it',
      { 'ecs-blue-service': 'api-blue' },
      'Input "ecs-blue-service" is set, but ecs-service selects ECS native blue/green (one service; ECS moves the traffic), which does not use it'
    ],
    ['a green service beside it', { 'ecs-green-service': 'api-green' }, 'Input "ecs-green-service" is set, but ecs-service selects ECS native blue/green'],
    ['a target group beside it', { 'ecs-blue-target-group': `${ARN}:targetgroup/api-blue/0123456789abcdef` }, 'Input "ecs-blue-target-group" is set, but ecs-service selects'],
    ['the green target group beside it', { 'ecs-green-target-group': `${ARN}:targetgroup/api-green/fedcba9876543210` }, 'Input "ecs-green-target-group" is set'],
    ['a listener beside it', { 'ecs-listener': ECS_INPUTS['ecs-listener']! }, 'Input "ecs-listener" is set, but ecs-service selects ECS native blue/green'],
    ['a listener rule beside it', { 'ecs-listener-rule': `${ARN}:listener-rule/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee` }, 'Input "ecs-listener-rule" is set'],
    ['a test listener beside it', { 'ecs-test-listener': `${ARN}:listener/app/api/50dc6c495c0c9188/0467ef3c8400ae65` }, 'Input "ecs-test-listener" is set, but ecs-service'],
    ['a desired count beside it', { 'ecs-desired-count': '2' }, 'Input "ecs-desired-count" is set, but ecs-service'],
    ['a service name with a space', { 'ecs-service': 'my api' }, 'Input "ecs-service" is "my api", which is not a service name or ARN'],
    ['a bake time in words', { 'ecs-bake-time': 'ten' }, 'Input "ecs-bake-time"'],
    ['a bake time over a day', { 'ecs-bake-time': '1441' }, 'Input "ecs-bake-time"'],
    ['a fractional bake time', { 'ecs-bake-time': '1.5' }, 'Input "ecs-bake-time"'],
    ['no cluster', { 'ecs-cluster': '' }, 'Input "ecs-cluster" is empty, but provider is aws-ecs'],
    ['no public URL', { 'public-url': '' }, 'Input "public-url" is empty, but provider is aws-ecs'],
    ['a control character in the service', { 'ecs-service': 'api\u0007' }, 'Input "ecs-service"']
  ])('refuses %s', (_name, override, message) => {
    expect(() => parseEcsConfig({ ...NATIVE, ...override })).toThrow(message)
  })

  it('refuses ecs-bake-time in the two-service mode, naming the mode it belongs to', () => {
    expect(() => parseEcsConfig({ ...ECS_INPUTS, 'ecs-bake-time': '10' })).toThrow(
      'Input "ecs-bake-time" is set, but it belongs to ECS native blue/green (selected by ecs-service), not to the two-service ALB mode'
    )
  })

  it.each<[number | undefined, number, string | undefined]>([
    [10, 10 * 60_000, undefined],
    [10, 9 * 60_000, undefined],
    [undefined, 60 * 60_000, undefined],
    [2, 3 * 60_000, 'Input "ecs-bake-time" is 2 minutes, shorter than bake (3 minutes)'],
    [0, 1_000, 'Input "ecs-bake-time" is 0 minutes, shorter than bake (1 minute)']
  ])('ECS bake %s min against an engine bake of %s ms', (minutes, bakeMs, error) => {
    const config = parseEcsConfig({ ...NATIVE, ...(minutes !== undefined ? { 'ecs-bake-time': String(minutes) } : {}) }) as EcsNativeConfig
    if (error) expect(() => withEngineBake(config, bakeMs)).toThrow(error)
    else expect(withEngineBake(config, bakeMs)).toMatchObject({ engineBakeMs: bakeMs })
  })
})
