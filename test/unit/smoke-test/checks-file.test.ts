import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { repoRoot } from '../../support/paths.js'
import { parse as parseYaml } from 'yaml'
import { buildCheck, buildChecks, inlineLocator, parseChecksText, type CheckDefaults } from '../../../actions/smoke-test/src/checks-file.js'
import { buildPlan } from '../../../actions/smoke-test/src/plan.js'
import { fileLocator } from '../../../actions/smoke-test/src/checks-file.js'
import { loadJsonPath } from '../../../packages/core/json-path.js'

// The JSONPath library loads lazily; the action loads it before building checks that use paths.
await loadJsonPath()

const defaults: CheckDefaults = { headers: { 'User-Agent': 'smoke-test' }, timeoutMs: 10_000, retries: 0, statuses: [[200, 299]] }
const env = { BASE: 'https://shop.example.com', PASSWORD: 'demo-password' }

/** Builds from YAML parsed here (synchronously); parseChecksText itself is tested below. */
function build(yaml: string, d: CheckDefaults = defaults) {
  const checks = buildChecks(parseYaml(yaml), d, env)
  return buildPlan(checks, fileLocator)
}

describe('a valid checks file', () => {
  const plan = build(`
base-url: "{{ env.BASE }}"
defaults:
  timeout: 5s
  headers: { Accept: application/json }
checks:
  - name: health
    url: /health
    expect:
      status: 200
      headers: { content-type: json, x-app-version: true }
      body-contains: healthy
      json:
        - { path: $.status, equals: healthy }
        - { path: $.checks.database.latency_ms, "<": 100, gte: 0 }
      latency-max: 800ms
  - name: login
    method: post
    url: /api/auth/login
    json: { email: demo@example.com, password: "{{ env.PASSWORD }}" }
    capture:
      token: $.data.tokens.accessToken
      version: { header: x-app-version }
  - name: me
    url: /api/me
    headers: { Authorization: "Bearer {{ token }}" }
    retries: 2
    timeout: 1.5
  - url: /api/version
`)

  test('checks come out in file order with names, methods and resolved URLs', () => {
    expect(plan.checks.map((c) => [c.name, c.method, c.url])).toEqual([
      ['health', 'GET', 'https://shop.example.com/health'],
      ['login', 'POST', 'https://shop.example.com/api/auth/login'],
      ['me', 'GET', 'https://shop.example.com/api/me'],
      ['GET /api/version', 'GET', 'https://shop.example.com/api/version']
    ])
  })
  test('defaults, input defaults and per-check values combine', () => {
    const [health, login, me] = plan.checks
    expect(health.headers).toEqual({ 'User-Agent': 'smoke-test', Accept: 'application/json' })
    expect(health.timeoutMs).toBe(5000)
    expect(health.statuses).toEqual([[200, 200]])
    expect(health.latencyMaxMs).toBe(800)
    expect(me.timeoutMs).toBe(1500)
    expect(me.retries).toBe(2)
    expect(login.headers['content-type']).toBe('application/json')
    expect(login.body).toEqual({ kind: 'json', value: { email: 'demo@example.com', password: 'demo-password' } })
  })
  test('assertions are listed with their operators and fields', () => {
    expect(plan.checks[0].assertions.map((a) => [a.field, a.operator, a.expected])).toEqual([
      ['expect.headers.content-type', 'contains', 'json'],
      ['expect.headers.x-app-version', 'exists', true],
      ['expect.body-contains', 'contains', 'healthy'],
      ['expect.json[0].equals', 'equals', 'healthy'],
      ['expect.json[1].<', '<', 100],
      ['expect.json[1].gte', '>=', 0]
    ])
  })
  test('captures and the dependencies they imply', () => {
    expect(plan.checks[1].captures).toEqual([
      { name: 'token', from: 'json', path: '$.data.tokens.accessToken' },
      { name: 'version', from: 'header', header: 'x-app-version' }
    ])
    expect(plan.dependsOn).toEqual({ health: [], login: [], me: ['login'], 'GET /api/version': [] })
  })
  test('the same document as JSON gives the same checks', async () => {
    const yaml = 'checks:\n  - name: a\n    url: https://x.example/a\n    expect: { json: [{ path: $.ok, equals: true }] }\n'
    const fromJson = buildChecks(await parseChecksText(JSON.stringify(parseYaml(yaml)), 'checks.json'), defaults, env)
    expect(fromJson).toEqual(buildChecks(await parseChecksText(yaml, 'checks.yaml'), defaults, env))
  })
  test('a bare list of checks is accepted', () => {
    expect(build('- url: https://x.example/a\n- url: https://x.example/b\n').checks.map((c) => c.name)).toEqual(['GET /a', 'GET /b'])
  })
})

