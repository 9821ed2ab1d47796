import type { Agent, Dispatcher } from 'undici'
import { parseRetryAfter } from './retry-after.js'
import { retry, type RetryOptions } from './retry.js'

/**
 * A small HTTP client over undici: one keep-alive connection pool per process, a per-request
 * timeout, timings, and retries that honour Retry-After on 429 and 503. undici is loaded on the
 * first request, so an action that fails on its inputs (or sends nothing) never pays for it.
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

type Undici = typeof import('undici')

let undici: Promise<Undici> | undefined
let sharedAgent: Agent | undefined

function loadUndici(): Promise<Undici> {
  undici ??= import('undici')
  return undici
}

function httpAgent(lib: Undici): Dispatcher {
  sharedAgent ??= new lib.Agent({ keepAliveTimeout: 30_000, connections: 64, pipelining: 1 })
  return sharedAgent
}

export async function closeHttpAgent(): Promise<void> {
  const agent = sharedAgent
  sharedAgent = undefined
  await agent?.close()
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const started = performance.now()
  // AbortSignal.timeout takes whole milliseconds only; callers compute budgets as fractions.
  const timeoutMs = req.timeoutMs ? Math.max(1, Math.ceil(req.timeoutMs)) : undefined
  const signals = [req.signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined].filter(
    (s): s is AbortSignal => s !== undefined
  )
  const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals)
  try {
    const lib = await loadUndici()
    const response = await lib.request(req.url, {
      method: (req.method ?? 'GET').toUpperCase() as Dispatcher.HttpMethod,
      headers: req.headers,
      body: req.body,
      signal,
      dispatcher: httpAgent(lib)
    })
    const body = await readBody(response.body, req.maxBodyBytes ?? 5 * 1024 * 1024)
    return {
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      body,
      durationMs: performance.now() - started
    }
  } catch (error) {
    if (signal?.aborted && timeoutMs && !req.signal?.aborted) {
      throw new Error(`no answer within ${timeoutMs} ms`)
    }
    throw error
  }
}

async function readBody(body: Dispatcher.ResponseData['body'], limit: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buffer = chunk as Buffer
    if (size < limit) chunks.push(buffer.subarray(0, limit - size))
    size += buffer.length
  }
  return Buffer.concat(chunks).toString('utf8')
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
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
export async function httpRequestWithRetry(
  req: HttpRequest,
  what: string,
  options: Partial<RetryOptions> = {}
): Promise<HttpResponse> {
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
