import { failureReasons, tally, type SuiteResult } from './results.js'

/** Pure: the machine-readable report (report output). Durations in whole ms, latencies to 0.1 ms. */
export function jsonReport(result: SuiteResult): string {
  const counts = tally(result.checks)
  const failures = failureReasons(result)
  const round = (value: number | undefined): number | undefined => (value === undefined ? undefined : Math.round(value * 10) / 10)
  const report = {
    tool: 'deploy-actions/smoke-test',
    passed: failures.length === 0,
    startedAt: result.startedAt,
    durationMs: Math.round(result.durationMs),
    concurrency: result.concurrency,
    counts,
    failures,
    readiness: result.readiness && {
      ...result.readiness,
      readyMs: result.readiness.readyMs === undefined ? undefined : Math.round(result.readiness.readyMs),
      waitedMs: Math.round(result.readiness.waitedMs)
    },
    latency: result.latency && Object.fromEntries(Object.entries(result.latency).map(([key, value]: [string, number]) => [key, round(value)])),
    budgets: result.budgets.map((b) => ({ ...b, actualMs: round(b.actualMs) })),
    checks: result.checks.map((c) => ({ ...c, latencyMs: round(c.latencyMs) })),
    load: result.load && {
      method: result.load.method,
      url: result.load.url,
      check: result.load.check,
      durationMs: result.load.durationMs,
      rate: result.load.rate,
      thresholds: result.load.thresholds,
      requests: result.load.verdict.requests,
      errors: result.load.verdict.errors,
      errorRate: result.load.verdict.errorRate,
      achievedRate: round(result.load.verdict.achievedRate),
      latency: result.load.verdict.latency && Object.fromEntries(Object.entries(result.load.verdict.latency).map(([key, value]: [string, number]) => [key, round(value)])),
      topErrors: result.load.verdict.topErrors,
      failures: result.load.verdict.failures
    },
    loadSkipped: result.loadSkipped
  }
  return `${JSON.stringify(report, null, 2)}\n`
}
