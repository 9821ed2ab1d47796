import { describe, expect, test } from '@jest/globals'
import { INPUT_NAMES, parseSwapInputs, type RawInputs } from '../../../actions/blue-green-swap/src/parse-inputs.js'

const empty = Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs
const base: RawInputs = { ...empty, provider: 'kubernetes', version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0', 'k8s-app': 'shop' }
const parseWith = (inputs: Partial<RawInputs>) => parseSwapInputs({ ...base, ...inputs }, {})

describe('parseSwapInputs with provider kubernetes', () => {
  test("the release is an image; the config is parsed by the provider's own config.ts", () => {
    const inputs = parseWith({ 'k8s-switch': 'ingress-nginx', 'k8s-ingress': 'shop', steps: '10,50,100', 'pause-after-step': '10' })
    expect(inputs.plan.release).toEqual({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' })
    expect(inputs.plan.pauseAfter).toEqual([10])
    expect(inputs.provider).toMatchObject({ provider: 'kubernetes', kubernetes: { app: 'shop', service: 'shop', switchMode: 'ingress-nginx', ingress: 'shop' } })
  })

  test('status needs neither version nor image', () => {
    expect(parseWith({ mode: 'status', version: '', image: '' }).plan.release).toBeUndefined()
  })

  test.each<[string, Partial<RawInputs>, string]>([
    ['no image', { image: '' }, 'Input "image" is empty'],
    ['a command', { command: 'node server.mjs' }, 'Input "command" is set, but provider kubernetes only changes the image of the Deployment'],
    ['env', { env: 'A=b' }, 'Input "env" is set, but provider kubernetes'],
    ['a pause with the service switch', { steps: '10,100', 'pause-after-step': '10' }, 'Input "pause-after-step" is set, but k8s-switch is service'],
    ['a host input', { host: 'local' }, 'Input "host" is set, but provider is kubernetes, which does not use it'],
    ['an ECS input', { 'ecs-cluster': 'prod' }, 'Input "ecs-cluster" is set, but provider is kubernetes'],
    ['nginx-log analysis', { analysis: 'nginx-log', bake: '30s' }, 'Input "analysis" includes nginx-log, but provider kubernetes has no nginx access log'],
    ['no app', { 'k8s-app': '' }, 'Input "k8s-app" is empty'],
    ['a bad namespace', { 'k8s-namespace': 'Prod' }, 'Input "k8s-namespace" is "Prod"']
  ])('%s is refused, naming the input', (_name, inputs, message) => {
    expect(() => parseWith(inputs)).toThrow(message)
  })

  test('k8s inputs are refused with another provider', () => {
    expect(() =>
      parseSwapInputs({ ...empty, provider: 'vercel', version: 'dpl_Green0001abc', 'vercel-token': 'abcDEF1234567890abcdEFGH', 'vercel-project': 'todo', 'k8s-app': 'shop' }, {})
    ).toThrow('Input "k8s-app" is set, but provider is vercel, which does not use it')
  })
})
