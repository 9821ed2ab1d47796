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
    const inputs = parseWith({ steps: '10,50,100', bake: '2m', analysis: 'synthetic', 'ecs-bake-time': '5' })
    expect(inputs.provider).toMatchObject({ provider: 'aws-ecs', ecs: { mode: 'native', service: 'api', bakeTimeMinutes: 5, engineBakeMs: 120_000 } })
    expect(inputs.plan.release).toEqual({ version: '9f8e7d6', image: IMAGE })
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
