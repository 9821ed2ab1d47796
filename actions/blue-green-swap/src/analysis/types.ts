import type { Color } from '../../../../packages/providers/traffic/types.js'

/** The analysis sources the engine runs at every step: what each measured, and what it concluded. */

export type Verdict = 'pass' | 'fail' | 'inconclusive'

/** The bake window of one step. */
export interface AnalysisWindow {
  /** 1-based step number. */
  step: number
  color: Color
  version: string
  /** Percent of traffic on `color` during the window. */
  weight: number
  /** Milliseconds since the epoch when the bake began. */
  startMs: number
  bakeMs: number
}

/** One figure of one source at one step (a source may give several: one per Prometheus query). */
export interface AnalysisFigure {
  source: 'synthetic' | 'nginx-log' | 'prometheus'
  /** What was measured: `synthetic`, `nginx-log`, or the query's name. */
  name: string
  verdict: Verdict
  /** Errors as a fraction of requests (synthetic, nginx-log). */
  errorRate?: number
  p95Ms?: number
  requests?: number
  /** A query's value (prometheus). */
  value?: number
  /** One line for people: the figures and, when not a pass, why. */
  detail: string
}

export interface AnalysisSource {
  readonly name: AnalysisFigure['source']
  /** `during`: runs for the whole bake (it generates the traffic it measures); `after`: evaluated once the bake is over. */
  readonly when: 'during' | 'after'
  run(window: AnalysisWindow, signal: AbortSignal): Promise<AnalysisFigure[]>
}

export interface Thresholds {
  /** Fraction from 0 to 1. */
  maxErrorRate: number
  maxP95Ms?: number
}

/** The verdict of a step: any failure fails it; otherwise any inconclusive figure makes it inconclusive. */
export function stepVerdict(figures: readonly AnalysisFigure[]): Verdict {
  if (figures.some((f) => f.verdict === 'fail')) return 'fail'
  if (figures.some((f) => f.verdict === 'inconclusive')) return 'inconclusive'
  return 'pass'
}

/** Judges an error rate and a p95 against the thresholds; too few requests is inconclusive. */
export function judgeTraffic(
  source: AnalysisFigure['source'],
  name: string,
  figures: { requests: number; errors: number; p95Ms?: number },
  thresholds: Thresholds,
  minRequests: number,
  suffix = ''
): AnalysisFigure {
  const { requests, errors, p95Ms } = figures
  const errorRate = requests === 0 ? 0 : errors / requests
  const base = { source, name, requests, errorRate, ...(p95Ms !== undefined ? { p95Ms } : {}) }
  const summary = `${requests} requests, ${errors} errors (${formatPercent(errorRate)})${p95Ms !== undefined ? `, p95 ${Math.round(p95Ms)} ms` : ''}`
  if (requests < minRequests) return { ...base, verdict: 'inconclusive', detail: `${summary}: fewer than ${minRequests} requests to judge${suffix}` }
  const problems: string[] = []
  if (errorRate > thresholds.maxErrorRate) problems.push(`error rate over ${formatPercent(thresholds.maxErrorRate)}`)
  if (thresholds.maxP95Ms !== undefined && p95Ms !== undefined && p95Ms > thresholds.maxP95Ms) problems.push(`p95 over ${Math.round(thresholds.maxP95Ms)} ms`)
  return { ...base, verdict: problems.length > 0 ? 'fail' : 'pass', detail: problems.length > 0 ? `${summary}: ${problems.join(', ')}${suffix}` : `${summary}${suffix}` }
}

export function formatPercent(fraction: number): string {
  const percent = fraction * 100
  return `${percent === 0 || percent >= 10 || Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(percent < 1 ? 2 : 1)}%`
}
