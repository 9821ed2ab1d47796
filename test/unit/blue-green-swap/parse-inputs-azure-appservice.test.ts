import { describe, expect, test } from '@jest/globals'
import { inputErrorOf } from '../../support/input-error.js'
import { INPUT_NAMES, parseSwapInputs, type RawInputs } from '../../../actions/blue-green-swap/src/parse-inputs.js'

const empty = Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs
const base: RawInputs = {
  ...empty,
  provider: 'azure-appservice',
  version: '1.4.2',
  image: 'lunchacr.azurecr.io/lunchtogether-api:1.4.2',
  'azure-subscription': '3f2c1a9e-8b7d-4c6e-9a1f-0e2d3c4b5a69',
  'azure-resource-group': 'rg-lunchtogether-prod',
  'azure-app-name': 'lunchtogether-api'
}
const env = { GITHUB_REPOSITORY: 'octo-org/lunchtogether', GITHUB_RUN_ID: '7' }
const parseWith = (inputs: Partial<RawInputs>, extraEnv: Record<string, string> = {}) => parseSwapInputs({ ...base, ...inputs }, { ...env, ...extraEnv })

describe('parseSwapInputs with provider azure-appservice', () => {
  test('a canary on the staging slot: the image release and the provider config', () => {
    const inputs = parseWith({ steps: '10,50,100', bake: '2m', analysis: 'synthetic', 'check-path': '/health' })
    expect(inputs.provider).toEqual({
      provider: 'azure-appservice',
      azureAppService: {
        subscriptionId: base['azure-subscription'],
        resourceGroup: 'rg-lunchtogether-prod',
        appName: 'lunchtogether-api',
        slot: 'staging',
        healthPath: '/health',
        warmupTimeoutMs: 300_000,
        swapTimeoutMs: 900_000,
        swapPreview: false
      }
    })
    expect(inputs.plan.release).toEqual({ version: '1.4.2', image: base.image })
    expect(inputs.plan.steps).toEqual([10, 50, 100])
  })

  test('no image: the slot is taken as already deployed', () => {
    expect(parseWith({ image: '' }).plan.release).toEqual({ version: '1.4.2' })
  })

  test.each<[string, Partial<RawInputs>, string, Record<string, string>]>([
    ['a host input with another provider', { 'nginx-upstream-file': '/etc/nginx/x' }, 'Input "nginx-upstream-file" is set, but provider is azure-appservice, which does not use it', {}],
    ['the runtime of the host provider', { runtime: 'docker' }, 'Input "runtime" is set, but provider is azure-appservice', {}],
    ['a command', { command: 'uvicorn app:app' }, 'Input "command" is set, but the provider runs container images', {}],
    ['env for the new version', { env: 'JWT_SECRET=abc' }, 'Input "env" is set, but the provider keeps the app settings of its slots', {}],
    ['nginx-log analysis', { analysis: 'nginx-log', bake: '1m' }, 'Input "analysis" includes nginx-log, but provider azure-appservice has no nginx access log', {}],
    ['a missing app name', { 'azure-app-name': '' }, 'Input "azure-app-name" is empty', {}],
    ['a bad percentage', { steps: '10,150' }, 'Input "steps" has "150", which is not a percentage from 1 to 100', {}],
    ['a client ID in the wrong form', {}, 'Input "AZURE_CLIENT_ID" is not a GUID', { AZURE_CLIENT_ID: 'lunchtogether-deployer' }]
  ])('%s → one line naming the input', (_name, inputs, message, extraEnv) => {
    const error = inputErrorOf(() => parseWith(inputs, extraEnv))
    expect(error.message).toContain(message)
  })

  test('an azure input with the host provider is refused', () => {
    expect(() =>
      parseSwapInputs({ ...empty, provider: 'host', host: 'local', runtime: 'process', command: 'node s.mjs', version: 'v1', 'nginx-upstream-file': '/x', 'azure-slot': 'staging' }, env)
    ).toThrow('Input "azure-slot" is set, but provider is host, which does not use it')
  })
})
