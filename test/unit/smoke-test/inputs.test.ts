import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// @actions/core faked at the edge: inputs come from a map, masks are recorded.
const inputs = new Map<string, string>()
const setSecret = jest.fn<(value: string) => void>()
jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => inputs.get(name) ?? '',
  setSecret,
  info: jest.fn(),
  warning: jest.fn(),
  debug: jest.fn()
}))
const { getInputs } = await import('../../../actions/smoke-test/src/inputs.js')

describe('getInputs (@actions/core faked)', () => {
  let dir: string
  beforeEach(() => {
    inputs.clear()
    setSecret.mockClear()
    dir = mkdtempSync(join(tmpdir(), 'smoke-inputs-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('empty inputs (as the root dispatcher passes them) fall back to the action.yml defaults', () => {
    inputs.set('url', 'https://shop.example.com/health')
    const parsed = getInputs({ RUNNER_TEMP: '/runner/temp' })
    expect(parsed.concurrency).toBe(10)
    expect(parsed.plan.checks[0]).toMatchObject({ name: 'GET /health', method: 'GET', timeoutMs: 10_000, retries: 0, statuses: [[200, 299]] })
    expect(parsed.wait).toBeUndefined()
    expect(parsed.load).toBeUndefined()
    expect(parsed.reportDir).toBe('/runner/temp/smoke-test-report')
    expect([...parsed.secretHeaders]).toEqual(['authorization', 'proxy-authorization', 'cookie'])
  })

  test('headers input < file defaults < check; secret header values masked at once', () => {
    const file = join(dir, 'checks.yml')
    writeFileSync(file, 'defaults:\n  headers: { Accept: text/html, X-Team: web }\nchecks:\n  - name: a\n    url: https://x.example/a\n    headers: { X-Team: api, X-Api-Key: "{{ env.KEY }}" }\n')
    inputs.set('checks-file', file)
    inputs.set('headers', 'accept=application/json\nAuthorization=Bearer static-token-123')
    inputs.set('secret-headers', 'X-Api-Key')
    const parsed = getInputs({ KEY: 'key-from-env-456' })
    expect(parsed.plan.checks[0].headers).toEqual({ Authorization: 'Bearer static-token-123', Accept: 'text/html', 'X-Team': 'api', 'X-Api-Key': 'key-from-env-456' })
    expect(setSecret.mock.calls.map(([v]) => v)).toEqual(['Bearer static-token-123', 'static-token-123', 'key-from-env-456'])
  })

  test('wait-for by check name or path, and load settings', () => {
    const file = join(dir, 'checks.json')
    writeFileSync(file, JSON.stringify({ checks: [{ name: 'ready', url: '/health/ready' }, { name: 'v', url: '/api/version', expect: { status: '2xx' } }] }))
    inputs.set('checks-file', file)
    inputs.set('base-url', 'https://shop.example.com/')
    inputs.set('wait-for', 'ready')
    inputs.set('load-duration', '30s')
    inputs.set('load-rate', '20')
    inputs.set('max-error-rate', '2.5%')
    inputs.set('max-p95', '300ms')
    const parsed = getInputs({})
    expect(parsed.wait?.target).toMatchObject({ kind: 'check', check: { name: 'ready', url: 'https://shop.example.com/health/ready' } })
    expect(parsed.wait?.timeoutMs).toBe(60_000)
    expect(parsed.load).toMatchObject({ durationMs: 30_000, rate: 20, url: undefined, thresholds: { maxErrorRate: 0.025, maxP95Ms: 300 } })
    inputs.set('wait-for', '/health/live')
    inputs.set('load-url', '/api/products')
    const again = getInputs({})
    expect(again.wait?.target).toMatchObject({ kind: 'url', url: 'https://shop.example.com/health/live' })
    expect(again.load?.url).toBe('https://shop.example.com/api/products')
  })

  test('a headers input naming an unset variable is an error of the headers input', () => {
    inputs.set('url', 'https://shop.example.com/health')
    inputs.set('headers', 'X-Api-Key={{ env.API_KEY }}')
    expect(() => getInputs({})).toThrow('Input "headers" uses {{ env.API_KEY }}, but the environment variable API_KEY is not set; expected API_KEY set in the step\'s env.')
    expect(getInputs({ API_KEY: 'key-123' }).plan.checks[0].headers).toEqual({ 'X-Api-Key': 'key-123' })
  })

  test('wait-for may not name a check that reads captures', () => {
    const file = join(dir, 'checks.yml')
    writeFileSync(file, 'checks:\n  - name: login\n    method: POST\n    url: https://x/login\n    capture: { token: $.t }\n  - name: me\n    url: https://x/me\n    headers: { Authorization: "Bearer {{ token }}" }\n')
    inputs.set('checks-file', file)
    inputs.set('wait-for', 'me')
    expect(() => getInputs({})).toThrow('Input "wait-for" names check "me", which reads captures (token) and so cannot run before the others; expected a check that needs no capture, or a URL.')
  })
})
