import { formatMs } from './markdown.js'
import { defaultSleep } from './retry.js'
import type { SnapshotProgress, SnapshotProviderConfig } from '../providers/snapshot/types.js'

/**
 * Polls a cloud operation until it is done, with a deadline, a doubling interval, a server's
 * Retry-After taking precedence, progress on every poll, and the caller's AbortSignal honoured
 * between polls. The clock and sleep are injected so tests run instantly.
 */

export type PollResult<T> =
  | { done: true; value: T }
  | { done: false; status: string; percent?: number; retryAfterMs?: number }

export interface WaitOptions<T> {
  /** Names the wait in errors: "RDS snapshot nightly-1". */
  what: string
  timeoutMs: number
  intervalMs: number
  maxIntervalMs: number
  check: () => Promise<PollResult<T>>
  onProgress: (progress: SnapshotProgress) => void
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

export async function waitUntil<T>(options: WaitOptions<T>): Promise<T> {
  const { what, timeoutMs, check, onProgress, sleep, now, signal } = options
  const started = now()
  let interval = Math.max(1, options.intervalMs)
  let lastStatus = 'unknown'
  let lastPercent: number | undefined
  for (;;) {
    throwIfAborted(signal, what)
    const result = await check()
    const elapsedMs = now() - started
    if (result.done) return result.value
    lastStatus = result.status
    lastPercent = result.percent
    onProgress({ status: result.status, ...(result.percent !== undefined ? { percent: result.percent } : {}), elapsedMs })
    const remaining = timeoutMs - elapsedMs
    if (remaining <= 0) {
      const percent = lastPercent !== undefined ? `, ${lastPercent}%` : ''
      throw new WaitTimeoutError(
        `${what} not ready within ${formatMs(timeoutMs)} (last status "${lastStatus}"${percent})${options.timeoutHint ? `; ${options.timeoutHint}` : ''}`,
        lastStatus,
        lastPercent
      )
    }
    const delay = Math.min(result.retryAfterMs ?? interval, remaining)
    interval = Math.min(interval * 2, options.maxIntervalMs)
    await abortableSleep(sleep, Math.max(0, delay), signal, what)
  }
}

function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new Error(`waiting for ${what} was cancelled`)
}

async function abortableSleep(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined, what: string): Promise<void> {
  if (!signal) return sleep(ms)
  throwIfAborted(signal, what)
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new Error(`waiting for ${what} was cancelled`))
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    await Promise.race([sleep(ms), aborted])
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort)
  }
}

/** The clock, sleep and poll intervals a provider takes from its config, with their defaults. */
export interface PollClock {
  sleep: (ms: number) => Promise<void>
  now: () => number
  intervalMs: number
  maxIntervalMs: number
}

export function pollClock(config: Pick<SnapshotProviderConfig, 'sleep' | 'now' | 'pollIntervalMs' | 'maxPollIntervalMs'>): PollClock {
  return {
    sleep: config.sleep ?? defaultSleep,
    now: config.now ?? Date.now,
    intervalMs: config.pollIntervalMs ?? 5_000,
    maxIntervalMs: config.maxPollIntervalMs ?? 30_000
  }
}
