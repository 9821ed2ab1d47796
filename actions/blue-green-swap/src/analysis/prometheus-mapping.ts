import type { AnalysisQuery } from './queries.js'
import type { AnalysisFigure } from './types.js'

/**
 * Pure reading of a Prometheus `/api/v1/query` answer and the verdict of one query. A query must
 * come down to one number: an empty vector (no data yet), several series or NaN is inconclusive.
 */

export function queryValue(body: string): { value: number } | { problem: string } {
  let parsed: { status?: string; error?: string; data?: { resultType?: string; result?: unknown } }
  try {
    parsed = JSON.parse(body) as typeof parsed
  } catch {
    return { problem: 'Prometheus answered with something other than JSON' }
  }
  if (parsed.status !== 'success') return { problem: `Prometheus refused the query: ${parsed.error ?? parsed.status ?? 'no status'}` }
  const { resultType, result } = parsed.data ?? {}
  let raw: unknown
  if (resultType === 'scalar') raw = Array.isArray(result) ? result[1] : undefined
  else if (resultType === 'vector' && Array.isArray(result)) {
    if (result.length === 0) return { problem: 'no data (the query matched no series)' }
    if (result.length > 1) return { problem: `${result.length} series; aggregate the query to one number (sum, max, …)` }
    raw = (result[0] as { value?: unknown[] }).value?.[1]
  } else return { problem: `a ${resultType ?? 'missing'} result; the query must give a scalar or a one-series vector` }
  const value = Number(raw)
  if (raw === undefined || Number.isNaN(value)) return { problem: 'the value is NaN (a division by zero: no requests yet?)' }
  return { value }
}

export function judgeQuery(query: AnalysisQuery, answer: { value: number } | { problem: string }): AnalysisFigure {
  const base = { source: 'prometheus' as const, name: query.name }
  if ('problem' in answer) return { ...base, verdict: 'inconclusive', detail: answer.problem }
  const { value } = answer
  const pass = query.operator === '<' ? value < query.threshold : value > query.threshold
  const shown = formatValue(value)
  return { ...base, value, verdict: pass ? 'pass' : 'fail', detail: pass ? `${shown} ${query.operator} ${query.threshold}` : `${shown} is not ${query.operator} ${query.threshold}` }
}

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  return Math.abs(value) >= 1000 || Number.isInteger(value) ? String(Math.round(value * 1000) / 1000) : value.toPrecision(4).replace(/\.?0+$/, '')
}