describe('checks-file problems name the check and the field', () => {
  test.each([
    ['no checks', 'hello: 1\n', /^Input "checks-file" has unknown top-level field "hello"; expected one of checks, defaults, base-url\.$/],
    ['empty checks', 'checks: []\n', /^Input "checks-file" has an empty "checks" list; expected/],
    ['scalar document', '42\n', /^Input "checks-file" holds no checks; expected/],
    ['missing url', 'checks:\n  - name: a\n', /^Input "checks-file" check "a" field "url" is missing; expected an absolute http\(s\) URL/],
    ['unnamed check', 'checks:\n  - method: GET\n', /^Input "checks-file" check "#1" field "url" is missing/],
    ['bad url', 'checks:\n  - name: a\n    url: ftp://x/y\n', /^Input "checks-file" check "a" field "url" is not an absolute http\(s\) URL/],
    ['path without base', 'checks:\n  - name: a\n    url: /health\n', /^Input "checks-file" check "a" field "url" is the path "\/health" but no base URL is set/],
    ['unknown field', 'checks:\n  - name: a\n    url: https://x/\n    captures: {}\n', /^Input "checks-file" check "a" field "captures" is not a known field; expected one of name, method/],
    [
      'bad method',
      'checks:\n  - name: a\n    url: https://x/\n    method: FETCH\n',
      /^Input "checks-file" check "a" field "method" is "FETCH", which is not an HTTP method this action sends; expected one of GET, HEAD/
    ],
    [
      'bad status',
      'checks:\n  - name: login\n    url: https://x/\n    expect: { status: 2000 }\n',
      /^Input "checks-file" check "login" field "expect.status" has "2000", which is not a status, a range or a class; expected HTTP statuses/
    ],
    [
      'unknown operator',
      'checks:\n  - name: a\n    url: https://x/\n    expect: { json: [{ path: $.a, approx: 1 }] }\n',
      /^Input "checks-file" check "a" field "expect.json\[0\].approx" is not a known assertion operator; expected one of equals, contains, matches, exists, <, <=, >, >= \(or lt, lte, gt, gte\)\.$/
    ],
    ['no operator', 'checks:\n  - name: a\n    url: https://x/\n    expect: { json: [{ path: $.a }] }\n', /field "expect.json\[0\]" has no operator/],
    ['bad JSONPath', 'checks:\n  - name: a\n    url: https://x/\n    expect: { json: [{ path: "$.[", exists: true }] }\n', /field "expect.json\[0\].path" is not a valid JSONPath/],
    [
      'path without $',
      'checks:\n  - name: a\n    url: https://x/\n    expect: { json: [{ path: data.x, exists: true }] }\n',
      /field "expect.json\[0\].path" is not a valid JSONPath \(does not start with \$\)/
    ],
    [
      'number operator with text',
      'checks:\n  - name: a\n    url: https://x/\n    expect: { json: [{ path: $.a, "<": fast }] }\n',
      /field "expect.json\[0\].<" is "fast", which is not a number; expected a number to compare with </
    ],
    [
      'exists with text',
      'checks:\n  - name: a\n    url: https://x/\n    expect: { json: [{ path: $.a, exists: yes please }] }\n',
      /field "expect.json\[0\].exists" is "yes please", which is not true or false/
    ],
    ['bad regex', 'checks:\n  - name: a\n    url: https://x/\n    expect: { body-matches: "(" }\n', /field "expect.body-matches" is not a valid regular expression/],
    ['unknown expectation', 'checks:\n  - name: a\n    url: https://x/\n    expect: { body: x }\n', /field "expect.body" is not a known expectation/],
    [
      'bad timeout',
      'checks:\n  - name: a\n    url: https://x/\n    timeout: 5 parsecs\n',
      /field "timeout" is "5 parsecs", which is not a positive duration; expected a duration such as 5s/
    ],
    ['zero timeout', 'checks:\n  - name: a\n    url: https://x/\n    timeout: 0\n', /field "timeout" is 0, which is not a positive duration/],
    ['bad default timeout', 'defaults: { timeout: soon }\nchecks:\n  - url: https://x/\n', /^Input "checks-file" field "defaults.timeout" is "soon", which is not a positive duration/],
    ['negative retries', 'checks:\n  - name: a\n    url: https://x/\n    retries: -1\n', /field "retries" is -1, which is not a whole number from 0 to 10/],
    ['body and json', 'checks:\n  - name: a\n    method: POST\n    url: https://x/\n    body: x\n    json: {}\n', /field "json" is set together with "body"/],
    ['body on GET', 'checks:\n  - name: a\n    url: https://x/\n    body: x\n', /field "body" is set on a GET check/],
    ['bad header name', 'checks:\n  - name: a\n    url: https://x/\n    headers: { "Bad Header": x }\n', /field "headers.Bad Header" is not a valid header name/],
    [
      'unset env',
      'checks:\n  - name: a\n    url: "{{ env.NOPE }}/x"\n',
      /^Input "checks-file" check "a" field "url" uses \{\{ env.NOPE \}\}, but the environment variable NOPE is not set; expected NOPE set in the step's env\.$/
    ],
    [
      'GitHub expression',
      'checks:\n  - name: a\n    url: https://x/\n    headers: { Authorization: "Bearer ${{ secrets.T }}" }\n',
      /field "headers.Authorization" uses \$\{\{ secrets.T \}\}, which GitHub does not expand inside a checks file; expected placeholders written \{\{ capture \}\} or \{\{ env.NAME \}\}/
    ],
    ['bad capture name', 'checks:\n  - name: a\n    url: https://x/\n    capture: { env: $.a }\n', /field "capture.env" is not a usable capture name/],
    ['bad capture source', 'checks:\n  - name: a\n    url: https://x/\n    capture: { t: { cookie: sid } }\n', /field "capture.t" is \{"cookie":"sid"\}; expected a JSONPath/],
    ['unknown default', 'defaults: { method: POST }\nchecks:\n  - url: https://x/\n', /^Input "checks-file" field "defaults.method" is not a known default/],
    [
      'unknown capture',
      'checks:\n  - name: login\n    url: https://x/\n    capture: { token: $.t }\n  - name: me\n    url: https://x/me\n    headers: { Authorization: "Bearer {{ tokn }}" }\n',
      /^Input "checks-file" check "me" field "headers.Authorization" uses \{\{ tokn \}\}, but no check captures "tokn"; expected one of the captures token/
    ],
    [
      'capture nobody makes',
      'checks:\n  - name: me\n    url: "https://x/{{ id }}"\n',
      /check "me" field "url" uses \{\{ id \}\}, but no check captures "id"; expected a capture defined by another check/
    ],
    ['own capture', 'checks:\n  - name: a\n    url: "https://x/{{ id }}"\n    capture: { id: $.id }\n', /check "a" field "url" uses \{\{ id \}\}, which this same check captures/],
    [
      'capture twice',
      'checks:\n  - name: a\n    url: https://x/a\n    capture: { id: $.id }\n  - name: b\n    url: https://x/b\n    capture: { id: $.id }\n',
      /check "b" field "capture.id" is also captured by check "a"/
    ],
    ['duplicate names', 'checks:\n  - url: https://x/a\n  - url: https://x/a\n', /check "GET \/a" field "name" is used by more than one check/],
    [
      'cycle',
      'checks:\n  - name: a\n    url: "https://x/{{ y }}"\n    capture: { x: $.x }\n  - name: b\n    url: "https://x/{{ x }}"\n    capture: { y: $.y }\n',
      /^Input "checks-file" has checks that wait for each other's captures: "a" → "b" → "a"; expected captures that flow one way/
    ]
  ])('%s', (_name, yaml, message) => {
    expect(() => build(yaml)).toThrow(message)
  })

  test('JSON and YAML syntax errors name the file', async () => {
    await expect(parseChecksText('{"checks": [}', 'smoke.json')).rejects.toThrow(
      /^Input "checks-file" \(smoke.json\) is not valid JSON: .+; expected a JSON document with a "checks" list\.$/
    )
    await expect(parseChecksText('checks: [\n', 'checks.yml')).rejects.toThrow(/^Input "checks-file" \(checks.yml\) is not valid YAML: .+; expected a YAML document with a "checks" list\.$/)
  })
})

