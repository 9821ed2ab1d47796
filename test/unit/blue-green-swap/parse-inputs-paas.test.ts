import { describe, expect, test } from '@jest/globals'
import { INPUT_NAMES, SECRET_INPUTS, parseSwapInputs, type RawInputs } from '../../../actions/blue-green-swap/src/parse-inputs.js'

const empty = Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs
const base: RawInputs = { ...empty, provider: 'vercel', version: 'dpl_Green0001abc', 'vercel-token': 'abcDEF1234567890abcdEFGH', 'vercel-project': 'todo-frontend' }
const parseWith = (inputs: Partial<RawInputs>) => parseSwapInputs({ ...base, ...inputs }, {})

describe('parseSwapInputs with provider vercel', () => {
  test('the release is the deployment named by version; the token is a secret input', () => {
    const inputs = parseWith({ steps: '10,50,100' })
    expect(inputs.plan.release).toEqual({ version: 'dpl_Green0001abc' })
    expect(inputs.plan.steps).toEqual([10, 50, 100])
    expect(inputs.provider).toMatchObject({ provider: 'vercel', vercel: { project: 'todo-frontend', apiUrl: 'https://api.vercel.com' } })
    expect(SECRET_INPUTS).toContain('vercel-token')
  })

  test('status needs no version', () => {
    expect(parseWith({ mode: 'status', version: '' }).plan.release).toBeUndefined()
  })

  test.each<[string, Partial<RawInputs>, string]>([
    ['no version', { version: '' }, 'Input "version" is empty; expected the deployment to promote'],
    ['a version that is no deployment', { version: 'v1.4.2' }, 'Input "version" is "v1.4.2", which is not a deployment id or URL'],
    ['an image', { image: 'ghcr.io/octo/todo:1' }, 'Input "image" is set, but provider is vercel, which promotes an existing deployment'],
    ['a command', { command: 'node server.mjs' }, 'Input "command" is set, but provider is vercel'],
    ['env', { env: 'A=b' }, 'Input "env" is set, but provider is vercel'],
    ['a host input', { host: 'local' }, 'Input "host" is set, but provider is vercel, which does not use it'],
    ['an nginx input', { 'nginx-upstream-file': '/etc/nginx/app.upstream' }, 'Input "nginx-upstream-file" is set, but provider is vercel'],
    ['nginx-log analysis', { analysis: 'nginx-log', bake: '30s' }, 'Input "analysis" includes nginx-log, but provider vercel has no nginx access log; expected synthetic or prometheus.'],
    ['a pause between steps', { steps: '10,100', 'pause-after-step': '10' }, 'Input "pause-after-step" is set, but vercel cannot split traffic by percent'],
    ['no token', { 'vercel-token': '' }, 'Input "vercel-token" is empty'],
    ['a bad project', { 'vercel-project': 'My App' }, 'Input "vercel-project" is "My App"']
  ])('%s is refused, naming the input', (_name, inputs, message) => {
    expect(() => parseWith(inputs)).toThrow(message)
  })

  test('vercel inputs are refused with provider host', () => {
    expect(() =>
      parseSwapInputs({ ...empty, provider: 'host', host: 'local', runtime: 'process', version: 'v2', command: 'x', 'nginx-upstream-file': '/a', 'vercel-project': 'todo' }, {})
    ).toThrow('Input "vercel-project" is set, but provider is host, which does not use it')
  })
})

describe('parseSwapInputs with provider render or railway', () => {
  const render: RawInputs = { ...empty, provider: 'render', version: '3f2a9c1e', 'render-api-key': 'rnd_abcdefABCDEF123456', 'render-service': 'srv-abc123def456' }
  const railway: RawInputs = {
    ...empty,
    provider: 'railway',
    version: '3f2a9c1e',
    'railway-token': '11111111-2222-4333-8444-555555555555',
    'railway-service': '9db36734-b056-420b-aa82-e00d5b7baa95',
    'railway-environment': 'afb6f15b-2e93-4e5e-ac9d-0a7f259d34c3'
  }

  test.each([
    ['render', render],
    ['railway', railway]
  ] as const)('%s: a commit SHA as version, or an image with a version to show; tokens are secret inputs', (_name, base) => {
    expect(parseSwapInputs(base, {}).plan.release).toEqual({ version: '3f2a9c1e' })
    expect(parseSwapInputs({ ...base, version: '1.4.2', image: 'ghcr.io/octo/api:1.4.2' }, {}).plan.release).toEqual({ version: '1.4.2', image: 'ghcr.io/octo/api:1.4.2' })
    expect(SECRET_INPUTS).toEqual(expect.arrayContaining(['render-api-key', 'railway-token']))
  })

  test.each<[string, RawInputs, string]>([
    ['render without image, version no commit', { ...render, version: 'v1.4.2' }, 'Input "version" is "v1.4.2", which is not a commit SHA, and image is empty'],
    ['render with env', { ...render, env: 'A=b' }, 'Input "env" is set, but provider is render'],
    ['render with a bad image', { ...render, image: 'not an image!' }, 'Input "image" is "not an image!", which is not an image reference'],
    ['railway with a command', { ...railway, command: 'uvicorn main:app' }, 'Input "command" is set, but provider is railway'],
    ['railway with a render input', { ...railway, 'render-service': 'srv-abc123def456' }, 'Input "render-service" is set, but provider is railway'],
    ['railway with a pause', { ...railway, steps: '50,100', 'pause-after-step': '50' }, 'Input "pause-after-step" is set, but railway cannot split traffic by percent']
  ])('%s is refused, naming the input', (_name, raw, message) => {
    expect(() => parseSwapInputs(raw, {})).toThrow(message)
  })
})
