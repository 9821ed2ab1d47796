import type { HttpRequest, HttpResponse } from '../../../packages/core/http.js'
import { loadJsonPath } from '../../../packages/core/json-path.js'
import type { Logger } from '../../../packages/core/log.js'
import { parseRetryAfter } from '../../../packages/core/retry-after.js'
import { retry } from '../../../packages/core/retry.js'
import { formatMs } from '../../../packages/core/markdown.js'
import { evaluate, extractCaptures, type Expectations } from './assertions.js'
import { IDEMPOTENT_METHODS, type CheckSpec, type RequestBody } from './check-spec.js'
import { resolveCaptures, resolveCapturesTyped, withDynamicValues, type DynamicValues, type Lookup } from './placeholders.js'
import type { CheckResult } from './results.js'

/** Runs one check: resolves its placeholders, sends it with retries, evaluates, captures. */

export type Send = (request: HttpRequest) => Promise<HttpResponse>

export interface CheckContext {
  send: Send
  logger: Logger
  /** Captured values so far, as text, shared by all checks of the run. */
  captures: Map<string, string>
  /** The same values with their JSON types, for JSON bodies. */
  typedCaptures: Map<string, unknown>
  /** Masks a secret the moment it exists (captured value, resolved secret header). */
  mask: (value: string) => void
  isSecretHeader: (name: string) => boolean
  /** Removes known secrets from text meant for people (URLs in reports and logs). */
  redact: (text: string) => string
  sleep?: (ms: number) => Promise<void>
  /** Values of {{ uuid }}, {{ now }}, {{ timestamp }}: fresh for each check run (injected by tests). */
  dynamic?: () => DynamicValues
  /** The run's cancellation: no further attempt starts once it is aborted, and the one in flight is aborted. */
  signal?: AbortSignal
}

/** A failed attempt: the reasons, and the answer when there was one. */
class CheckFailed extends Error {
  readonly retryAfterMs?: number
  constructor(
    readonly failures: string[],
    readonly response?: HttpResponse
  ) {
    super(failures.join('; '))
    this.name = 'CheckFailed'
    if (response && (response.status === 429 || response.status === 503)) this.retryAfterMs = parseRetryAfter(response.headers['retry-after'])
  }
}

export interface ResolvedRequest {
  method: string
  url: string
  headers: Record<string, string>
  body?: string
}

type ResolveContext = Pick<CheckContext, 'captures' | 'typedCaptures' | 'mask' | 'isSecretHeader' | 'dynamic'>

/** Captured values plus a fresh set of dynamic ones (dynamic names cannot be captures). */
export function placeholderValues(ctx: ResolveContext): { text: Lookup<string>; typed: Lookup<unknown> } {
  return withDynamicValues(ctx.captures, ctx.typedCaptures, ctx.dynamic)
}

/** The request a check sends once its captures are known. Secret header values are masked here. */
export function resolveRequest(check: Pick<CheckSpec, 'method' | 'url' | 'headers' | 'body'>, ctx: ResolveContext, values = placeholderValues(ctx)): ResolvedRequest {
  const headers = resolveCaptures(check.headers, values.text)
  for (const [name, value] of Object.entries(headers)) if (ctx.isSecretHeader(name)) maskHeaderValue(value, ctx.mask)
  return { method: check.method, url: resolveCaptures(check.url, values.text), headers, body: bodyText(check.body, values.text, values.typed) }
}

/** Masks a secret header's value, and its credentials part alone (`Bearer <credentials>`). */
export function maskHeaderValue(value: string, mask: (value: string) => void): void {
  if (value.length < 3) return
  mask(value)
  const credentials = /^[A-Za-z][\w-]*\s+(\S{3,})$/.exec(value.trim())?.[1]
  if (credentials) mask(credentials)
}

function bodyText(body: RequestBody | undefined, captures: Lookup<string>, typed: Lookup<unknown>): string | undefined {
  if (!body) return undefined
  return body.kind === 'text' ? resolveCaptures(body.text, captures) : JSON.stringify(resolveCapturesTyped(body.value, captures, typed))
}