describe('inline checks name the inputs', () => {
  test.each([
    [{ url: 'not a url' }, /^Input "url" is not an absolute http\(s\) URL/],
    [{ url: 'https://x/', method: 'FETCH' }, /^Input "method" is "FETCH"/],
    [{ url: 'https://x/{{ token }}' }, /^Input "url" uses \{\{ token \}\}, but no check captures "token"/],
    [{ url: '{{ env.NOPE }}' }, /^Input "url" uses \{\{ env.NOPE \}\}, but the environment variable NOPE is not set/],
    [{ url: 'https://x/', body: 'x' }, /^Input "body" is set on a GET check/]
  ])('%j', (raw, message) => {
    expect(() => buildPlan([buildCheck(raw, 0, defaults, env, inlineLocator)], inlineLocator)).toThrow(message)
  })
  test('a valid inline check', () => {
    const check = buildCheck({ url: '{{ env.BASE }}/health?full=1', method: 'head' }, 0, defaults, env, inlineLocator)
    expect([check.name, check.method, check.url, check.statuses]).toEqual(['HEAD /health?full=1', 'HEAD', 'https://shop.example.com/health?full=1', [[200, 299]]])
  })
})

describe('the examples in actions/smoke-test/README.md', () => {
  const readme = readFileSync(join(repoRoot, 'actions', 'smoke-test', 'README.md'), 'utf8')
  const block = (language: string, marker: string): string => {
    const found = [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]).find((text) => text.includes(marker))
    if (!found) throw new Error(`no ${language} block with ${marker} in the README`)
    return found
  }
  const exampleEnv = { DEMO_PASSWORD: 'demo-password' }
  test('the YAML checks file is valid, with the dependencies it describes', async () => {
    const plan = buildPlan(buildChecks(await parseChecksText(block('yaml', '# .github/smoke-checks.yml'), 'smoke-checks.yml'), defaults, exampleEnv), fileLocator)
    expect(plan.dependsOn).toEqual({ health: [], 'home page': [], login: [], 'my profile': ['login'], 'my todos': ['login'] })
    expect(plan.checks.find((c) => c.name === 'login')?.captures.map((c) => c.from)).toEqual(['json', 'header', 'regex'])
  })
  test('the JSON checks file is valid', async () => {
    const plan = buildPlan(buildChecks(await parseChecksText(block('json', '"checks"'), 'smoke-checks.json'), defaults, exampleEnv), fileLocator)
    expect(plan.dependsOn).toEqual({ health: [], login: [], 'my profile': ['login'] })
  })
})
