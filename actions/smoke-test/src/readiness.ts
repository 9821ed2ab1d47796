import type { Logger } from '../../../packages/core/log.js'
import { backoffDelay, defaultSleep } from '../../../packages/core/retry.js'
import { formatMs } from '../../../packages/core/markdown.js'
import type { ReadinessResult } from './results.js'

/**
 * Polls a readiness probe with exponential backoff (and jitter) until it passes or the timeout
 * ends, logging each try. The probe returns the reasons it failed, or an empty list.
 */
/** The shortest time limit a try gets; a wait with less time left than this ends. */
const MIN_PROBE_MS = 250
/** Backoff between tries: 250 ms doubling up to 2 s, with jitter (as the README says). */
const BASE_DELAY_MS = 250
const MAX_DELAY_MS = 2000

export interface ReadinessOptions {
  target: string
  probe: (timeoutMs: number) => Promise<string[]>
  timeoutMs: number
  /** Upper bound of one probe's own timeout. */
  attemptTimeoutMs: number
  logger: Logger
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  /** Once aborted (a cancelled job), the wait ends as not ready. */
  signal?: AbortSignal
}

export async function waitForReady(options: ReadinessOptions): Promise<ReadinessResult> {
  const { target, probe, timeoutMs, logger, now = () => performance.now(), sleep = defaultSleep, random = Math.random } = options
  const started = now()
  let attempts = 0
  let failure: string | undefined
  logger.info(`Waiting up to ${formatMs(timeoutMs)} for ${target} to be ready`)
  for (;;) {
    const remaining = timeoutMs - (now() - started)
    attempts++
    const failures = await probe(Math.max(1, Math.floor(Math.min(options.attemptTimeoutMs, remaining))))
    const elapsed = now() - started
    if (failures.length === 0) {
      logger.info(`${target} is ready after ${formatMs(elapsed)} (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'})`)
      return { target, passed: true, readyMs: elapsed, waitedMs: elapsed, attempts, timeoutMs }
    }
    failure = failures.join('; ')
    // The last try keeps a fair time limit of its own instead of a sliver of the timeout.
    const lastProbeMs = Math.min(options.attemptTimeoutMs, MIN_PROBE_MS)
    const delay = Math.min(backoffDelay(attempts, BASE_DELAY_MS, MAX_DELAY_MS, random), timeoutMs - elapsed - lastProbeMs)
    if (delay < 0 || options.signal?.aborted) {
      logger.info(`… ${target} not ready after ${formatMs(elapsed)}: ${failure}`)
      return { target, passed: false, waitedMs: elapsed, attempts, failure, timeoutMs }
    }
    logger.info(`… ${target} not ready (attempt ${attempts}, ${formatMs(elapsed)} of ${formatMs(timeoutMs)}): ${failure}; next try in ${formatMs(delay)}`)
    await sleep(delay)
  }
}
