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
    ['unreadable checks file', inline({ 'checks-file': '/nonexistent/smoke.yml' }), /^Input "checks-file" names \/nonexistent\/smoke.yml, which does not exist; expected the path of a YAML or JSON checks file/],
    ['checks file that is not YAML', file('checks:\n  - name: a\n   url: [\n'), /^Input "checks-file" \(checks.yml\) is not valid YAML: .+; expected a YAML document with a "checks" list\.$/],
    ['checks file that is not JSON', async () => ({ 'checks-file': await checksFile('{"checks": [', 'checks.json') }), /^Input "checks-file" \(checks.json\) is not valid JSON: .+; expected a JSON document/],
    ['bad duration', inline({ url: 'APP/health', timeout: '5 parsecs' }), /^Input "timeout" is "5 parsecs", which is not a duration; expected a duration such as 30s/],
    ['bad wait-timeout', inline({ url: 'APP/health', 'wait-for': 'APP/health', 'wait-timeout': 'soon' }), /^Input "wait-timeout" is "soon", which is not a duration/],
    ['negative number', inline({ url: 'APP/health', retries: '-1' }), /^Input "retries" is -1, which is out of range; expected a whole number from 0 to 10\.$/],
    ['non-numeric number', inline({ url: 'APP/health', concurrency: 'lots' }), /^Input "concurrency" is "lots", which is not a whole number; expected a whole number from 1 to 64\.$/],
    ['bad load rate', inline({ url: 'APP/health', 'load-duration': '10s', 'load-rate': '0' }), /^Input "load-rate" is 0, which is out of range; expected a number from 0.1 to 1000\.$/],
    ['bad max-error-rate', inline({ url: 'APP/health', 'load-duration': '10s', 'max-error-rate': '150%' }), /^Input "max-error-rate" is "150%", which is not a rate from 0 to 1; expected a fraction such as 0.01/],
    ['bad expect-status', inline({ url: 'APP/health', 'expect-status': '200-abc' }), /^Input "expect-status" has "200-abc", which is not a status, a range or a class; expected HTTP statuses/],
    ['url that is not http', inline({ url: 'ftp://127.0.0.1/health' }), /^Input "url" is not an absolute http\(s\) URL/],
    ['headers not key=value', inline({ url: 'APP/health', headers: 'Authorization: Bearer x\nAccept=json' }), /^Input "headers" has "Authorization: Bearer x", which is not a key=value pair; expected lines of key=value\.$/],
    ['wait-for naming no check', file('checks:\n  - name: health\n    url: APP/health\n'), /^Input "wait-for" is "helth", which is neither an http\(s\) URL nor the name of a check; expected a readiness URL, or one of the checks: "health"\.$/],
    ['unknown assertion operator', file('checks:\n  - name: health\n    url: APP/health\n    expect:\n      json:\n        - { path: $.status, approximately: healthy }\n'), /^Input "checks-file" check "health" field "expect.json\[0\].approximately" is not a known assertion operator; expected one of equals, contains, matches, exists/],
    ['placeholder naming an unknown capture', file('checks:\n  - name: login\n    method: POST\n    url: APP/api/auth/login\n    json: { email: a, password: b }\n    capture: { token: $.data.tokens.accessToken }\n  - name: me\n    url: APP/api/me\n    headers: { Authorization: "Bearer {{ tokn }}" }\n'), /^Input "checks-file" check "me" field "headers.Authorization" uses \{\{ tokn \}\}, but no check captures "tokn"; expected one of the captures token/],
    ['placeholder naming an unset variable', file('checks:\n  - name: login\n    method: POST\n    url: APP/api/auth/login\n    json: { password: "{{ env.SMOKE_PASSWORD_UNSET }}" }\n'), /^Input "checks-file" check "login" field "json.password" uses \{\{ env.SMOKE_PASSWORD_UNSET \}\}, but the environment variable SMOKE_PASSWORD_UNSET is not set/],
    ['bad status in a check', file('checks:\n  - name: login\n    url: APP/health\n    expect: { status: ok }\n'), /^Input "checks-file" check "login" field "expect.status" has "ok", which is not a status, a range or a class/],
    ['load-url without load-duration', inline({ url: 'APP/health', 'load-url': 'APP/api/version' }), /^Input "load-url" is set but "load-duration" is empty/]
  ]

  it.each(cases)('%s', async (name, inputs, message) => {
    const extra: Record<string, string> = name === 'wait-for naming no check' ? { 'wait-for': 'helth' } : {}
    const before = await requestCount(app.url)
    const result = await runAction({ action: 'smoke-test', inputs: { ...(await inputs()), ...extra } })
    runs.push(result)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(message)])
    expect(result.errors[0]).not.toContain('\n')
    expect(noStackTrace(result)).toBe(true)
    expect(result.outputs).toEqual({})
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
