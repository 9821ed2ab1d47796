import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { inputErrorOf } from '../../support/input-error.js'
import { INPUT_NAMES, parseSteps, parseSwapInputs, type RawInputs } from '../../../actions/blue-green-swap/src/parse-inputs.js'
import { parseChecksText } from '../../../actions/smoke-test/src/checks-file.js'

const empty = Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs
const base: RawInputs = {
  ...empty,
  provider: 'host',
  version: 'v2',
  command: 'node server.mjs',
  host: 'local',
  runtime: 'process',
  'nginx-upstream-file': '/etc/nginx/conf.d/shop.upstream',
  'nginx-access-log': '/var/log/nginx/shop.access'
}
const env = { GITHUB_REPOSITORY: 'octo-org/shop', GITHUB_RUN_ID: '42', GITHUB_JOB: 'deploy' }
const parseWith = (inputs: Partial<RawInputs>, checks?: { name: string; document: unknown }) => parseSwapInputs({ ...base, ...inputs }, env, checks)
// The checks file as inputs.ts hands it over: read and parsed by smoke-test's parser.
const checksFile = async (name: string, text: string): Promise<{ name: string; document: unknown }> => ({ name, document: await parseChecksText(text, name) })
const QUERIES = `- name: error-rate
  query: sum(rate(app_requests_total{color="{{ color }}",status="500"}[1m])) / sum(rate(app_requests_total{color="{{ color }}"}[1m]))
  threshold: "< 0.02"
`