/** One attempt: send the request and judge the answer. Throws CheckFailed with the reasons. */
export async function attempt(request: ResolvedRequest, expectations: Expectations, send: Send, timeoutMs: number, signal?: AbortSignal): Promise<HttpResponse> {
  // Whole milliseconds: AbortSignal.timeout rejects fractions.
  const response = await send({ ...request, timeoutMs: Math.max(1, Math.round(timeoutMs)), signal }).then(
    (answer) => answer,
    (error: unknown) => {
      throw new CheckFailed([networkFailure(error)])
    }
  )
  const failures = evaluate(expectations, response)
  if (failures.length > 0) throw new CheckFailed(failures, response)
  return response
}

export function networkFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
  // An abort as the cause is the request's own timeout, which the message already says.
  const code = (error as { code?: string } | undefined)?.code ?? (cause?.code === 'ABORT_ERR' ? undefined : cause?.code)
  const message = error instanceof Error ? error.message : String(error)
  if (code && !message.includes(code)) return `request failed: ${code} (${message})`
  return `request failed: ${message}`
}

/** Whether a check reads a JSONPath (so the JSONPath library must be loaded before it runs). */
export function readsJsonPath(check: Pick<CheckSpec, 'captures' | 'assertions'>): boolean {
  return check.captures.some((c) => c.from === 'json') || check.assertions.some((a) => a.target.kind === 'json')
}

export async function runCheck(check: CheckSpec, ctx: CheckContext): Promise<CheckResult> {
  if (readsJsonPath(check)) await loadJsonPath()
  // One set of dynamic values per check run: the request and its expectations see the same {{ uuid }}, and so do its retries.
  const values = placeholderValues(ctx)
  const request = resolveRequest(check, ctx, values)
  const expectations: Expectations = {
    statuses: check.statuses,
    assertions: check.assertions.map((a) => ({ ...a, expected: resolveCaptures(a.expected, values.text) })),
    latencyMaxMs: check.latencyMaxMs
  }
  const display = ctx.redact(request.url)
  let attempts = 0
  let last: HttpResponse | undefined
  const outcome = await retry(
    async (signal) => {
      attempts++
      const response = await attempt(request, expectations, ctx.send, check.timeoutMs, signal).catch((error: unknown) => {
        if (error instanceof CheckFailed && error.response) last = error.response
        throw error
      })
      last = response
      const captured = extractCaptures(check.captures, response)
      if (captured.failures.length > 0) throw new CheckFailed(captured.failures, response)
      return captured
    },
    {
      // A non-idempotent request is re-sent only with the check's consent (retry-unsafe: true).
      attempts: check.retryUnsafe || IDEMPOTENT_METHODS.includes(check.method) ? check.retries + 1 : 1,
      baseDelayMs: 300,
      maxDelayMs: 5000,
      attemptTimeoutMs: check.timeoutMs + 1000,
      signal: ctx.signal,
      sleep: ctx.sleep,
      onRetry: ({ attempt: n, delayMs, error }) =>
        ctx.logger.info(`… ${check.name}: attempt ${n} of ${check.retries + 1} failed (${failuresOf(error).join('; ')}); retrying in ${formatMs(delayMs)}`)
    }
  ).then(
    (captured) => ({ values: captured.values, typed: captured.typed, failures: [] as string[] }),
    (error: unknown) => ({ values: new Map<string, string>(), typed: new Map<string, unknown>(), failures: failuresOf(error) })
  )
  for (const [name, value] of outcome.values) {
    if (value.length >= 3) ctx.mask(value)
    ctx.captures.set(name, value)
    ctx.typedCaptures.set(name, outcome.typed.get(name))
  }
  const result: CheckResult = {
    name: check.name,
    method: check.method,
    url: display,
    status: outcome.failures.length === 0 ? 'passed' : 'failed',
    httpStatus: last?.status,
    latencyMs: last?.durationMs,
    attempts,
    failures: outcome.failures.map(ctx.redact),
    captured: [...outcome.values.keys()]
  }
  const timing = last ? `${last.status} in ${formatMs(last.durationMs)}` : 'no answer'
  const tries = attempts > 1 ? `, ${attempts} attempts` : ''
  ctx.logger.info(result.status === 'passed' ? `✓ ${check.name}: ${timing}${tries}` : `✗ ${check.name}: ${result.failures.join('; ')} (${timing}${tries})`)
  return result
}

/** The reasons an attempt failed: a CheckFailed's own list, or the message of anything else. */
export function failuresOf(error: unknown): string[] {
  if (error instanceof CheckFailed) return error.failures
  return [error instanceof Error ? error.message : String(error)]
}
