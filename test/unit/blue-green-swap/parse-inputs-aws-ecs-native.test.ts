import { describe, expect, test } from '@jest/globals'
import { INPUT_NAMES, parseSwapInputs, type RawInputs } from '../../../actions/blue-green-swap/src/parse-inputs.js'

const empty = Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs
const IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api:9f8e7d6'
const base: RawInputs = {
  ...empty,
  provider: 'aws-ecs',
  version: '9f8e7d6',
  image: IMAGE,
  'ecs-cluster': 'meal-planner-production',
  'ecs-service': 'api',
  'public-url': 'https://api.mealplanner.com'
}
const parseWith = (inputs: Partial<RawInputs>) => parseSwapInputs({ ...base, ...inputs }, {})

describe('parseSwapInputs with provider aws-ecs in native blue/green mode (ecs-service)', () => {
  test("the native config carries the engine's bake, which ECS's bake time covers", () => {
    const inputs = parseWith({ bake: '2m', analysis: 'synthetic', 'ecs-bake-time': '5' })
    expect(inputs.provider).toMatchObject({ provider: 'aws-ecs', ecs: { mode: 'native', service: 'api', bakeTimeMinutes: 5, engineBakeMs: 120_000, strategy: { kind: 'BLUE_GREEN' } } })
    expect(inputs.plan.release).toEqual({ version: '9f8e7d6', image: IMAGE })
  })

  test.each<[string, Partial<RawInputs>, object]>([
    ['no steps: BLUE_GREEN, any bake', { bake: '30s' }, { kind: 'BLUE_GREEN' }],
    ['100: BLUE_GREEN', { steps: '100' }, { kind: 'BLUE_GREEN' }],
    ['P,100: CANARY with canaryPercent P', { steps: '10,100', bake: '2m' }, { kind: 'CANARY', canaryPercent: 10, stepBakeMinutes: 2 }],
    ['50,100: CANARY (two steps are a canary)', { steps: '50,100', bake: '60s' }, { kind: 'CANARY', canaryPercent: 50, stepBakeMinutes: 1 }],
    ['equal quarters: LINEAR 25%', { steps: '25,50,75,100', bake: '5m' }, { kind: 'LINEAR', stepPercent: 25, stepBakeMinutes: 5 }],
    ['tenths: LINEAR 10%', { steps: '10,20,30,40,50,60,70,80,90,100', bake: '1m' }, { kind: 'LINEAR', stepPercent: 10, stepBakeMinutes: 1 }],
    ['twentieths: LINEAR 5%', { steps: Array.from({ length: 20 }, (_, i) => (i + 1) * 5).join(','), bake: '3m' }, { kind: 'LINEAR', stepPercent: 5, stepBakeMinutes: 3 }]
  ])("steps choose ECS's strategy — %s", (_name, inputs, strategy) => {
    const parsed = parseWith({ 'ecs-bake-time': '10', ...inputs })
    expect(parsed.provider).toMatchObject({ provider: 'aws-ecs', ecs: { mode: 'native', strategy } })
    expect((parsed.provider as { ecs: { strategy: object } }).ecs.strategy).toEqual(strategy)
  })

  test.each<[string, Partial<RawInputs>, string]>([
    [
      'uneven steps',
      { steps: '10,50,100', bake: '1m' },
      'Input "steps" is 10,50,100, a shape ECS native deployments cannot run with ecs-service; expected 100 (BLUE_GREEN, one switch), P,100 (CANARY'
    ],
    ['increments that do not end at 100', { steps: '30,60,100', bake: '1m' }, 'Input "steps" is 30,60,100, a shape ECS native deployments cannot run'],
    ['linear steps under 3%', { steps: Array.from({ length: 50 }, (_, i) => (i + 1) * 2).join(','), bake: '1m' }, 'Input "steps" moves 2% per step, below ECS\'s smallest linear step (3%)'],
    ['a canary without bake', { steps: '10,100' }, 'Input "bake" is empty, but ECS\'s CANARY strategy bakes each step in whole minutes; expected whole minutes from 1m to 1440m'],
    ['a linear bake under a minute', { steps: '25,50,75,100', bake: '30s' }, 'Input "bake" is under a minute, but ECS\'s LINEAR strategy bakes each step in whole minutes'],
    [
      'a bake of 90 seconds',
      { steps: '25,50,75,100', bake: '90s' },
      'Input "bake" is not a whole number of minutes, which ECS\'s LINEAR strategy cannot express; expected whole minutes from 1m to 1440m (ECS\'s stepBakeTimeInMinutes)'
    ],
    ['a bake over a day', { steps: '10,100', bake: '1441m' }, 'Input "bake" is longer than ECS\'s longest step bake time (1440 minutes)']
  ])('steps ECS cannot run are refused at parse time — %s', (_name, inputs, message) => {
    expect(() => parseWith({ 'ecs-bake-time': '1440', ...inputs })).toThrow(message)
  })

  test('green checks run on ecs-test-url (the test listener rule ECS points at green)', () => {
    expect(parseWith({ 'check-path': '/healthz', 'ecs-test-url': 'https://api.mealplanner.com:9443' }).greenCheck).toBeDefined()
  })

  test.each<[string, Partial<RawInputs>, string]>([
    ['an ECS bake time shorter than bake', { bake: '10m', 'ecs-bake-time': '5' }, 'Input "ecs-bake-time" is 5 minutes, shorter than bake (10 minutes)'],
    ['a pause between steps', { steps: '10,100', 'pause-after-step': '10' }, 'Input "pause-after-step" is set, but ecs-service selects ECS native blue/green'],
    ['the two-service inputs beside it', { 'ecs-blue-service': 'api-blue' }, 'Input "ecs-blue-service" is set, but ecs-service selects ECS native blue/green'],
    ['green checks without a test URL', { 'check-path': '/healthz' }, "expected ecs-test-url (the address of the test listener rule in the service's advancedConfiguration"],
    ['a host input', { 'nginx-upstream-file': '/etc/nginx/conf.d/api.upstream' }, 'Input "nginx-upstream-file" is set, but provider is aws-ecs'],
    ['an environment', { env: 'A=b' }, 'Input "env" is set, but provider aws-ecs takes the environment from the task definition']
  ])('%s is refused, naming the input', (_name, inputs, message) => {
    expect(() => parseWith(inputs)).toThrow(message)
  })

  test('ecs-service is refused with another provider', () => {
    expect(() =>
      parseSwapInputs({ ...empty, provider: 'host', host: 'local', runtime: 'process', version: 'v2', command: 'x', 'nginx-upstream-file': '/a', 'ecs-service': 'api' }, {})
    ).toThrow('Input "ecs-service" is set, but provider is host, which does not use it')
  })
})