describe('parseSwapInputs', () => {
  test('the defaults: one switch, no bake, keep blue 5 minutes, lock owner from the run', () => {
    const inputs = parseWith({})
    expect(inputs.plan).toEqual({
      mode: 'deploy',
      release: { version: 'v2', command: 'node server.mjs' },
      steps: [100],
      bakeMs: 0,
      keepPreviousMs: 300_000,
      pauseAfter: [],
      failureLimit: 2,
      lockTimeoutMs: 600_000
    })
    expect(inputs.lockOwner).toBe('octo-org/shop run 42 job deploy')
    expect(inputs.provider.provider).toBe('host')
    expect(inputs.provider.provider === 'host' && inputs.provider.host.target).toEqual({ kind: 'local' })
    expect(inputs.analysis).toEqual({ thresholds: { maxErrorRate: 0.01 }, nginxLog: false })
  })

  test('a canary with every analysis source', () => {
    const inputs = parseWith({
      steps: '10, 50%, 100',
      bake: '30s',
      'pause-after-step': '10',
      analysis: 'synthetic,nginx-log,prometheus',
      'max-error-rate': '2%',
      'max-p95': '500ms',
      'synthetic-path': '/api',
      'synthetic-rate': '50',
      'prometheus-url': 'http://127.0.0.1:9090',
      'analysis-queries': QUERIES,
      'failure-limit': '3',
      env: 'DATABASE_URL=postgres://x\nLOG_LEVEL=info'
    })
    expect(inputs.plan.steps).toEqual([10, 50, 100])
    expect(inputs.plan.pauseAfter).toEqual([10])
    expect(inputs.plan.failureLimit).toBe(3)
    expect(inputs.plan.release?.env).toEqual({ DATABASE_URL: 'postgres://x', LOG_LEVEL: 'info' })
    expect(inputs.analysis.thresholds).toEqual({ maxErrorRate: 0.02, maxP95Ms: 500 })
    expect(inputs.analysis.synthetic).toEqual({ path: '/api', rate: 50 })
    expect(inputs.analysis.nginxLog).toBe(true)
    expect(inputs.analysis.prometheus?.queries).toEqual([expect.objectContaining({ name: 'error-rate', operator: '<', threshold: 0.02 })])
  })

  test('a checks file is rebased later: its checks must be paths', async () => {
    const inputs = parseWith(
      { 'checks-file': 'checks.yml' },
      await checksFile('checks.yml', 'checks:\n  - name: health\n    url: /health\n  - url: /api/version\n    expect:\n      status: 200\n')
    )
    expect(inputs.greenCheck?.kind).toBe('file')
    expect(inputs.greenCheck?.kind === 'file' && inputs.greenCheck.checks.map((c) => c.url)).toEqual(['http://green.invalid/health', 'http://green.invalid/api/version'])
    expect(parseWith({ 'check-path': '/health' }).greenCheck).toEqual({ kind: 'path', path: '/health' })
  })

  test.each([
    ['mode status with nothing but the target', { mode: 'status', version: '', command: '' }],
    ['mode rollback', { mode: 'rollback', version: '', command: '' }],
    ['mode promote may set steps and analysis', { mode: 'promote', version: '', command: '', steps: '50,100', bake: '10s', analysis: 'nginx-log' }]
  ])('%s', (_name, inputs) => {
    expect(() => parseWith(inputs as Partial<RawInputs>)).not.toThrow()
  })

  test.each<[string, Partial<RawInputs>, string]>([
    ['an unknown provider', { provider: 'heroku' }, 'Input "provider" is "heroku", which is not allowed; expected one of host'],
    ['an unknown mode', { mode: 'yolo' }, 'Input "mode" is "yolo", which is not allowed; expected one of deploy, rollback, status, promote, abort.'],
    ['steps not ending at 100', { steps: '10,50' }, 'Input "steps" ends at 50, not 100; expected ascending percentages ending at 100, such as 10,25,50,100 (or 100 for one switch).'],
    ['steps not ascending', { steps: '50,10,100' }, 'Input "steps" is not ascending (10 after 50)'],
    ['a step that is not a percentage', { steps: '10,abc,100' }, 'Input "steps" has "abc", which is not a percentage from 1 to 100'],
    ['a step over 100', { steps: '10,150' }, 'Input "steps" has "150", which is not a percentage from 1 to 100'],
    ['pause after a weight that is not a step', { steps: '10,100', 'pause-after-step': '25' }, 'Input "pause-after-step" has 25, which is not one of the steps (10, 100)'],
    ['pause after 100', { steps: '10,100', 'pause-after-step': '100' }, 'Input "pause-after-step" is 100, which is out of range'],
    ['no version', { version: '' }, 'Input "version" is empty'],
    ['a version with a space', { version: 'v 2' }, 'Input "version" is "v 2", which has characters a version cannot hold'],
    ['no command for the process runtime', { command: '' }, 'Input "command" is empty, but runtime is process'],
    ['an image for the process runtime', { image: 'shop:2' }, 'Input "image" is set, but runtime is process'],
    ['no image for the docker runtime', { runtime: 'docker', command: '' }, 'Input "image" is empty, but runtime is docker'],
    ['an analysis source that does not exist', { analysis: 'datadog', bake: '10s' }, 'Input "analysis" has "datadog", which is not an analysis source'],
    ['analysis without a bake', { analysis: 'synthetic' }, 'Input "bake" is empty, but analysis (synthetic) needs a bake window to measure'],
    ['prometheus without a URL', { analysis: 'prometheus', bake: '10s', 'analysis-queries': QUERIES }, 'Input "prometheus-url" is empty, but analysis includes prometheus'],
    ['prometheus without queries', { analysis: 'prometheus', bake: '10s', 'prometheus-url': 'http://127.0.0.1:9090' }, 'Input "analysis-queries" is empty, but analysis includes prometheus'],
    ['queries without prometheus', { 'analysis-queries': QUERIES }, 'Input "analysis-queries" is set, but analysis does not include prometheus'],
    ['nginx-log without an access log', { analysis: 'nginx-log', bake: '10s', 'nginx-access-log': '' }, 'Input "analysis" includes nginx-log, but nginx-access-log is empty'],
    ['a bad error rate', { 'max-error-rate': '150%' }, 'Input "max-error-rate" is "150%", which is not a rate from 0 to 1'],
    ['a deploy input with mode status', { mode: 'status' }, 'Input "version" is set, but mode is status, which does not use it; expected no version with mode: status.'],
    ['steps with mode rollback', { mode: 'rollback', version: '', command: '', steps: '100' }, 'Input "steps" is set, but mode is rollback, which does not use it'],
    ['both a checks file and a path', { 'checks-file': 'c.yml', 'check-path': '/health' }, 'Input "check-path" is set together with "checks-file"'],
    ['a check path that is a URL', { 'check-path': 'http://green/health' }, 'Input "check-path" is "http://green/health", which is not a path'],
    ['an env key that is not a variable name', { env: 'BAD-KEY=1' }, 'Input "env" has the key "BAD-KEY", which is not an environment variable name'],
    ['a host input error from the provider config', { host: '' }, 'Input "host" is empty'],
    ['a control character in the version', { version: 'v2\u0007' }, 'Input "version" has a control character (U+0007 at position 3)']
  ])('%s → one line naming the input', (_name, inputs, message) => {
    const error = inputErrorOf(() => parseWith(inputs))
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('\n')
  })

  test('a checks file with an absolute URL is refused: green is checked at its own address', async () => {
    const https = await checksFile('c.yml', 'checks:\n  - url: https://shop.example.com/health\n')
    expect(() => parseWith({ 'checks-file': 'c.yml' }, https)).toThrow('Input "checks-file" check "GET /health" has an absolute URL')
  })

  test('a malformed checks file names the check and field', async () => {
    const malformed = await checksFile('c.yml', 'checks:\n  - name: health\n    url: /health\n    expect:\n      statuz: 200\n')
    expect(() => parseWith({ 'checks-file': 'c.yml' }, malformed)).toThrow('Input "checks-file" check "health" field "expect.statuz" is not a known expectation')
  })
})

