import { describe, expect, it } from '@jest/globals'
import { parseEcsConfig, type EcsRawInputs } from '../../../packages/providers/traffic/aws-ecs/config.js'

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
    [
      'a task definition outside the workspace',
      { 'ecs-task-definition': '../secrets/task.json' },
      'Input "ecs-task-definition" is "../secrets/task.json", which is not a JSON file path in the workspace'
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
