import { latencyStats, type LatencyStats } from '../../../packages/core/latency-stats.js'
import { formatMs } from '../../../packages/core/markdown.js'

/**
 * Pure maths of the load phase. Requests are sent open-loop at a steady rate: request i is due at
 * i × (1000 / rate) ms after the start whether or not earlier ones have answered, so a slow server
 * shows up as latency instead of silently lowering the rate.
 */
export interface LoadPlan {
  total: number
  intervalMs: number
  durationMs: number
  rate: number
}

export function loadPlan(durationMs: number, rate: number): LoadPlan {
  const total = Math.max(1, Math.floor((durationMs / 1000) * rate))
  return { total, intervalMs: 1000 / rate, durationMs, rate }
}

/** How many requests should have been sent `elapsedMs` after the start (the first goes at 0). */
export function dueBy(plan: LoadPlan, elapsedMs: number): number {
  if (elapsedMs < 0) return 0
  return Math.min(plan.total, Math.floor(elapsedMs / plan.intervalMs + 1e-9) + 1)
}

/** Milliseconds until the next request is due, given how many were sent; 0 when one is late. */
export function delayUntilNext(plan: LoadPlan, sent: number, elapsedMs: number): number {
  if (sent >= plan.total) return Number.POSITIVE_INFINITY
  return Math.max(0, sent * plan.intervalMs - elapsedMs)
}

export interface LoadSample {
  ok: boolean
  durationMs: number
  /** Why it counts as an error: `HTTP 500`, `no answer within 5000 ms`. */
  error?: string
}

export interface LoadThresholds {
  maxErrorRate?: number
  maxP95Ms?: number
}

export interface LoadVerdict {
  requests: number
  errors: number
  errorRate: number
  /** Latency of every answered request, errors included (a fast 500 is still a latency). */
  latency?: LatencyStats
  achievedRate: number
  /** The most common error reasons with their counts, most frequent first. */
  topErrors: { reason: string; count: number }[]
  failures: string[]
}

export function loadVerdict(samples: readonly LoadSample[], elapsedMs: number, thresholds: LoadThresholds): LoadVerdict {
  const errors = samples.filter((s) => !s.ok)
  const errorRate = samples.length === 0 ? 0 : errors.length / samples.length
  const latency = latencyStats(samples.filter((s) => s.durationMs >= 0).map((s) => s.durationMs))
  const counts = new Map<string, number>()
  for (const sample of errors) counts.set(sample.error ?? 'error', (counts.get(sample.error ?? 'error') ?? 0) + 1)
  const topErrors = [...counts.entries()]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 5)
  const failures: string[] = []
  if (thresholds.maxErrorRate !== undefined && errorRate > thresholds.maxErrorRate) {
    failures.push(`error rate ${formatPercent(errorRate)} (${errors.length} of ${samples.length}) is over the ${formatPercent(thresholds.maxErrorRate)} limit`)
  }
  if (thresholds.maxP95Ms !== undefined && latency !== undefined && latency.p95 > thresholds.maxP95Ms) {
    failures.push(`p95 latency ${formatMs(latency.p95)} is over the ${formatMs(thresholds.maxP95Ms)} limit`)
  }
  return { requests: samples.length, errors: errors.length, errorRate, latency, achievedRate: elapsedMs > 0 ? (samples.length * 1000) / elapsedMs : 0, topErrors, failures }
}

export function formatPercent(fraction: number): string {
  const percent = fraction * 100
  return `${percent === 0 || percent >= 10 || Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(percent < 1 ? 2 : 1)}%`
}
