import { describe, expect, test } from '@jest/globals'
import { jsonReport } from '../../../actions/smoke-test/src/report-json.js'
import { junitReport, xml } from '../../../actions/smoke-test/src/report-junit.js'
import { markdownSummary } from '../../../actions/smoke-test/src/report-markdown.js'
import { failureReasons, tally, type CheckResult, type SuiteResult } from '../../../actions/smoke-test/src/results.js'
import { loadVerdict } from '../../../actions/smoke-test/src/pacing.js'

const check = (name: string, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  name,
  method: 'GET',
  url: `https://shop.example.com/${name}`,
  status,
  httpStatus: status === 'skipped' ? undefined : status === 'passed' ? 200 : 500,
  latencyMs: status === 'skipped' ? undefined : 42.4,
  attempts: status === 'skipped' ? 0 : 1,
  failures: status === 'failed' ? ['expected status 2xx, got 500'] : status === 'skipped' ? ['skipped: needs a capture from "login", which did not pass'] : [],
  captured: [],
  ...extra
})

const passing: SuiteResult = {
  startedAt: '2026-11-22T01:00:00.000Z',
  durationMs: 1234,
  concurrency: 10,
  readiness: { target: 'https://shop.example.com/health', passed: true, readyMs: 2100, waitedMs: 2100, attempts: 4, timeoutMs: 60_000 },
  checks: [check('health', 'passed'), check('login', 'passed', { method: 'POST', captured: ['token'] }), check('me', 'passed', { latencyMs: 120 })],
  latency: { count: 3, min: 42.4, mean: 68.3, p50: 42.4, p95: 120, p99: 120, max: 120 },
  budgets: [{ name: 'p95', budgetMs: 500, actualMs: 120, passed: true }],
  load: {
    method: 'GET',
    url: 'https://shop.example.com/api/version',
    durationMs: 2000,
    rate: 10,
    thresholds: { maxErrorRate: 0.01, maxP95Ms: 300 },
    verdict: loadVerdict(
      Array.from({ length: 20 }, (_, i) => ({ ok: true, durationMs: 10 + i })),
      2000,
      { maxErrorRate: 0.01, maxP95Ms: 300 }
    )
  }
}

const failing: SuiteResult = {
  ...passing,
  readiness: undefined,
  load: undefined,
  loadSkipped: 'checks failed, so the load phase did not start',
  checks: [check('login', 'failed', { failures: ['expected status 2xx, got 401: {"error":"invalid <credentials> & co"}'] }), check('me', 'skipped'), check('health', 'passed')],
  budgets: [{ name: 'p95', budgetMs: 100, actualMs: 120, passed: false }]
}

describe('tally and failureReasons', () => {
  test.each<[string, SuiteResult, { passed: number; failed: number; skipped: number; total: number }, string[]]>([
    ['passing', passing, { passed: 3, failed: 0, skipped: 0, total: 3 }, []],
    [
      'failing',
      failing,
      { passed: 1, failed: 2, skipped: 1, total: 3 },
      ['2 of 3 checks failed: "login" (expected status 2xx, got 401: {"error":"invalid <credentials> & co"}), 1 skipped: "me"', 'suite p95 latency 120 ms is over the 100 ms budget']
    ],
    [
      'not ready',
      {
        ...passing,
        load: undefined,
        readiness: { target: 'check "health"', passed: false, waitedMs: 1490, attempts: 5, failure: 'expected status 2xx, got 503', timeoutMs: 1500 },
        checks: [check('health', 'skipped')]
      },
      { passed: 0, failed: 1, skipped: 1, total: 1 },
      ['check "health" was not ready within 1.50 s (5 attempts; last: expected status 2xx, got 503)', '1 of 1 checks failed: 1 skipped: "health"']
    ]
  ])('%s', (_name, result, counts, reasons) => {
    expect(tally(result.checks)).toEqual(counts)
    expect(failureReasons(result)).toEqual(reasons)
  })
  test('long failure lists name the first five', () => {
    const many = { ...failing, budgets: [], checks: Array.from({ length: 8 }, (_, i) => check(`c${i}`, 'failed')) }
    expect(failureReasons(many)[0]).toMatch(/^8 of 8 checks failed: "c0" .*"c4" \(expected status 2xx, got 500\), 3 more \(see the report\)$/)
  })
})

describe('jsonReport', () => {
  test('a passing run', () => {
    const report = JSON.parse(jsonReport(passing)) as { checks: unknown[] }
    expect(report).toMatchObject({
      tool: 'deploy-actions/smoke-test',
      passed: true,
      durationMs: 1234,
      counts: { passed: 3, failed: 0, total: 3 },
      failures: [],
      readiness: { passed: true, readyMs: 2100, waitedMs: 2100, attempts: 4 },
      latency: { p95: 120 },
      load: { requests: 20, errors: 0, errorRate: 0, thresholds: { maxErrorRate: 0.01, maxP95Ms: 300 }, failures: [] }
    })
    expect(report.checks[1]).toEqual({
      name: 'login',
      method: 'POST',
      url: 'https://shop.example.com/login',
      status: 'passed',
      httpStatus: 200,
      latencyMs: 42.4,
      attempts: 1,
      failures: [],
      captured: ['token']
    })
  })
  test('a failing run lists its failures', () => {
    const report = JSON.parse(jsonReport(failing)) as { passed: boolean; failures: unknown[]; loadSkipped: string }
    expect(report.passed).toBe(false)
    expect(report.failures).toHaveLength(2)
    expect(report.loadSkipped).toBe('checks failed, so the load phase did not start')
  })
})

