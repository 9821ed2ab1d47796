import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { startSampleApp, type SampleApp } from '../../support/services/sample-app.js'
import { checksFile, noStackTrace, requestCount } from './support.js'

/**
 * Bad input fails before any request: exit 1, exactly one ::error:: line that names the input
 * (and for a checks file the check and field) and what is expected, no stack trace, and the
 * sample app counted no request.
 */
describe('smoke-test bad inputs — runner contract', () => {
  let app: SampleApp
  const runs: RunResult[] = []
  beforeAll(async () => {
    app = await startSampleApp()
  })
  afterAll(async () => {
    await app?.stop()
    await Promise.all(runs.map(cleanup))
  })

  const file = (yaml: string) => async () => ({ 'checks-file': await checksFile(yaml.replaceAll('APP', app.url)) })
  const inline = (inputs: Record<string, string>) => async () => Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.replaceAll('APP', app.url)]))

  const cases: [string, () => Promise<Record<string, string>>, RegExp][] = [
    ['neither url nor checks-file', inline({}), /^Input "url" is empty and so is "checks-file"; expected a URL to check, or a checks file/],
    ['both url and checks-file', inline({ url: 'APP/health', 'checks-file': 'checks.yml' }), /^Input "checks-file" is set together with "url"; expected either "url"/],
    [
      'unreadable checks file',
      inline({ 'checks-file': '/nonexistent/smoke.yml' }),
      /^Input "checks-file" names \/nonexistent\/smoke.yml, which does not exist; expected the path of a YAML or JSON checks file/
    ],
    [
      'checks file that is not YAML',
      file('checks:\n  - name: a\n   url: [\n'),
      /^Input "checks-file" \(checks.yml\) is not valid YAML: .+; expected a YAML document with a "checks" list\.$/
    ],
    [
      'checks file that is not JSON',
      async () => ({ 'checks-file': await checksFile('{"checks": [', 'checks.json') }),
      /^Input "checks-file" \(checks.json\) is not valid JSON: .+; expected a JSON document/
    ],
    ['bad duration', inline({ url: 'APP/health', timeout: '5 parsecs' }), /^Input "timeout" is "5 parsecs", which is not a duration; expected a duration such as 30s/],
    ['bad wait-timeout', inline({ url: 'APP/health', 'wait-for': 'APP/health', 'wait-timeout': 'soon' }), /^Input "wait-timeout" is "soon", which is not a duration/],
    ['negative number', inline({ url: 'APP/health', retries: '-1' }), /^Input "retries" is -1, which is out of range; expected a whole number from 0 to 10\.$/],
    ['non-numeric number', inline({ url: 'APP/health', concurrency: 'lots' }), /^Input "concurrency" is "lots", which is not a whole number; expected a whole number from 1 to 64\.$/],
    ['bad load rate', inline({ url: 'APP/health', 'load-duration': '10s', 'load-rate': '0' }), /^Input "load-rate" is 0, which is out of range; expected a number from 0.1 to 1000\.$/],
    [
      'bad max-error-rate',
      inline({ url: 'APP/health', 'load-duration': '10s', 'max-error-rate': '150%' }),
      /^Input "max-error-rate" is "150%", which is not a rate from 0 to 1; expected a fraction such as 0.01/
    ],
    [
      'bad expect-status',
      inline({ url: 'APP/health', 'expect-status': '200-abc' }),
      /^Input "expect-status" has "200-abc", which is not a status, a range or a class; expected HTTP statuses/
    ],
    ['url that is not http', inline({ url: 'ftp://127.0.0.1/health' }), /^Input "url" is not an absolute http\(s\) URL/],
    // The value may be a credential (a token from a step output is not masked): the error names the entry, never its text.
    [
      'headers not key=value',
      inline({ url: 'APP/health', headers: 'Authorization: Bearer tok_live_9f8e7d\nAccept=json' }),
      /^Input "headers" entry 1 is not a key=value pair \(the value is not shown: it may be a secret\); expected lines of key=value\.$/
    ],
    [
      'header value with a control character',
      inline({ url: 'APP/health', headers: 'Authorization=Bearer tok_live_9f8e7d\rX-Evil: 1' }),
      /^Input "headers" entry 1 \("Authorization"\) has a control character in its value; expected one key=value pair per line/
    ],
    ['url with a newline', inline({ url: 'APP/\nhealth' }), /^Input "url" has a control character \(U\+000A at position \d+\); expected a single line of printable characters\.$/],
    ['url with a tab', inline({ url: 'APP/\thealth' }), /^Input "url" has a control character \(U\+0009 at position \d+\); expected a single line of printable characters\.$/],
    ['wait-for with a control character', inline({ url: 'APP/health', 'wait-for': 'APP/health\u0007' }), /^Input "wait-for" has a control character \(U\+0007 at position \d+\)/],
    ['base-url with a newline', inline({ url: '/health', 'base-url': 'APP\n' + '/x' }), /^Input "base-url" has a control character \(U\+000A at position \d+\)/],
    [
      'checks-file url with a tab',
      file('checks:\n  - name: health\n    url: "APP/\\thealth"\n'),
      /^Input "checks-file" check "health" field "url" has a control character \(U\+0009 at position \d+\)/
    ],
    [
      'checks-file header with a line break',
      file('checks:\n  - name: health\n    url: APP/health\n    headers: { X-Key: "abc\\r\\nX-Evil: 1" }\n'),
      /^Input "checks-file" check "health" field "headers.X-Key" has a control character \(U\+000D at position 4\)/
    ],
    [
      'checks-file name with a newline',
      file('checks:\n  - name: "health\\nsplit"\n    url: APP/health\n'),
      /^Input "checks-file" check "#1" field "name" has a control character \(U\+000A at position 7\)/
    ],
    [
      'wait-for path without base-url',
      inline({ url: 'APP/health', 'wait-for': '/health/ready' }),
      /^Input "wait-for" is the path "\/health\/ready" but no base URL is set to resolve it against; expected the "base-url" input/
    ],
    [
      'POST with retries but no retry-unsafe',
      inline({ url: 'APP/api/auth/login', method: 'POST', retries: '2' }),
      /^Input "retries" is 2 on a POST check, which is not idempotent: a retry could repeat its effect; expected retry-unsafe: true/
    ],
    [
      'load-check naming no check',
      file('checks:\n  - name: health\n    url: APP/health\n'),
      /^Input "load-check" is "helth", which is not the name of a check; expected one of the checks: "health"\.$/
    ],
    [
      'load-check with load-url',
      inline({ url: 'APP/health', 'load-duration': '5s', 'load-check': 'GET /health', 'load-url': 'APP/api/version' }),
      /^Input "load-check" is set together with "load-url"/
    ],
    ['method with a control character', inline({ url: 'APP/health', method: 'GET\u0007' }), /^Input "method" has a control character \(U\+0007 at position 4\)/],
    [
      'secret-headers entry that is no header name',
      inline({ url: 'APP/health', 'secret-headers': 'X-Key, X\tOther' }),
      /^Input "secret-headers" entry 2 is not a header name; expected header names/
    ],
    ['report-dir with a control character', inline({ url: 'APP/health', 'report-dir': 'out\u0007dir' }), /^Input "report-dir" has a control character \(U\+0007 at position 4\)/],
    ['bad retry-unsafe', inline({ url: 'APP/health', 'retry-unsafe': 'maybe' }), /^Input "retry-unsafe" is "maybe", which is not a boolean; expected true or false\.$/],
    ['load-check without load-duration', inline({ url: 'APP/health', 'load-check': 'GET /health' }), /^Input "load-check" is set but "load-duration" is empty/],
    [
      'load-url path without base-url',
      inline({ url: 'APP/health', 'load-duration': '5s', 'load-url': '/api/version' }),
      /^Input "load-url" is the path "\/api\/version" but no base URL is set to resolve it against/
    ],
    [
      'checks-file POST with retries but no retry-unsafe',
      file('checks:\n  - name: order\n    method: POST\n    url: APP/api/auth/login\n    retries: 2\n'),
      /^Input "checks-file" check "order" field "retries" is 2 on a POST check, which is not idempotent/
    ],
    [
      'any that is not a boolean',
      file('checks:\n  - name: health\n    url: APP/health\n    expect:\n      json: [{ path: "$.checks[*]", exists: true, any: sometimes }]\n'),
      /^Input "checks-file" check "health" field "expect.json\[0\].any" is "sometimes", which is not true or false/
    ],
    ['body with checks-file (it would be ignored)', file('checks:\n  - name: health\n    url: APP/health\n'), /^Input "body" is set together with "checks-file", which it does not apply to/],
    ['max-p95 without load-duration (it would be ignored)', inline({ url: 'APP/health', 'max-p95': '300ms' }), /^Input "max-p95" is set but "load-duration" is empty/],
    [
      'capture named like a dynamic placeholder',
      file('checks:\n  - name: health\n    url: APP/health\n    capture: { now: $.time }\n'),
      /^Input "checks-file" check "health" field "capture.now" is not a usable capture name/
    ],
    [
      'wait-for naming no check',
      file('checks:\n  - name: health\n    url: APP/health\n'),
      /^Input "wait-for" is "helth", which is neither an http\(s\) URL, a path starting with \/, nor the name of a check; expected a readiness URL, or one of the checks: "health"\.$/
    ],
    [
      'unknown assertion operator',
      file('checks:\n  - name: health\n    url: APP/health\n    expect:\n      json:\n        - { path: $.status, approximately: healthy }\n'),
      /^Input "checks-file" check "health" field "expect.json\[0\].approximately" is not a known assertion operator; expected one of equals, contains, matches, exists/
    ],
    [
      'placeholder naming an unknown capture',
      file(
        'checks:\n  - name: login\n    method: POST\n    url: APP/api/auth/login\n    json: { email: a, password: b }\n    capture: { token: $.data.tokens.accessToken }\n  - name: me\n    url: APP/api/me\n    headers: { Authorization: "Bearer {{ tokn }}" }\n'
      ),
      /^Input "checks-file" check "me" field "headers.Authorization" uses \{\{ tokn \}\}, but no check captures "tokn"; expected one of the captures token/
    ],
    [
      'placeholder naming an unset variable',
      file('checks:\n  - name: login\n    method: POST\n    url: APP/api/auth/login\n    json: { password: "{{ env.SMOKE_PASSWORD_UNSET }}" }\n'),
      /^Input "checks-file" check "login" field "json.password" uses \{\{ env.SMOKE_PASSWORD_UNSET \}\}, but the environment variable SMOKE_PASSWORD_UNSET is not set/
    ],
    [
      'bad status in a check',
      file('checks:\n  - name: login\n    url: APP/health\n    expect: { status: ok }\n'),
      /^Input "checks-file" check "login" field "expect.status" has "ok", which is not a status, a range or a class/
    ],
    ['load-url without load-duration', inline({ url: 'APP/health', 'load-url': 'APP/api/version' }), /^Input "load-url" is set but "load-duration" is empty/]
  ]

  it.each(cases)('%s', async (name, inputs, message) => {
    const extra: Record<string, string> =
      name === 'wait-for naming no check'
        ? { 'wait-for': 'helth' }
        : name === 'load-check naming no check'
          ? { 'load-duration': '5s', 'load-check': 'helth' }
          : name.startsWith('body with checks-file')
            ? { body: '{"a":1}' }
            : {}
    const before = await requestCount(app.url)
    const result = await runAction({ action: 'smoke-test', inputs: { ...(await inputs()), ...extra } })
    runs.push(result)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(message)])
    expect(result.errors[0]).not.toContain('\n')
    expect(noStackTrace(result)).toBe(true)
    expect(result.outputs).toEqual({})
    expect(`${result.stdout}${result.stderr}`).not.toContain('tok_live_9f8e7d')
    expect(await requestCount(app.url)).toBe(before)
  })

  it('the request counter does count requests (so the tests above can fail)', async () => {
    const before = await requestCount(app.url)
    const result = await runAction({ action: 'smoke-test', inputs: { url: `${app.url}/health` } })
    runs.push(result)
    expect(result.exitCode).toBe(0)
    expect(await requestCount(app.url)).toBe(before + 1)
  })
})
