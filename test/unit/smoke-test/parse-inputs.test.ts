import { describe, expect, test } from '@jest/globals'
import { INPUT_NAMES, parseSmokeTestInputs, type RawInputs } from '../../../actions/smoke-test/src/parse-inputs.js'

/** parseSmokeTestInputs is pure: raw strings (as the runner passes them, empty when unset), the environment and the checks file's text in, one object out. */
const raw = (inputs: Partial<RawInputs>): RawInputs => ({ ...(Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as RawInputs), ...inputs })
const parse = (inputs: Partial<RawInputs>, env: Record<string, string> = {}, checksFileText?: string) => parseSmokeTestInputs(raw(inputs), env, { checksFileText })

const TWO_CHECKS = JSON.stringify({
  checks: [
    { name: 'ready', url: '/health/ready' },
    { name: 'v', url: '/api/version', expect: { status: '2xx' } }
  ]
})
const LOGIN_ME =
  'checks:\n  - name: login\n    method: POST\n    url: https://x.example/login\n    capture: { token: $.t }\n  - name: me\n    url: https://x.example/me\n    headers: { Authorization: "Bearer {{ token }}" }\n'

describe('parseSmokeTestInputs', () => {
  test('the method default (GET) passed with a checks file is no conflict', async () => {
    expect((await parse({ 'checks-file': 'c.json', 'base-url': 'https://x.example', method: 'GET' }, {}, TWO_CHECKS)).plan.checks).toHaveLength(2)
  })

  test('empty inputs (as the root dispatcher passes them) fall back to the action.yml defaults', async () => {
    const parsed = await parse({ url: 'https://shop.example.com/health' }, { RUNNER_TEMP: '/runner/temp' })
    expect(parsed.concurrency).toBe(10)
    expect(parsed.plan.checks[0]).toMatchObject({ name: 'GET /health', method: 'GET', timeoutMs: 10_000, retries: 0, statuses: [[200, 299]] })
    expect(parsed.wait).toBeUndefined()
    expect(parsed.load).toBeUndefined()
    expect(parsed.reportDir).toBe('/runner/temp/smoke-test-report')
    expect([...parsed.secretHeaders]).toEqual(['authorization', 'proxy-authorization', 'cookie'])
  })

  test('headers input < file defaults < check; secret header values listed for masking', async () => {
    const file = 'defaults:\n  headers: { Accept: text/html, X-Team: web }\nchecks:\n  - name: a\n    url: https://x.example/a\n    headers: { X-Team: api, X-Api-Key: "{{ env.KEY }}" }\n'
    const parsed = await parse(
      { 'checks-file': 'checks.yml', headers: 'accept=application/json\nAuthorization=Bearer static-token-123', 'secret-headers': 'X-Api-Key' },
      { KEY: 'key-from-env-456' },
      file
    )
    expect(parsed.plan.checks[0].headers).toEqual({ Authorization: 'Bearer static-token-123', Accept: 'text/html', 'X-Team': 'api', 'X-Api-Key': 'key-from-env-456' })
    expect(parsed.secretHeaderValues).toEqual(['Bearer static-token-123', 'key-from-env-456'])
  })

  test('wait-for by check name or path, and the load phase repeating the first check by default', async () => {
    const base = {
      'checks-file': 'checks.json',
      'base-url': 'https://shop.example.com/',
      'wait-for': 'ready',
      'load-duration': '30s',
      'load-rate': '20',
      'max-error-rate': '2.5%',
      'max-p95': '300ms'
    }
    const parsed = await parse(base, {}, TWO_CHECKS)
    expect(parsed.wait?.target).toMatchObject({ kind: 'check', check: { name: 'ready', url: 'https://shop.example.com/health/ready' } })
    expect(parsed.wait?.timeoutMs).toBe(60_000)
    expect(parsed.load).toMatchObject({ durationMs: 30_000, rate: 20, request: { kind: 'check', check: 'ready' }, thresholds: { maxErrorRate: 0.025, maxP95Ms: 300 } })
    const again = await parse({ ...base, 'wait-for': '/health/live', 'load-url': '/api/products' }, {}, TWO_CHECKS)
    expect(again.wait?.target).toMatchObject({ kind: 'url', url: 'https://shop.example.com/health/live' })
    expect(again.load?.request).toEqual({ kind: 'url', url: 'https://shop.example.com/api/products', headers: {} })
    const byCheck = await parse({ ...base, 'load-check': 'v' }, {}, TWO_CHECKS)
    expect(byCheck.load).toMatchObject({ request: { kind: 'check', check: 'v' }, statuses: [[200, 299]] })
  })

  test('wait-for as a path resolves against base-url written in the checks file', async () => {
    const parsed = await parse({ 'checks-file': 'checks.yml', 'wait-for': '/health/ready' }, {}, 'base-url: https://file.example.com\nchecks:\n  - url: /health\n')
    expect(parsed.wait?.target).toMatchObject({ kind: 'url', url: 'https://file.example.com/health/ready' })
  })

  test('retries apply to idempotent methods; POST gets them only with retry-unsafe', async () => {
    const file =
      'defaults: { retries: 3 }\nchecks:\n  - { name: get, url: https://x.example/a }\n  - { name: post, method: POST, url: https://x.example/b }\n  - { name: post-unsafe, method: POST, url: https://x.example/c, retry-unsafe: true }\n  - { name: put, method: PUT, url: https://x.example/d }\n'
    const parsed = await parse({ 'checks-file': 'checks.yml' }, {}, file)
    expect(parsed.plan.checks.map((c) => [c.name, c.retries])).toEqual([
      ['get', 3],
      ['post', 0],
      ['post-unsafe', 3],
      ['put', 3]
    ])
    const inline = await parse({ url: 'https://x.example/b', method: 'POST', retries: '2', 'retry-unsafe': 'true' })
    expect(inline.plan.checks[0]).toMatchObject({ retries: 2, retryUnsafe: true })
  })

  test('a headers input naming an unset variable is an error of the headers input', async () => {
    await expect(parse({ url: 'https://shop.example.com/health', headers: 'X-Api-Key={{ env.API_KEY }}' })).rejects.toThrow(
      'Input "headers" uses {{ env.API_KEY }}, but the environment variable API_KEY is not set; expected API_KEY set in the step\'s env.'
    )
    expect((await parse({ url: 'https://shop.example.com/health', headers: 'X-Api-Key={{ env.API_KEY }}' }, { API_KEY: 'key-123' })).plan.checks[0].headers).toEqual({
      'X-Api-Key': 'key-123'
    })
  })

  // Every rejection: the input named, the problem, what is expected; never a secret value.
  const rejected: [string, Partial<RawInputs>, string | undefined, string][] = [
    [
      'url with a newline',
      { url: 'https://shop.example.com/\nhealth' },
      undefined,
      'Input "url" has a control character (U+000A at position 26); expected a single line of printable characters.'
    ],
    [
      'url with a tab',
      { url: 'https://shop.example.com/\thealth' },
      undefined,
      'Input "url" has a control character (U+0009 at position 26); expected a single line of printable characters.'
    ],
    [
      'method with a control character',
      { url: 'https://x.example/', method: 'GE\u0000T' },
      undefined,
      'Input "method" has a control character (U+0000 at position 3); expected a single line of printable characters.'
    ],
    [
      'header with a tab in its value',
      { url: 'https://x.example/', headers: 'Authorization=Bearer\tsecret-token' },
      undefined,
      'Input "headers" entry 1 ("Authorization") has a control character in its value; expected one key=value pair per line, each on a single line.'
    ],
    [
      'headers not key=value, never echoing the value',
      { url: 'https://x.example/', headers: 'Authorization: Bearer secret-token' },
      undefined,
      'Input "headers" entry 1 is not a key=value pair (the value is not shown: it may be a secret); expected lines of key=value.'
    ],
    [
      'wait-for with a line break',
      { url: 'https://x.example/', 'wait-for': 'https://x.example/\r\nready' },
      undefined,
      'Input "wait-for" has a control character (U+000D at position 19); expected a single line of printable characters.'
    ],
    [
      'wait-for path without base-url',
      { url: 'https://x.example/', 'wait-for': '/health/ready' },
      undefined,
      'Input "wait-for" is the path "/health/ready" but no base URL is set to resolve it against; expected the "base-url" input (or base-url in the checks file), an absolute http(s) URL, or one of the checks: "GET /".'
    ],
    [
      'load-url path without base-url',
      { url: 'https://x.example/', 'load-duration': '5s', 'load-url': '/api' },
      undefined,
      'Input "load-url" is the path "/api" but no base URL is set to resolve it against; expected the "base-url" input (or base-url in the checks file), or an absolute http(s) URL.'
    ],
    [
      'load-url with a tab',
      { url: 'https://x.example/', 'load-duration': '5s', 'load-url': 'https://x.example/\tapi' },
      undefined,
      'Input "load-url" has a control character (U+0009 at position 19); expected a single line of printable characters.'
    ],
    [
      'base-url with a newline',
      { url: '/health', 'base-url': 'https://x.example\n' + 'evil' },
      undefined,
      'Input "base-url" has a control character (U+000A at position 18); expected a single line of printable characters.'
    ],
    [
      'secret-headers entry that is no header name',
      { url: 'https://x.example/', 'secret-headers': 'X-Key, X\tOther' },
      undefined,
      'Input "secret-headers" entry 2 is not a header name; expected header names (letters, digits and -) separated by commas or new lines.'
    ],
    [
      'report-dir with a control character',
      { url: 'https://x.example/', 'report-dir': 'out\u0007dir' },
      undefined,
      'Input "report-dir" has a control character (U+0007 at position 4); expected a single line of printable characters.'
    ],
    [
      'load-check without load-duration',
      { 'checks-file': 'c.json', 'base-url': 'https://x.example', 'load-check': 'v' },
      TWO_CHECKS,
      'Input "load-check" is set but "load-duration" is empty; expected load-duration (such as 30s) to run a load phase, or no load-check.'
    ],
    [
      'load-check naming no check',
      { 'checks-file': 'c.json', 'base-url': 'https://x.example', 'load-duration': '5s', 'load-check': 'nope' },
      TWO_CHECKS,
      'Input "load-check" is "nope", which is not the name of a check; expected one of the checks: "ready", "v".'
    ],
    [
      'load-check with load-url',
      { 'checks-file': 'c.json', 'base-url': 'https://x.example', 'load-duration': '5s', 'load-check': 'v', 'load-url': '/a' },
      TWO_CHECKS,
      'Input "load-check" is set together with "load-url"; expected either "load-check" (a check\'s request, with its headers and captures) or "load-url" (a plain GET), not both.'
    ],
    [
      'inline POST with retries but no retry-unsafe',
      { url: 'https://x.example/', method: 'POST', retries: '2' },
      undefined,
      'Input "retries" is 2 on a POST check, which is not idempotent: a retry could repeat its effect; expected retry-unsafe: true to re-send it anyway, or retries: 0 (only GET, HEAD, PUT, DELETE, OPTIONS are retried by default).'
    ],
    ['bad retry-unsafe', { url: 'https://x.example/', 'retry-unsafe': 'maybe' }, undefined, 'Input "retry-unsafe" is "maybe", which is not a boolean; expected true or false.'],
    [
      'file POST with retries but no retry-unsafe',
      { 'checks-file': 'c.yml' },
      'checks:\n  - { name: order, method: POST, url: https://x.example/o, retries: 2 }\n',
      'Input "checks-file" check "order" field "retries" is 2 on a POST check, which is not idempotent: a retry could repeat its effect; expected retry-unsafe: true to re-send it anyway, or retries: 0 (only GET, HEAD, PUT, DELETE, OPTIONS are retried by default).'
    ],
    [
      'file check url with a tab',
      { 'checks-file': 'c.yml' },
      'checks:\n  - { name: a, url: "https://x.example/\\thealth" }\n',
      'Input "checks-file" check "a" field "url" has a control character (U+0009 at position 19); expected a single line of printable characters.'
    ],
    [
      'file check header with a line break',
      { 'checks-file': 'c.yml' },
      'checks:\n  - { name: a, url: "https://x.example/", headers: { X-Key: "abc\\r\\nX-Evil: 1" } }\n',
      'Input "checks-file" check "a" field "headers.X-Key" has a control character (U+000D at position 4); expected a single line of printable characters.'
    ],
    [
      'file check name with a newline',
      { 'checks-file': 'c.yml' },
      'checks:\n  - { name: "a\\nb", url: "https://x.example/" }\n',
      'Input "checks-file" check "#1" field "name" has a control character (U+000A at position 2); expected a single line of printable characters.'
    ],
    [
      'capture named like a dynamic placeholder',
      { 'checks-file': 'c.yml' },
      'checks:\n  - { name: a, url: "https://x.example/", capture: { uuid: $.id } }\n',
      'Input "checks-file" check "a" field "capture.uuid" is not a usable capture name; expected a name of letters, digits, _ and - that starts with a letter and is not env, uuid, now, timestamp.'
    ],
    [
      'any that is not a boolean',
      { 'checks-file': 'c.yml' },
      'checks:\n  - { name: a, url: "https://x.example/", expect: { json: [{ path: "$.x[*]", "<": 5, any: yes please }] } }\n',
      'Input "checks-file" check "a" field "expect.json[0].any" is "yes please", which is not true or false; expected any: true (one matched node passing is enough) or any: false (every node must pass, the default).'
    ],
    [
      'body with checks-file',
      { 'checks-file': 'c.json', body: '{"a":1}' },
      TWO_CHECKS,
      'Input "body" is set together with "checks-file", which it does not apply to; expected a body only with "url"; in a checks file, give the check its own body or json.'
    ],
    [
      'method other than GET with checks-file',
      { 'checks-file': 'c.json', method: 'post' },
      TWO_CHECKS,
      'Input "method" is post together with "checks-file", which it does not apply to; expected a method only with "url"; in a checks file, give the check its own method.'
    ],
    [
      'max-p95 without load-duration',
      { url: 'https://x.example/', 'max-p95': '300ms' },
      undefined,
      'Input "max-p95" is set but "load-duration" is empty; expected load-duration (such as 30s) to run a load phase that max-p95 judges, or no max-p95.'
    ],
    [
      'wait-for naming no check',
      { 'checks-file': 'c.json', 'wait-for': 'helth' },
      TWO_CHECKS.replace('/health/ready', 'https://x.example/r').replace('/api/version', 'https://x.example/v'),
      'Input "wait-for" is "helth", which is neither an http(s) URL, a path starting with /, nor the name of a check; expected a readiness URL, or one of the checks: "ready", "v".'
    ],
    [
      'wait-for naming a check that reads captures',
      { 'checks-file': 'c.yml', 'wait-for': 'me' },
      LOGIN_ME,
      'Input "wait-for" names check "me", which reads captures (token) and so cannot run before the others; expected a check that needs no capture, or a URL.'
    ]
  ]
  test.each(rejected)('rejects %s', async (_name, inputs, file, message) => {
    await expect(parse(inputs, {}, file)).rejects.toThrow(message)
    await parse(inputs, {}, file).catch((error: Error) => {
      expect(error.message).toBe(message)
      expect(error.message).not.toContain('secret-token')
    })
  })
})
