import { formatMs, markdownTable, mermaidBarChart } from '../../../packages/core/markdown.js'
import { formatPercent } from './pacing.js'
import { failureReasons, tally, type SuiteResult } from './results.js'

/** Pure: the job summary — a headline, a table of checks, a latency chart, budgets and load. */

const ICON = { passed: '✅ passed', failed: '❌ failed', skipped: '⏭️ skipped' } as const
const MAX_CHART_BARS = 50

export function markdownSummary(result: SuiteResult): string {
  const counts = tally(result.checks)
  const failures = failureReasons(result)
  const parts: string[] = []
  parts.push(failures.length === 0 ? `## ✅ Smoke test passed: ${counts.passed} of ${counts.total} checks` : `## ❌ Smoke test failed: ${counts.passed} of ${counts.total} checks passed`)
  const facts: string[] = []
  if (result.readiness) {
    facts.push(
      result.readiness.passed
        ? `ready after **${formatMs(result.readiness.readyMs ?? result.readiness.waitedMs)}** (${result.readiness.attempts} ${result.readiness.attempts === 1 ? 'attempt' : 'attempts'}, ${result.readiness.target})`
        : `**not ready** after waiting ${formatMs(result.readiness.waitedMs)} (${result.readiness.target})`
    )
  }
  if (result.latency) facts.push(`p50 ${formatMs(result.latency.p50)}`, `p95 ${formatMs(result.latency.p95)}`, `max ${formatMs(result.latency.max)}`)
  facts.push(`${formatMs(result.durationMs)} in all, concurrency ${result.concurrency}`)
  parts.push(facts.join(' · '))
  if (failures.length > 0) parts.push(failures.map((f) => `- ${f}`).join('\n'))

  if (result.checks.length > 0) {
    parts.push(
      markdownTable(
        ['status', 'check', 'request', 'HTTP', 'latency', 'attempts', 'failure reason'],
        result.checks.map((c) => [
          ICON[c.status],
          c.name,
          `${c.method} ${c.url}`,
          c.httpStatus === undefined ? '—' : String(c.httpStatus),
          c.latencyMs === undefined ? '—' : formatMs(c.latencyMs),
          String(c.attempts),
          c.failures.join('; ')
        ])
      )
    )
    const timed = result.checks.filter((c) => c.latencyMs !== undefined)
    const bars = [...timed].sort((a, b) => (b.latencyMs as number) - (a.latencyMs as number)).slice(0, MAX_CHART_BARS)
    const ordered = timed.filter((c) => bars.includes(c))
    if (ordered.length > 0) {
      const title = timed.length > MAX_CHART_BARS ? `Latency of the ${MAX_CHART_BARS} slowest checks (ms)` : 'Latency per check (ms)'
      parts.push(
        mermaidBarChart(
          title,
          'ms',
          ordered.map((c) => ({ label: c.name, value: c.latencyMs as number }))
        )
      )
    }
  }
  if (result.budgets.length > 0) {
    parts.push(
      '### Latency budgets',
      markdownTable(
        ['budget', 'limit', 'actual', 'result'],
        result.budgets.map((b) => [`suite ${b.name}`, formatMs(b.budgetMs), formatMs(b.actualMs), b.passed ? '✅ within' : '❌ over'])
      )
    )
  }
  if (result.load) {
    const { verdict, thresholds } = result.load
    const limits = [
      thresholds.maxErrorRate === undefined ? undefined : `error rate ≤ ${formatPercent(thresholds.maxErrorRate)}`,
      thresholds.maxP95Ms === undefined ? undefined : `p95 ≤ ${formatMs(thresholds.maxP95Ms)}`
    ].filter(Boolean)
    parts.push(
      '### Load phase',
      `${result.load.method} ${result.load.url} at ${result.load.rate}/s for ${formatMs(result.load.durationMs)}${limits.length > 0 ? ` — limits: ${limits.join(', ')}` : ''}`,
      markdownTable(
        ['requests', 'achieved rate', 'errors', 'error rate', 'p50', 'p95', 'p99', 'result'],
        [
          [
            String(verdict.requests),
            `${verdict.achievedRate.toFixed(1)}/s`,
            String(verdict.errors),
            formatPercent(verdict.errorRate),
            verdict.latency ? formatMs(verdict.latency.p50) : '—',
            verdict.latency ? formatMs(verdict.latency.p95) : '—',
            verdict.latency ? formatMs(verdict.latency.p99) : '—',
            verdict.failures.length === 0 ? '✅ passed' : `❌ ${verdict.failures.join('; ')}`
          ]
        ]
      )
    )
    if (verdict.topErrors.length > 0) parts.push(`Errors: ${verdict.topErrors.map((e) => `${e.reason} × ${e.count}`).join(', ')}`)
  } else if (result.loadSkipped) {
    parts.push('### Load phase', `Not run: ${result.loadSkipped}`)
  }
  return `${parts.join('\n\n')}\n`
}
