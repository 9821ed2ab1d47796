import { Agent as HttpAgent, request as sendHttp, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as sendHttps } from 'node:https'
import { parseRetryAfter } from './retry-after.js'
import { retry, type RetryOptions } from './retry.js'

/**
 * A small HTTP client over Node's own http/https: one keep-alive connection pool per process, a
 * per-request timeout, timings, and retries that honour Retry-After on 429 and 503. Node's client
 * is already loaded with @actions/core, so the first request costs no library load (undici took
 * longer to load than 50 checks took to run: bench/smoke-test).
 */

export interface HttpRequest {
  url: string
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  timeoutMs?: number
  signal?: AbortSignal
  /** Stop reading the body after this many bytes (the rest is discarded). */
  maxBodyBytes?: number
}

export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: string
  /** Milliseconds from sending the request to the last byte of the body. */
  durationMs: number
}

export class HttpStatusError extends Error {
  readonly retryAfterMs?: number
  constructor(
    readonly status: number,
    readonly response: HttpResponse,
    what: string
  ) {
    super(`${what} answered HTTP ${status}${snippet(response.body)}`)
    this.name = 'HttpStatusError'
    this.retryAfterMs = parseRetryAfter(response.headers['retry-after'])
  }
}

function snippet(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ')
  return text === '' ? '' : `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`
}

const POOL = { keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 64, scheduling: 'lifo' as const }
let httpAgent: HttpAgent | undefined
let httpsAgent: HttpsAgent | undefined

/** Closes the pooled connections (at the end of a run, so the process can exit at once). */
export function closeHttpAgent(): Promise<void> {
  httpAgent?.destroy()
  httpsAgent?.destroy()
  httpAgent = undefined
  httpsAgent = undefined
  return Promise.resolve()
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now()
  // AbortSignal.timeout takes whole milliseconds only; callers compute budgets as fractions.
  const timeoutMs = req.timeoutMs ? Math.max(1, Math.ceil(req.timeoutMs)) : undefined
  const signals = [req.signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter((s): s is AbortSignal => s !== undefined)
  const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals)
  try {
    const answer = await exchange(req, signal)
    return { ...answer, durationMs: performance.now() - started }
  } catch (error) {
    if (signal?.aborted && timeoutMs && !req.signal?.aborted) {
      throw new Error(`no answer within ${timeoutMs} ms`, { cause: error })
    }
    throw error
  }
}

/** One request and its whole answer (the body read up to the limit, the rest drained). */
function exchange(req: HttpRequest, signal: AbortSignal | undefined): Promise<Omit<HttpResponse, 'durationMs'>> {
  return new Promise((resolve, reject) => {
    // The URL parser drops tabs and line breaks silently: a URL holding one (a captured value, say) is refused, never reshaped.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    const control = req.url.search(/[\u0000-\u001f\u007f-\u009f]/)
    if (control >= 0) throw new Error(`the URL has a control character (U+${req.url.charCodeAt(control).toString(16).padStart(4, '0').toUpperCase()} at position ${control + 1})`)
    const url = new URL(req.url)
    const secure = url.protocol === 'https:'
    if (!secure && url.protocol !== 'http:') throw new Error(`unsupported protocol ${url.protocol}`)
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? Buffer.from(req.body) : req.body
    const headers: Record<string, string> = { ...req.headers }
    if (body && !Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) headers['content-length'] = String(body.length)
    const limit = req.maxBodyBytes ?? 5 * 1024 * 1024
    const options = { method: (req.method ?? 'GET').toUpperCase(), headers, signal }
    const onResponse = (response: IncomingMessage): void => {
      const chunks: Buffer[] = []
      let size = 0
      response.on('data', (chunk: Buffer) => {
        if (size < limit) chunks.push(chunk.subarray(0, limit - size))
        size += chunk.length
      })
      response.on('error', reject)
      response.on('close', () => {
        if (!response.complete) reject(new Error('the connection closed before the whole answer arrived'))
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: flattenHeaders(response.headers), body: Buffer.concat(chunks).toString('utf8') }))
    }
    const request = secure
      ? sendHttps(url, { ...options, agent: (httpsAgent ??= new HttpsAgent(POOL)) }, onResponse)
      : sendHttp(url, { ...options, agent: (httpAgent ??= new HttpAgent(POOL)) }, onResponse)
    request.on('error', reject)
    request.end(body)
  })
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504])

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status)
}

/**
 * Sends a request and expects a 2xx answer, retrying network errors and retryable statuses.
 * `what` names the call in errors ("Slack webhook", "GitHub API") without exposing the URL.
 */
export async function httpRequestWithRetry(req: HttpRequest, what: string, options: Partial<RetryOptions> = {}): Promise<HttpResponse> {
  return retry(
    async (signal) => {
      const response = await httpRequest({ ...req, signal })
      if (response.status >= 200 && response.status < 300) return response
      throw new HttpStatusError(response.status, response, what)
    },
    {
      attempts: 4,
      baseDelayMs: 500,
      attemptTimeoutMs: req.timeoutMs ?? 30_000,
      isRetryable: (error) => !(error instanceof HttpStatusError) || isRetryableStatus(error.status),
      ...options
    }
  )
}
