/** Pure latency maths shared by smoke tests and canary gates. */

export interface LatencyStats {
  count: number
  min: number
  mean: number
  p50: number
  p95: number
  p99: number
  max: number
}

/**
 * The nearest-rank percentile (the smallest sample such that at least p% of samples are at or
 * below it), so the result is always a latency that was actually observed. NaN for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  if (p <= 0) return Math.min(...samples)
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((Math.min(p, 100) / 100) * sorted.length)
  return sorted[Math.max(0, rank - 1)]
}

export function latencyStats(samples: readonly number[]): LatencyStats | undefined {
  if (samples.length === 0) return undefined
  const sorted = [...samples].sort((a, b) => a - b)
  const sum = sorted.reduce((total, value) => total + value, 0)
  return {
    count: sorted.length,
    min: sorted[0],
    mean: sum / sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]
  }
}
