import { formatMs } from './markdown.js'

/**
 * The one loop of the suite that tries again: `retry()` (core/retry.ts) runs an operation until it
 * succeeds, and `waitUntil()` below polls a cloud operation until it is done. Both are `poll()`:
 * a step either finishes or names the delay before the next one; the sleep between steps is
 * injected (tests run instantly) and ends early when the caller's AbortSignal fires.
 *
 * Stable API: poll, waitUntil, pollClock, abortableSleep, WaitTimeoutError, PollResult, PollProgress.
 */

export type PollStep<T> = { done: true; value: T } | { done: false; delayMs: number }

export interface PollOptions {
  sleep: (ms: number) => Promise<void>
  signal?: AbortSignal
  /** The error thrown once the signal has fired (checked before every step and during each sleep). */
  cancelled: () => unknown
}

export async function poll<T>(step: (iteration: number) => Promise<PollStep<T>>, options: PollOptions): Promise<T> {
  for (let iteration = 1; ; iteration++) {
    if (options.signal?.aborted) throw options.cancelled()
    const result = await step(iteration)
    if (result.done) return result.value
    await abortableSleep(options.sleep, Math.max(0, result.delayMs), options.signal, options.cancelled)
  }
}

/** Sleeps, unless the signal fires first: then rejects with `cancelled()`. */
export async function abortableSleep(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined, cancelled: () => unknown): Promise<void> {
  if (!signal) return sleep(ms)
  if (signal.aborted) throw cancelled()
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled())
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    await Promise.race([sleep(ms), aborted])
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
}

export interface PollProgress {
  status: string
  percent?: number
  elapsedMs: number
}

export type PollResult<T> = { done: true; value: T } | { done: false; status: string; percent?: number; retryAfterMs?: number }

export interface WaitOptions<T> {
  /** Names the wait in errors: "RDS snapshot nightly-1". */
  what: string
  timeoutMs: number
  intervalMs: number
  maxIntervalMs: number
  check: () => Promise<PollResult<T>>
  onProgress: (progress: PollProgress) => void
  sleep: (ms: number) => Promise<void>
  now: () => number
  signal?: AbortSignal
  /** Added to the timeout message, e.g. what happens to the resource still being created. */
  timeoutHint?: string
}

export class WaitTimeoutError extends Error {
  constructor(
    message: string,
    readonly lastStatus: string,
    readonly lastPercent?: number
  ) {
    super(message)
    this.name = 'WaitTimeoutError'
  }
}

/**
 * Polls until `check` says done, with a deadline, a doubling interval, a server's Retry-After
 * taking precedence, progress on every poll, and the caller's AbortSignal honoured between polls.
 */
export async function waitUntil<T>(options: WaitOptions<T>): Promise<T> {
  const { what, timeoutMs, check, onProgress, now } = options
  const started = now()
  let interval = Math.max(1, options.intervalMs)
  return poll<T>(
    async () => {
      const result = await check()
      const elapsedMs = now() - started
      if (result.done) return result
      onProgress({ status: result.status, ...(result.percent !== undefined ? { percent: result.percent } : {}), elapsedMs })
      const remaining = timeoutMs - elapsedMs
      if (remaining <= 0) {
        const percent = result.percent !== undefined ? `, ${result.percent}%` : ''
        throw new WaitTimeoutError(
          `${what} not ready within ${formatMs(timeoutMs)} (last status "${result.status}"${percent})${options.timeoutHint ? `; ${options.timeoutHint}` : ''}`,
          result.status,
          result.percent
        )
      }
      const delayMs = Math.min(result.retryAfterMs ?? interval, remaining)
      interval = Math.min(interval * 2, options.maxIntervalMs)
      return { done: false, delayMs }
    },
    { sleep: options.sleep, signal: options.signal, cancelled: () => new Error(`waiting for ${what} was cancelled`) }
  )
}

/** The clock, sleep and poll intervals a provider takes from its config, with their defaults. */
export interface PollClock {
  sleep: (ms: number) => Promise<void>
  now: () => number
  intervalMs: number
  maxIntervalMs: number
}

export interface PollClockConfig {
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  pollIntervalMs?: number
  maxPollIntervalMs?: number
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export function pollClock(config: PollClockConfig): PollClock {
  return {
    sleep: config.sleep ?? defaultSleep,
    now: config.now ?? Date.now,
    intervalMs: config.pollIntervalMs ?? 5_000,
    maxIntervalMs: config.maxPollIntervalMs ?? 30_000
  }
}