describe('parseSteps', () => {
  test.each<[string, number[]]>([
    ['', [100]],
    ['100', [100]],
    ['10,25,50,100', [10, 25, 50, 100]],
    ['10%\n50%\n100%', [10, 50, 100]]
  ])('%j → %j', (raw, steps) => expect(parseSteps(raw)).toEqual(steps))
})

describe('action.yml', () => {
  const meta = parse(readFileSync(join(process.cwd(), 'actions', 'blue-green-swap', 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>
    runs: { using: string }
    description: string
  }
  test('declares exactly the inputs parse-inputs reads', () => {
    expect(Object.keys(meta.inputs).sort()).toEqual([...INPUT_NAMES].sort())
  })
  test('runs on node24 with a description GitHub shows in full', () => {
    expect(meta.runs.using).toBe('node24')
    expect(meta.description.length).toBeLessThanOrEqual(125)
  })
})

describe('parseSwapInputs with provider aws-ecs', () => {
  const ELB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012'
  const ecs: RawInputs = {
    ...empty,
    provider: 'aws-ecs',
    version: '9f8e7d6',
    image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api:9f8e7d6',
    'ecs-cluster': 'meal-planner-production',
    'ecs-blue-service': 'api-blue',
    'ecs-green-service': 'api-green',
    'ecs-blue-target-group': `${ELB}:targetgroup/api-blue/0123456789abcdef`,
    'ecs-green-target-group': `${ELB}:targetgroup/api-green/fedcba9876543210`,
    'ecs-listener': `${ELB}:listener/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2`,
    'public-url': 'https://api.mealplanner.com'
  }

  test('an image release and the ECS config', () => {
    const inputs = parseSwapInputs({ ...ecs, steps: '10,50,100', bake: '2m', analysis: 'synthetic' }, env)
    expect(inputs.provider.provider).toBe('aws-ecs')
    expect(inputs.provider.provider === 'aws-ecs' && inputs.provider.ecs.mode === 'alb-weights' && inputs.provider.ecs.services).toEqual({ blue: 'api-blue', green: 'api-green' })
    expect(inputs.plan.release).toEqual({ version: '9f8e7d6', image: ecs.image })
    expect(inputs.plan.steps).toEqual([10, 50, 100])
  })

  test.each<[string, Partial<RawInputs>, string]>([
    [
      'a host input',
      { 'nginx-upstream-file': '/etc/nginx/conf.d/x' },
      'Input "nginx-upstream-file" is set, but provider is aws-ecs, which does not use it; expected no nginx-upstream-file with provider: aws-ecs.'
    ],
    ['an ECS input with provider host', { provider: 'host' }, 'Input "ecs-cluster" is set, but provider is host, which does not use it'],
    ['no image', { image: '' }, 'Input "image" is empty, but provider is aws-ecs'],
    ['a command', { command: 'node server.js' }, 'Input "command" is set, but provider aws-ecs runs an image'],
    ['an env (belongs in the task definition)', { env: 'NODE_ENV=production' }, 'Input "env" is set, but provider aws-ecs takes the environment from the task definition'],
    ['nginx-log analysis', { analysis: 'nginx-log', bake: '1m' }, 'Input "analysis" includes nginx-log, but provider aws-ecs has no nginx access log; expected synthetic or prometheus.'],
    ['green checks without a test listener URL', { 'check-path': '/health' }, 'Input "check-path" is set, but aws-ecs has no address of green alone'],
    ['a missing listener', { 'ecs-listener': '' }, 'Input "ecs-listener" is empty, but provider is aws-ecs'],
    ['a bad percentage', { steps: '10,120' }, 'Input "steps" has "120", which is not a percentage from 1 to 100'],
    ['access keys as the role', { 'aws-role-arn': 'AKIAIOSFODNN7EXAMPLE' }, 'Input "aws-role-arn" is "AKIAIOSFODNN7EXAMPLE", which is not an IAM role ARN']
  ])('refuses %s', (_name, inputs, message) => {
    expect(() => parseSwapInputs({ ...ecs, ...inputs }, env)).toThrow(message)
  })

  test('green checks run when a test listener URL is given', () => {
    const inputs = parseSwapInputs(
      { ...ecs, 'check-path': '/health', 'ecs-test-listener': `${ELB}:listener/app/api/50dc6c495c0c9188/0467ef3c8400ae65`, 'ecs-test-url': 'https://api.mealplanner.com:8443' },
      env
    )
    expect(inputs.greenCheck).toEqual({ kind: 'path', path: '/health' })
  })
})
