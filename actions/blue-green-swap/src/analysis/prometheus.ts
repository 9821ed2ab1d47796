import { httpRequestWithRetry } from '../../../../packages/core/http.js'
import type { Logger } from '../../../../packages/core/log.js'
import { judgeQuery, queryValue } from './prometheus-mapping.js'
import { renderQuery, type AnalysisQuery } from './queries.js'
import type { AnalysisFigure, AnalysisSource, AnalysisWindow } from './types.js'

/** `prometheus`: every query evaluated over the HTTP API at the end of each bake. */
export function prometheusSource(baseUrl: string, queries: readonly AnalysisQuery[], logger: Logger): AnalysisSource {
  return {
    name: 'prometheus',
    when: 'after',
    run: (window, signal) => Promise.all(queries.map((query) => evaluate(baseUrl, query, window, signal, logger)))
  }
}

async function evaluate(baseUrl: string, query: AnalysisQuery, window: AnalysisWindow, signal: AbortSignal, logger: Logger): Promise<AnalysisFigure> {
  const promql = renderQuery(query.query, { color: window.color, version: window.version })
  const url = new URL('api/v1/query', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
  url.searchParams.set('query', promql)
  logger.debug(`prometheus ${query.name}: ${promql}`)
  try {
    const response = await httpRequestWithRetry({ url: url.toString(), timeoutMs: 10_000 }, `Prometheus (query "${query.name}")`, {
      attempts: 3,
      signal,
      onRetry: ({ attempt, delayMs }) => logger.info(`  … prometheus ${query.name}: attempt ${attempt} failed; retrying in ${delayMs} ms`)
    })
    return judgeQuery(query, queryValue(response.body))
  } catch (error) {
    if (signal.aborted) throw error
    // A 400 carries Prometheus's own parse error in its JSON body.
    const body = (error as { response?: { body?: string } }).response?.body
    const problem = body ? queryValue(body) : undefined
    return judgeQuery(query, problem && 'problem' in problem ? problem : { problem: error instanceof Error ? error.message : String(error) })
  }
}
