import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { startSampleApp, type SampleApp } from '../../support/services/sample-app.js'
import { appStats, checksFile, maskedValues, noStackTrace, reports, visibleStdout } from './support.js'

describe('smoke-test — runner contract against the sample app', () => {
  let app: SampleApp
  const runs: RunResult[] = []
  const run = async (options: Parameters<typeof runAction>[0]): Promise<RunResult> => {
    const result = await runAction(options)
    runs.push(result)
    return result
  }
  beforeAll(async () => {
    app = await startSampleApp()
  })
  afterAll(async () => {
    await app?.stop()
    await Promise.all(runs.map(cleanup))
  })

  it('passes a suite where every check passes, with outputs, reports and a summary table and chart', async () => {
    const file = await checksFile(`
checks:
  - name: health
    url: /health
    expect:
      status: 200
      headers: { content-type: application/json, x-app-version: true }
      json:
        - { path: $.status, equals: healthy }
        - { path: $.checks.database.latency_ms, "<": 100 }
  - name: version
    url: /api/version
    expect:
      json: [{ path: $.version, matches: '^\\d+\\.\\d+\\.\\d+$' }]
  - name: home
    url: /
    expect: { body-contains: Welcome to the shop, body-matches: '<title>\\w+</title>' }
  - name: not found is expected
    url: /api/nothing-here
    expect: { status: 404 }
  - name: redirects allowed
    url: /status/304
    expect: { status: '200-299,304' }
`)
    const result = await run({ action: 'smoke-test', inputs: { 'checks-file': file, 'base-url': app.url } })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ passed: '5', failed: '0', total: '5', 'error-rate': '0', 'ready-ms': '', 'load-requests': '' })
    expect(result.outputs['p95-ms']).toMatch(/^\d+$/)
    expect(result.summary).toContain('## ✅ Smoke test passed: 5 of 5 checks')
    expect(result.summary).toMatch(/\| ✅ passed \| health \| GET http:\/\/127\.0\.0\.1:\d+\/health \| 200 \| \d+ ms \| 1 \|/)
    expect(result.summary).toContain('xychart-beta')
    expect(result.stdout).toMatch(/✓ health: 200 in \d+ ms/)
    const { json, junit } = await reports(result)
    expect(json).toMatchObject({ passed: true, counts: { passed: 5, failed: 0, total: 5 } })
    expect(json.checks.map((c) => [c.name, c.status])).toEqual([
      ['health', 'passed'],
      ['version', 'passed'],
      ['home', 'passed'],
      ['not found is expected', 'passed'],
      ['redirects allowed', 'passed']
    ])
    expect(junit).toMatch(/<testsuites name="smoke-test" tests="5" failures="0"/)
    expect(junit).toContain('<testcase classname="smoke-test.checks" name="health"')
  })

  it('runs a single check from inline inputs (url, method, headers, expect-status)', async () => {
    const result = await run({
      action: 'smoke-test',
      inputs: { url: `${app.url}/status/204`, method: 'GET', headers: 'Accept=application/json\nX-Request-Source=smoke', 'expect-status': '200-299' }
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ passed: '1', failed: '0', total: '1' })
    expect(result.summary).toContain('| ✅ passed | GET /status/204 |')
  })

  it('fails when an assertion fails: exit 1, one error naming the failing check and why', async () => {
    const file = await checksFile(`
checks:
  - name: health
    url: ${app.url}/health
  - name: version is the new one
    url: ${app.url}/api/version
    expect:
      json: [{ path: $.version, equals: 2.0.0 }]
`)
    const result = await run({ action: 'smoke-test', inputs: { 'checks-file': file } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual(['smoke-test failed: 1 of 2 checks failed: "version is the new one" ($.version: expected equals "2.0.0", got "1.4.2")'])
    expect(noStackTrace(result)).toBe(true)
    expect(result.outputs).toMatchObject({ passed: '1', failed: '1', total: '2', 'error-rate': '0.5' })
    expect(result.summary).toContain('## ❌ Smoke test failed: 1 of 2 checks passed')
    expect(result.summary).toContain('| ❌ failed | version is the new one |')
    const { json, junit } = await reports(result)
    expect(json.passed).toBe(false)
    expect(junit).toContain('<failure message="$.version: expected equals &quot;2.0.0&quot;, got &quot;1.4.2&quot;"')
  })

  it('retries a failing check with backoff and reports the attempts', async () => {
    const result = await run({ action: 'smoke-test', inputs: { url: `${app.url}/status/503`, retries: '2' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^smoke-test failed: 1 of 1 checks failed: "GET \/status\/503" \(expected status 2xx, got 503: \{"status":503\}\)$/)])
    expect(result.stdout).toContain('attempt 1 of 3 failed')
    expect(result.stdout).toContain('attempt 2 of 3 failed')
    const { json } = await reports(result)
    expect(json.checks[0]).toMatchObject({ attempts: 3, httpStatus: 503, status: 'failed' })
  })

  it('captures a login token, uses it for authenticated requests, and never lets it out', async () => {
    const file = await checksFile(`
checks:
  - name: login
    method: POST
    url: /api/auth/login
    json: { email: demo@example.com, password: "{{ env.DEMO_PASSWORD }}" }
    capture:
      token: $.data.tokens.accessToken
  - name: me
    url: /api/me
    headers: { Authorization: "Bearer {{ token }}" }
    expect:
      json: [{ path: $.email, equals: demo@example.com }]
  - name: todos
    url: /api/todos
    headers: { Authorization: "Bearer {{ token }}" }
    expect:
      json: [{ path: $.count, ">=": 1 }, { path: "$.items[*].title", equals: Ship it, any: true }, { path: "$.items[*].id", ">": 0 }]
  - name: health
    url: /health
`)
    const apiKey = 'key-5f1c2b9e8d7a'
    const result = await run({
      action: 'smoke-test',
      inputs: { 'checks-file': file, 'base-url': app.url, headers: 'X-Api-Key={{ env.API_KEY }}', 'secret-headers': 'X-Api-Key' },
      env: { DEMO_PASSWORD: 'demo-password', API_KEY: apiKey }
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ passed: '4', total: '4' })

    const tokens = maskedValues(result).filter((value) => /^tok_[0-9a-f]{32}$/.test(value))
    expect(new Set(tokens).size).toBe(1)
    const [token] = tokens
    expect(maskedValues(result)).toContain(apiKey)
    const { json, jsonText, junit } = await reports(result)
    expect(json.checks.find((c) => c.name === 'login')?.captured).toEqual(['token'])
    for (const secret of [token, apiKey]) {
      expect(visibleStdout(result)).not.toContain(secret)
      expect(result.stderr).not.toContain(secret)
      expect(JSON.stringify(result.outputs)).not.toContain(secret)
      expect(result.summary).not.toContain(secret)
      expect(jsonText).not.toContain(secret)
      expect(junit).not.toContain(secret)
    }
  })

  it('skips the checks that need a capture when the check that makes it fails', async () => {
    const file = await checksFile(`
checks:
  - name: login
    method: POST
    url: /api/auth/login
    json: { email: demo@example.com, password: wrong }
    capture: { token: $.data.tokens.accessToken }
  - name: me
    url: /api/me
    headers: { Authorization: "Bearer {{ token }}" }
  - name: health
    url: /health
`)
    const result = await run({ action: 'smoke-test', inputs: { 'checks-file': file, 'base-url': app.url } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual(['smoke-test failed: 2 of 3 checks failed: "login" (expected status 2xx, got 401: {"error":"invalid credentials"}), 1 skipped: "me"'])
    expect(result.outputs).toMatchObject({ passed: '1', failed: '2', total: '3' })
    expect(result.summary).toContain('| ⏭️ skipped | me |')
    const { junit } = await reports(result)
    expect(junit).toContain('<skipped message="skipped: needs a capture from &quot;login&quot;, which did not pass"/>')
  })
})

describe('smoke-test — readiness and latency budgets', () => {
  const runs: RunResult[] = []
  afterAll(async () => {
    await Promise.all(runs.map(cleanup))
  })

  it('waits for an app that becomes ready after a delay, then runs the suite and reports the readiness time', async () => {
    const app = await startSampleApp({ readyAfterMs: 3000 })
    try {
      const result = await runAction({ action: 'smoke-test', inputs: { url: `${app.url}/api/version`, 'wait-for': `${app.url}/health/ready`, 'wait-timeout': '20s' } })
      runs.push(result)
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      // The app counts its delay from its own start, a moment before the action starts, so
      // only bounds that hold on a busy machine: some waiting happened, less than the timeout.
      const readyMs = Number(result.outputs['ready-ms'])
      expect(readyMs).toBeGreaterThan(100)
      expect(readyMs).toBeLessThan(20_000)
      expect(result.stdout).toMatch(/not ready \(attempt 1, .*expected status 2xx, got 503/)
      expect(result.summary).toMatch(/ready after \*\*\d\.\d\d s\*\* \(\d+ attempts, http:\/\/127\.0\.0\.1:\d+\/health\/ready\)/)
      const { json } = await reports(result)
      expect(json.readiness).toMatchObject({ passed: true, readyMs })
      expect(json.readiness.attempts).toBeGreaterThan(1)
    } finally {
      await app.stop()
    }
  })

  it('fails when the app is not ready within wait-timeout, without running the checks', async () => {
    const app = await startSampleApp({ readyAfterMs: 60_000 })
    try {
      const file = await checksFile(`checks:\n  - name: ready\n    url: ${app.url}/health/ready\n  - name: version\n    url: ${app.url}/api/version\n`)
      const result = await runAction({ action: 'smoke-test', inputs: { 'checks-file': file, 'wait-for': 'ready', 'wait-timeout': '1500ms' } })
      runs.push(result)
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual([
        expect.stringMatching(
          /^smoke-test failed: check "ready" was not ready within 1\.50 s \(\d+ attempts; last: expected status 2xx, got 503: .*\); 2 of 2 checks failed: 2 skipped: "ready", "version"$/
        )
      ])
      // Never ready: ready-ms stays empty (the time spent waiting is in the report, not in a ready time).
      expect(result.outputs).toMatchObject({ passed: '0', failed: '2', total: '2', 'ready-ms': '' })
      expect(result.summary).toContain('**not ready**')
      const { json } = await reports(result)
      expect(json.readiness.readyMs).toBeUndefined()
      expect(json.readiness.waitedMs).toBeGreaterThan(0)
    } finally {
      await app.stop()
    }
  })

  it('runs independent checks concurrently up to the limit, over reused keep-alive connections', async () => {
    const app = await startSampleApp({ latencyMs: 100 })
    try {
      const checks = Array.from({ length: 12 }, (_, i) => `  - name: c${i}\n    url: ${app.url}/api/version?n=${i}\n`).join('')
      const file = await checksFile(`checks:\n${checks}`)
      const before = await appStats(app.url)
      const result = await runAction({ action: 'smoke-test', inputs: { 'checks-file': file, concurrency: '3' } })
      runs.push(result)
      const after = await appStats(app.url)
      expect(result.exitCode).toBe(0)
      expect(after.requests - before.requests).toBe(12)
      expect(after.maxInFlight).toBe(3)
      // Twelve requests over three connections (measured: exactly 3, every time); at most one
      // more is allowed for a busy machine. The stats request's own connection is the + 1.
      expect(after.connections - before.connections - 1).toBeGreaterThanOrEqual(3)
      expect(after.connections - before.connections - 1).toBeLessThanOrEqual(4)
    } finally {
      await app.stop()
    }
  })

  it('a check that gets no answer within its timeout fails with that reason', async () => {
    const app = await startSampleApp({ latencyMs: 1000 })
    try {
      const file = await checksFile(`checks:\n  - name: slow\n    url: ${app.url}/api/version\n    timeout: 200ms\n`)
      const result = await runAction({ action: 'smoke-test', inputs: { 'checks-file': file } })
      runs.push(result)
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual(['smoke-test failed: 1 of 1 checks failed: "slow" (request failed: no answer within 200 ms)'])
    } finally {
      await app.stop()
    }
  })

  it('fails a check over its latency budget and the suite over its p95 budget', async () => {
    const app = await startSampleApp({ latencyMs: 150 })
    try {
      const file = await checksFile(`
checks:
  - name: fast enough
    url: ${app.url}/api/version
    expect: { latency-max: 5s }
  - name: too slow
    url: ${app.url}/health
    expect: { latency-max: 50ms }
  - name: live
    url: ${app.url}/health/live
`)
      const result = await runAction({ action: 'smoke-test', inputs: { 'checks-file': file, 'latency-p95': '100ms', 'latency-p50': '10s' } })
      runs.push(result)
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual([
        expect.stringMatching(/^smoke-test failed: 1 of 3 checks failed: "too slow" \(took \d+ ms, over the 50 ms latency budget\); suite p95 latency \d+ ms is over the 100 ms budget$/)
      ])
      expect(result.summary).toContain('### Latency budgets')
      expect(result.summary).toMatch(/\| suite p95 \| 100 ms \| \d+ ms \| ❌ over \|/)
      expect(result.summary).toMatch(/\| suite p50 \| 10\.0 s \| \d+ ms \| ✅ within \|/)
    } finally {
      await app.stop()
    }
  })
})
