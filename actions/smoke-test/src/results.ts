import type { LatencyStats } from '../../../packages/core/latency-stats.js'
import { formatMs } from '../../../packages/core/markdown.js'
import { budgetFailures, type BudgetResult } from './budgets.js'
import type { LoadThresholds, LoadVerdict } from './pacing.js'

/** What a run found, as plain data: the input of the report builders and of the outputs. */

export interface CheckResult {
  name: string
  method: string
  /** The URL as sent, with captured values already redacted by the caller. */
  url: string
  status: 'passed' | 'failed' | 'skipped'
  httpStatus?: number
  /** Latency of the last attempt that got an answer. */
  latencyMs?: number
  attempts: number
  failures: string[]
  /** Names of the values it captured (never the values). */
  captured: string[]
}

export interface ReadinessResult {
  target: string
  passed: boolean
  /** Time until the target was ready; only when it became ready. */
  readyMs?: number
  /** Time spent waiting, ready or not. */
  waitedMs: number
  attempts: number
  failure?: string
  timeoutMs: number
}

export interface LoadResult {
  method: string
  url: string
  /** The check whose request the load phase repeated (load-check, or the first check by default). */
  check?: string
  durationMs: number
  rate: number
  thresholds: LoadThresholds
  verdict: LoadVerdict
}

export interface SuiteResult {
  startedAt: string
  durationMs: number
  concurrency: number
  readiness?: ReadinessResult
  checks: CheckResult[]
  latency?: LatencyStats
  budgets: BudgetResult[]
  load?: LoadResult
  /** Why the load phase did not run, when one was asked for. */
  loadSkipped?: string
}

export interface Tally {
  passed: number
  failed: number
  skipped: number
  total: number
}

export function tally(checks: readonly CheckResult[]): Tally {
  const passed = checks.filter((c) => c.status === 'passed').length
  const skipped = checks.filter((c) => c.status === 'skipped').length
  return { passed, skipped, failed: checks.length - passed, total: checks.length }
}

const MAX_NAMED = 5

/** Everything that makes the run fail, one sentence each; empty when it passed. */
export function failureReasons(result: SuiteResult): string[] {
  const reasons: string[] = []
  if (result.readiness && !result.readiness.passed) {
    reasons.push(
      `${result.readiness.target} was not ready within ${formatMs(result.readiness.timeoutMs)} (${result.readiness.attempts} attempts; last: ${result.readiness.failure ?? 'no answer'})`
    )
  }
  const failed = result.checks.filter((c) => c.status === 'failed')
  const skipped = result.checks.filter((c) => c.status === 'skipped')
  if (failed.length > 0 || skipped.length > 0) {
    const parts = failed.slice(0, MAX_NAMED).map((c) => `"${c.name}" (${c.failures.join('; ')})`)
    if (failed.length > MAX_NAMED) parts.push(`${failed.length - MAX_NAMED} more (see the report)`)
    if (skipped.length > 0)
      parts.push(
        `${skipped.length} skipped: ${skipped
          .slice(0, MAX_NAMED)
          .map((c) => `"${c.name}"`)
          .join(', ')}${skipped.length > MAX_NAMED ? ', …' : ''}`
      )
    reasons.push(`${failed.length + skipped.length} of ${result.checks.length} checks failed: ${parts.join(', ')}`)
  }
  reasons.push(...budgetFailures(result.budgets))
  if (result.load) reasons.push(...result.load.verdict.failures.map((f) => `load phase ${f}`))
  return reasons
}