describe('junitReport', () => {
  test('a passing run: one testcase per check, plus readiness, budgets and load', () => {
    expect(junitReport(passing)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="smoke-test" tests="6" failures="0" skipped="0" errors="0" time="1.234">',
        '  <testsuite name="smoke-test" tests="6" failures="0" skipped="0" errors="0" time="1.234" timestamp="2026-11-22T01:00:00.000Z">',
        '    <properties><property name="checks.passed" value="3"/><property name="checks.total" value="3"/></properties>',
        '    <testcase classname="smoke-test.readiness" name="ready: https://shop.example.com/health" time="2.100"/>',
        '    <testcase classname="smoke-test.checks" name="health" time="0.042"/>',
        '    <testcase classname="smoke-test.checks" name="login" time="0.042"/>',
        '    <testcase classname="smoke-test.checks" name="me" time="0.120"/>',
        '    <testcase classname="smoke-test.budgets" name="suite p95 latency ≤ 500 ms" time="0.000"/>',
        '    <testcase classname="smoke-test.load" name="load 10/s for 2 s" time="2.000"/>',
        '  </testsuite>',
        '</testsuites>',
        ''
      ].join('\n')
    )
  })
  test('failures and skips are escaped XML', () => {
    const report = junitReport(failing)
    expect(report).toContain('tests="4" failures="2" skipped="1"')
    expect(report).toContain('<failure message="expected status 2xx, got 401: {&quot;error&quot;:&quot;invalid &lt;credentials&gt; &amp; co&quot;}" type="AssertionError">')
    expect(report).toContain('<skipped message="skipped: needs a capture from &quot;login&quot;, which did not pass"/>')
    expect(report).toContain('<failure message="was 120 ms" type="AssertionError">was 120 ms</failure>')
  })
  test.each([
    ['a < b & "c" \'d\'', 'a &lt; b &amp; &quot;c&quot; &apos;d&apos;'],
    ['bell\u0007 and nul\u0000 dropped', 'bell and nul dropped'],
    ['ünïcödé ✓', 'ünïcödé ✓']
  ])('xml(%j)', (text, escaped) => {
    expect(xml(text)).toBe(escaped)
  })
})

describe('markdownSummary', () => {
  test('a passing run: headline, facts, table, chart, budgets and load', () => {
    const md = markdownSummary(passing)
    expect(md).toContain('## ✅ Smoke test passed: 3 of 3 checks')
    expect(md).toContain('ready after **2.10 s** (4 attempts, https://shop.example.com/health) · p50 42 ms · p95 120 ms · max 120 ms · 1.23 s in all, concurrency 10')
    expect(md).toContain('| status | check | request | HTTP | latency | attempts | failure reason |')
    expect(md).toContain('| ✅ passed | login | POST https://shop.example.com/login | 200 | 42 ms | 1 |  |')
    expect(md).toContain('```mermaid\nxychart-beta\n  title "Latency per check (ms)"\n  x-axis ["health", "login", "me"]\n  y-axis "ms" 0 --> 120\n  bar [42, 42, 120]\n```')
    expect(md).toContain('| suite p95 | 500 ms | 120 ms | ✅ within |')
    expect(md).toContain('GET https://shop.example.com/api/version at 10/s for 2.00 s — limits: error rate ≤ 1%, p95 ≤ 300 ms')
    expect(md).toMatch(/\| 20 \| 10\.0\/s \| 0 \| 0% \| 19 ms \| 28 ms \| 29 ms \| ✅ passed \|/)
  })
  test('a failing run: reasons listed, failed and skipped rows, load not run', () => {
    const md = markdownSummary(failing)
    expect(md).toContain('## ❌ Smoke test failed: 1 of 3 checks passed')
    expect(md).toContain('- suite p95 latency 120 ms is over the 100 ms budget')
    expect(md).toContain('| ❌ failed | login | GET https://shop.example.com/login | 500 | 42 ms | 1 | expected status 2xx, got 401: {"error":"invalid <credentials> & co"} |')
    expect(md).toContain('| ⏭️ skipped | me | GET https://shop.example.com/me | — | — | 0 | skipped: needs a capture from "login", which did not pass |')
    expect(md).toContain('x-axis ["login", "health"]')
    expect(md).toContain('Not run: checks failed, so the load phase did not start')
  })
  test('more than 50 checks chart the 50 slowest', () => {
    const checks = Array.from({ length: 60 }, (_, i) => check(`c${i}`, 'passed', { latencyMs: i }))
    const md = markdownSummary({ ...passing, readiness: undefined, load: undefined, budgets: [], checks })
    expect(md).toContain('title "Latency of the 50 slowest checks (ms)"')
    expect(md).not.toContain('"c9"')
    expect(md).toContain('"c10"')
  })
})
