import { percentile } from '../../../../packages/core/latency-stats.js'
import { otherColor, type AccessLogEntry, type TrafficProvider } from '../../../../packages/providers/traffic/types.js'
import { judgeTraffic, type AnalysisFigure, type AnalysisSource, type AnalysisWindow, type Thresholds } from './types.js'

/** Requests green must have served in a bake before its figures are judged. */
export const NGINX_LOG_MIN_REQUESTS = 10

/**
 * `nginx-log`: the real user traffic of the bake window as the router logged it — error rate
 * (5xx) and p95 of the requests that went to green, judged against the thresholds, with blue's
 * figures beside them for comparison.
 */
export function nginxLogSource(provider: TrafficProvider, thresholds: Thresholds): AnalysisSource {
  return {
    name: 'nginx-log',
    when: 'after',
    async run(window, signal) {
      if (!provider.readAccessLog) throw new Error(`the ${provider.name} provider cannot read an access log`)
      return [judgeAccessLog(await provider.readAccessLog(window.startMs, signal), window, thresholds)]
    }
  }
}

export function judgeAccessLog(entries: readonly AccessLogEntry[], window: AnalysisWindow, thresholds: Thresholds): AnalysisFigure {
  const end = window.startMs + window.bakeMs
  const inWindow = entries.filter((e) => e.time >= window.startMs && e.time <= end + 1000)
  const green = figures(inWindow.filter((e) => e.color === window.color))
  const blue = figures(inWindow.filter((e) => e.color === otherColor(window.color)))
  const beside = blue.requests > 0 ? `; ${otherColor(window.color)}: ${blue.requests} requests, ${blue.errors} errors, p95 ${Math.round(blue.p95Ms ?? 0)} ms` : ''
  return judgeTraffic('nginx-log', 'nginx-log', green, thresholds, NGINX_LOG_MIN_REQUESTS, beside)
}

function figures(entries: readonly AccessLogEntry[]): { requests: number; errors: number; p95Ms?: number } {
  const p95 = percentile(
    entries.map((e) => e.durationMs),
    95
  )
  return { requests: entries.length, errors: entries.filter((e) => e.status >= 500).length, ...(Number.isNaN(p95) ? {} : { p95Ms: p95 }) }
}
