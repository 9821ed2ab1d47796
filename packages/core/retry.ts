import { defaultSleep, poll } from './poll.js'

export { defaultSleep }

/**
 * Retries with exponential backoff, full jitter, a per-attempt timeout and respect for a
 * server's Retry-After. Pure apart from the injected clock functions, so tests run instantly.
 */

export interface RetryOptions {
  /** Total attempts, the first one included. */
  attempts: number
  /** First backoff delay; doubled each attempt up to maxDelayMs. */
  baseDelayMs?: number
  maxDelayMs?: number
  /** Each attempt is aborted (through its AbortSignal) after this long. 0 means no limit. */
  attemptTimeoutMs?: number
  /** Whether an error is worth another attempt. Defaults to every error but an abort by the caller. */
  isRetryable?: (error: unknown) => boolean
  /** Called before sleeping between attempts: a place for progress output. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void
  /** The caller's own signal: once aborted, no further attempt starts. */
  signal?: AbortSignal
  sleep?: (ms: number) => Promise<void>
  random?: () => number
}

/** An error may carry the delay a server asked for (HTTP 429/503 Retry-After). */
export interface RetryAfterHint {
  retryAfterMs?: number
}

export class AttemptTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`attempt timed out after ${timeoutMs} ms`)
    this.name = 'AttemptTimeoutError'
  }
}

export function backoffDelay(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

export async function retry<T>(operation: (signal: AbortSignal, attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { attempts, baseDelayMs = 500, maxDelayMs = 30_000, attemptTimeoutMs = 0, isRetryable = () => true, onRetry, signal, sleep = defaultSleep, random = Math.random } = options
  return poll<T>(
    async (attempt) => {
      try {
        return { done: true, value: await runAttempt(operation, attempt, attemptTimeoutMs, signal) }
      } catch (error) {
        if (attempt >= attempts || signal?.aborted || !isRetryable(error)) throw error
        const hinted = (error as RetryAfterHint | undefined)?.retryAfterMs
        const delayMs = hinted !== undefined ? Math.min(hinted, maxDelayMs * 4) : backoffDelay(attempt, baseDelayMs, maxDelayMs, random)
        onRetry?.({ attempt, delayMs, error })
        return { done: false, delayMs }
      }
    },
    { sleep, signal, cancelled: (): unknown => signal?.reason ?? new Error('aborted') }
  )
}

async function runAttempt<T>(operation: (signal: AbortSignal, attempt: number) => Promise<T>, attempt: number, timeoutMs: number, outer?: AbortSignal): Promise<T> {
  const controller = new AbortController()
  const forward = (): void => controller.abort(outer?.reason)
  outer?.addEventListener('abort', forward, { once: true })
  let timer: NodeJS.Timeout | undefined
  const work = operation(controller.signal, attempt)
  try {
    if (timeoutMs <= 0) return await work
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new AttemptTimeoutError(timeoutMs)
        controller.abort(error)
        reject(error)
      }, timeoutMs)
    })
    return await Promise.race([work, timeout])
  } finally {
    if (timer) clearTimeout(timer)
    outer?.removeEventListener('abort', forward)
  }
}
