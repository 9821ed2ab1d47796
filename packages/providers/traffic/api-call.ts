import { HttpStatusError, httpRequestWithRetry } from '../../core/http.js'
import type { Logger } from '../../core/log.js'

/**
 * One JSON call to a platform API (Render REST, Railway GraphQL) over packages/core/http.ts:
 * bearer token, retries with backoff and jitter, 30 s per attempt, Retry-After on 429/503, a
 * progress line per retry. 401/403 become an error that names the missing access, never the token.
 */

/** What a provider hands its API client: the logger, and the injected sleep when there is one (tests run the clock). */
export interface ClientDeps {
  logger: Logger
  sleep?: (ms: number) => Promise<void>
}

export interface ApiCall extends ClientDeps {
  platform: string
  method: 'GET' | 'POST'
  url: string
  token: string
  /** Replaces the bearer authorization (Railway project tokens use their own header). */
  headers?: Record<string, string>
  body?: unknown
  signal: AbortSignal
  /** What the token could not do, for the 401/403 message ("read service srv-…"). */
  access: string
}

export async function apiCall<T>(call: ApiCall): Promise<T> {
  const path = new URL(call.url).pathname
  const what = `${call.platform} API ${call.method} ${path}`
  try {
    const response = await httpRequestWithRetry(
      {
        url: call.url,
        method: call.method,
        headers: { ...(call.headers ?? { authorization: `Bearer ${call.token}` }), accept: 'application/json', ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
        timeoutMs: 30_000
      },
      what,
      {
        attempts: 6,
        baseDelayMs: 1000,
        maxDelayMs: 30_000,
        signal: call.signal,
        ...(call.sleep ? { sleep: call.sleep } : {}),
        onRetry: ({ attempt, delayMs, error }) =>
          call.logger.info(`  ${what}: ${error instanceof HttpStatusError ? `HTTP ${error.status}` : 'no answer'}; retry ${attempt} in ${Math.round(delayMs / 100) / 10}s`)
      }
    )
    return (response.body.trim() === '' ? undefined : JSON.parse(response.body)) as T
  } catch (error) {
    if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403)) {
      throw new Error(`${what} answered HTTP ${error.status}: the token cannot ${call.access}`, { cause: error })
    }
    throw error
  }
}
