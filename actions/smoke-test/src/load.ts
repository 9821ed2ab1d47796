import type { Logger } from '../../../packages/core/log.js'
import { formatMs } from '../../../packages/core/markdown.js'
import { percentile } from '../../../packages/core/latency-stats.js'
import { defaultSleep } from '../../../packages/core/retry.js'
import type { StatusRanges } from './check-spec.js'
import { networkFailure, type ResolvedRequest, type Send } from './check-runner.js'
import { delayUntilNext, dueBy, type LoadPlan, type LoadSample } from './pacing.js'
import { statusAllowed } from './status-ranges.js'

const PROGRESS_EVERY_MS = 5000

/**
 * Sends requests at a steady rate for the planned duration (open loop: a slow answer does not
 * hold back the next request), then waits for the last answers. Progress every few seconds.
 */
export interface LoadOptions {
  plan: LoadPlan
  /** The request to repeat, or a function making each one (fresh dynamic placeholders). */
  request: ResolvedRequest | (() => ResolvedRequest)
  statuses: StatusRanges
  timeoutMs: number
  send: Send
  logger: Logger
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Once aborted, no further request is sent; those in flight are awaited. */
  signal?: AbortSignal
}

export async function runLoad(options: LoadOptions): Promise<{ samples: LoadSample[]; elapsedMs: number }> {
  const { plan, request, statuses, timeoutMs, send, logger, now = () => performance.now(), sleep = defaultSleep } = options
  const samples: LoadSample[] = []
  const inFlight = new Set<Promise<void>>()
  const started = now()
  let sent = 0
  let nextProgress = PROGRESS_EVERY_MS
  const fire = (): void => {
    const sentAt = now()
    const done = send({ ...(typeof request === 'function' ? request() : request), timeoutMs }).then(
      (response) => {
        const ok = statusAllowed(statuses, response.status)
        samples.push({ ok, durationMs: response.durationMs, error: ok ? undefined : `HTTP ${response.status}` })
      },
      (error: unknown) => {
        samples.push({ ok: false, durationMs: now() - sentAt, error: networkFailure(error).replace(/^request failed: /, '') })
      }
    )
    const tracked = done.finally(() => inFlight.delete(tracked))
    inFlight.add(tracked)
  }
  while (sent < plan.total && !options.signal?.aborted) {
    const elapsed = now() - started
    const due = dueBy(plan, elapsed)
    while (sent < due) {
      fire()
      sent++
    }
    if (elapsed >= nextProgress) {
      const errors = samples.filter((s) => !s.ok).length
      const p95 = percentile(
        samples.map((s) => s.durationMs),
        95
      )
      logger.info(`… load: ${sent} of ${plan.total} sent, ${samples.length} answered, ${errors} errors, p95 so far ${Number.isNaN(p95) ? '—' : formatMs(p95)}`)
      nextProgress += PROGRESS_EVERY_MS
    }
    const wait = delayUntilNext(plan, sent, now() - started)
    if (Number.isFinite(wait) && wait > 0) await sleep(wait)
  }
  const sendingMs = now() - started
  await Promise.all([...inFlight])
  // The achieved rate is over the sending window, which the plan sets; waiting for the last answers is not part of it.
  return { samples, elapsedMs: Math.max(sendingMs, plan.intervalMs * plan.total) }
}
