import { HttpStatusError, httpRequestWithRetry, isRetryableStatus, type HttpResponse } from '../../core/http.js'
import { silentLogger, type Logger } from '../../core/log.js'
import { pollClock, waitUntil, type PollClockConfig, type PollClock, type PollProgress, type PollResult } from '../../core/poll.js'
import { parseRetryAfter } from '../../core/retry-after.js'
import { ARM_DEFAULT_ENDPOINT, armScope, armUrl, formatArmError, isSameOrigin, operationPhase, parseArmErrorBody, type ArmOperationStatus } from './arm.js'
import type { ArmTokenCredential } from './credential.js'

/**
 * Azure Resource Manager calls over packages/core/http.ts: one Bearer token per call from the
 * credential chain (credential.ts), 429/5xx retried honouring Retry-After by our retry policy
 * only, a per-attempt timeout, ARM error bodies decoded into one line, and long-running
 * operations followed to the end (Azure-AsyncOperation, else Location on 202) under the caller's
 * deadline with progress on every poll. The token is only ever sent to the ARM origin.
 *
 * Stable API (build-push's ACR token exchange and the Azure traffic providers use it):
 *   new ArmClient({ credential, endpoint?, logger?, sleep?, now?, pollIntervalMs?, maxPollIntervalMs? })
 *     .url(resourcePath, apiVersion)          → full URL on this client's endpoint
 *     .request(method, url, what, body?, signal?) → HttpResponse (throws ArmRequestError on HTTP errors)
 *     .waitForOperation(initial, what, { timeoutMs, onProgress, signal? }, timeoutHint?)
 *   parseArmJson(response, what), ArmRequestError (status, code).
 */

export interface ArmClientOptions extends PollClockConfig {
  credential: ArmTokenCredential
  /** ARM base URL (default https://management.azure.com; a sovereign cloud's or a fake's). */
  endpoint?: string
  logger?: Logger
  /** Each attempt's timeout (default 60 s) and attempts per call (default 5). */
  attemptTimeoutMs?: number
  attempts?: number
}

export interface OperationWait {
  timeoutMs: number
  onProgress: (progress: PollProgress) => void
  signal?: AbortSignal
}

export class ArmRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string
  ) {
    super(message)
    this.name = 'ArmRequestError'
  }
}

export class ArmClient {
  readonly endpoint: string
  readonly clock: PollClock
  private readonly credential: ArmTokenCredential
  private readonly logger: Logger
  private readonly attemptTimeoutMs: number
  private readonly attempts: number

  constructor(options: ArmClientOptions) {
    this.endpoint = (options.endpoint || ARM_DEFAULT_ENDPOINT).replace(/\/+$/, '')
    this.credential = options.credential
    this.logger = options.logger ?? silentLogger
    this.clock = pollClock(options)
    this.attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000
    this.attempts = options.attempts ?? 5
  }

  url(resourcePath: string, apiVersion: string): string {
    return armUrl(this.endpoint, resourcePath, apiVersion)
  }

  /** One ARM call: Bearer token, JSON, 429/5xx retried honouring Retry-After, ARM errors decoded. */
  async request(method: string, url: string, what: string, body?: unknown, signal?: AbortSignal): Promise<HttpResponse> {
    const token = await this.credential.getToken(armScope(this.endpoint))
    if (!token) throw new Error('Azure sign-in returned no token')
    const headers: Record<string, string> = { authorization: `Bearer ${token.token}`, accept: 'application/json' }
    if (body !== undefined) headers['content-type'] = 'application/json'
    try {
      return await httpRequestWithRetry(
        { url, method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), timeoutMs: this.attemptTimeoutMs, ...(signal ? { signal } : {}) },
        `Azure Resource Manager (${what})`,
        {
          attempts: this.attempts,
          baseDelayMs: 1_000,
          sleep: this.clock.sleep,
          ...(signal ? { signal } : {}),
          onRetry: ({ attempt, delayMs, error }) => {
            const status = error instanceof HttpStatusError ? `HTTP ${error.status}` : 'network error'
            this.logger.info(`Azure ${what}: ${status} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`)
          }
        }
      )
    } catch (error) {
      if (error instanceof HttpStatusError) {
        const detail = parseArmErrorBody(error.response.body)
        const retried = isRetryableStatus(error.status) ? ' after retries' : ''
        throw new ArmRequestError(`Azure ${what} failed${retried}: HTTP ${error.status}${detail ? ` ${formatArmError(detail)}` : ''}`, error.status, detail?.code)
      }
      throw error
    }
  }

  /**
   * Waits for an ARM long-running operation started by `initial`: done at once on 200/201/204
   * without a polling header; otherwise polls Azure-AsyncOperation (preferred) or Location.
   */
  async waitForOperation(initial: HttpResponse, what: string, wait: OperationWait, timeoutHint?: string): Promise<void> {
    const asyncUrl = initial.headers['azure-asyncoperation']
    const locationUrl = initial.headers['location']
    if (!asyncUrl && !(initial.status === 202 && locationUrl)) return
    const pollUrl = asyncUrl || locationUrl
    if (!pollUrl) return
    if (!isSameOrigin(pollUrl, this.endpoint)) throw new Error(`${what}: refusing to poll ${new URL(pollUrl).origin}, which is not the ARM endpoint`)
    let first = true
    await waitUntil({
      what,
      timeoutMs: wait.timeoutMs,
      ...this.clock,
      signal: wait.signal,
      onProgress: wait.onProgress,
      ...(timeoutHint ? { timeoutHint } : {}),
      check: async (): Promise<PollResult<void>> => {
        if (first) {
          // ARM asks clients to wait Retry-After (if any) before the first poll.
          first = false
          const retryAfterMs = parseRetryAfter(initial.headers['retry-after'])
          return { done: false, status: 'Accepted', ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }
        }
        const response = await this.request('GET', pollUrl, `poll ${what}`, undefined, wait.signal)
        const retryAfterMs = parseRetryAfter(response.headers['retry-after'])
        const hint = retryAfterMs !== undefined ? { retryAfterMs } : {}
        if (asyncUrl) {
          const phase = operationPhase(parseArmJson<ArmOperationStatus>(response, 'operation status'))
          if (phase.phase === 'succeeded') return { done: true, value: undefined }
          if (phase.phase === 'failed') throw new Error(`${what} ${phase.status.toLowerCase()}: ${phase.message}`)
          return { done: false, status: phase.status, ...(phase.percent !== undefined ? { percent: phase.percent } : {}), ...hint }
        }
        if (response.status === 202) return { done: false, status: 'InProgress', ...hint }
        return { done: true, value: undefined }
      }
    })
  }
}

/** An ARM answer's JSON body (`{}` when empty). */
export function parseArmJson<T>(response: HttpResponse, what: string): T {
  if (response.body.trim() === '') return {} as T
  try {
    return JSON.parse(response.body) as T
  } catch {
    throw new Error(`Azure ${what} answer is not JSON (HTTP ${response.status})`)
  }
}
