import type { HttpRequest, HttpResponse } from '../../../../packages/core/http.js'
import type { Logger } from '../../../../packages/core/log.js'
import { percentile } from '../../../../packages/core/latency-stats.js'
import { runLoad } from '../../../smoke-test/src/load.js'
import { loadPlan } from '../../../smoke-test/src/pacing.js'
import { abortableSleep } from '../sleep.js'
import { judgeTraffic, type AnalysisSource, type Thresholds } from './types.js'

type Send = (request: HttpRequest) => Promise<HttpResponse>

/** Requests a synthetic bake must have answered before its figures are judged. */
export const SYNTHETIC_MIN_REQUESTS = 10

/**
 * `synthetic`: smoke-test's steady-rate load phase through the router for the whole bake. A GET
 * that fails on a reused keep-alive connection is retried once, as browsers and HTTP clients do
 * (nginx closes idle keep-alive connections on reload); the strict count is shown beside.
 */
export function syntheticSource(options: { publicUrl: string; path: string; rate: number; thresholds: Thresholds; send: Send; logger: Logger }): AnalysisSource {
  const url = new URL(options.path, options.publicUrl).toString()
  return {
    name: 'synthetic',
    when: 'during',
    async run(window, signal) {
      const tally = { retried: 0 }
      const plan = loadPlan(window.bakeMs, options.rate)
      const { samples } = await runLoad({
        plan,
        request: { method: 'GET', url, headers: {} },
        statuses: [[200, 399]],
        timeoutMs: 10_000,
        send: retryOnceOnReset(options.send, tally, signal),
        logger: options.logger,
        sleep: (ms) => abortableSleep(ms, signal)
      })
      signal.throwIfAborted()
      const errors = samples.filter((s) => !s.ok).length
      const p95 = percentile(
        samples.map((s) => s.durationMs),
        95
      )
      const strict = tally.retried > 0 ? ` (strict: ${errors + tally.retried} errors; ${tally.retried} retried once after a reset on a reused connection)` : ''
      return [
        judgeTraffic(
          'synthetic',
          'synthetic',
          { requests: samples.length, errors, ...(Number.isNaN(p95) ? {} : { p95Ms: p95 }) },
          options.thresholds,
          // A short bake at a low rate plans fewer requests than the usual minimum: judge what it planned.
          Math.min(SYNTHETIC_MIN_REQUESTS, plan.total),
          strict
        )
      ]
    }
  }
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])

export function isConnectionReset(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code ?? (error as { cause?: { code?: string } } | undefined)?.cause?.code
  return code !== undefined && RESET_CODES.has(code)
}

export function retryOnceOnReset(send: Send, tally: { retried: number }, signal: AbortSignal): Send {
  return async (request) => {
    signal.throwIfAborted()
    try {
      return await send({ ...request, signal })
    } catch (error) {
      if (request.method !== 'GET' || signal.aborted || !isConnectionReset(error)) throw error
      tally.retried++
      return send({ ...request, signal })
    }
  }
}
