import { HttpStatusError, httpRequestWithRetry, isRetryableStatus, type HttpResponse } from '../../core/http.js'
import { AttemptTimeoutError, retry, type RetryAfterHint, type RetryOptions } from '../../core/retry.js'
import { DeliveryError, type NotifierDeps } from './types.js'
import { errorMessage } from '../../core/error-message.js'

/**
 * The notifiers' one retry policy: attempts, backoff and per-attempt timeout from the action's
 * inputs, a progress line before each wait (naming the channel, never its URL), and 429 /
 * Retry-After honoured through packages/core/retry.ts.
 */
function retryOptions(what: string, deps: NotifierDeps): Partial<RetryOptions> & { attempts: number } {
  return {
    attempts: deps.policy.attempts,
    baseDelayMs: deps.policy.baseDelayMs,
    attemptTimeoutMs: deps.policy.timeoutMs,
    sleep: deps.sleep,
    onRetry: ({ attempt, delayMs, error }) => {
      const reason = describeError(error)
      deps.logger.info(`${reason.startsWith(what) ? reason : `${what}: ${reason}`}; retrying in ${(delayMs / 1000).toFixed(1)} s (attempt ${attempt + 1} of ${deps.policy.attempts})`)
    }
  }
}

/** A short reason for logs and errors; never includes a URL (undici errors name host:port at most). */
export function describeError(error: unknown): string {
  if (error instanceof HttpStatusError) return `HTTP ${error.status}${error.retryAfterMs !== undefined ? ` (Retry-After ${Math.round(error.retryAfterMs / 1000)} s)` : ''}`
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause
  const message = errorMessage(error)
  return cause?.code ? `${message} (${cause.code})` : message
}

/** POSTs a JSON text to a webhook with the policy; failures become a DeliveryError naming `what`. */
export async function postJson(url: string, json: string, what: string, deps: NotifierDeps, headers: Record<string, string> = {}): Promise<HttpResponse> {
  try {
    return await httpRequestWithRetry(
      {
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'deploy-actions-notify', ...headers },
        body: json,
        timeoutMs: deps.policy.timeoutMs
      },
      what,
      retryOptions(what, deps)
    )
  } catch (error) {
    throw asDeliveryError(what, error, deps.policy.attempts)
  }
}

function asDeliveryError(what: string, error: unknown, attempts: number): DeliveryError {
  if (error instanceof DeliveryError) return error
  if (error instanceof HttpStatusError) {
    return new DeliveryError(isRetryableStatus(error.status) && attempts > 1 ? `${error.message} (gave up after ${attempts} attempts)` : error.message)
  }
  return new DeliveryError(`${what} could not be reached after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${describeError(error)}`)
}

/** What an SDK error means: a message naming the call (never a URL or token) and whether to retry. */
export interface CallFailure {
  message: string
  retryable: boolean
  /** The wait the server asked for (429 Retry-After, a rate-limit reset). */
  retryAfterMs?: number
}

class MappedCallError extends DeliveryError implements RetryAfterHint {
  readonly retryable: boolean
  readonly retryAfterMs?: number
  constructor(failure: CallFailure) {
    super(failure.message)
    this.retryable = failure.retryable
    this.retryAfterMs = failure.retryAfterMs
  }
}

/**
 * Runs an SDK call (Slack Web API, Octokit, nodemailer) under the same policy as the HTTP
 * notifiers: `mapError` turns the SDK's error into a message and a retry decision; a timed-out
 * attempt is retried too. Throws a DeliveryError that says when it gave up after retries.
 */
export async function callWithPolicy<T>(what: string, deps: NotifierDeps, operation: (signal: AbortSignal) => Promise<T>, mapError: (error: unknown) => CallFailure): Promise<T> {
  const { attempts } = deps.policy
  try {
    return await retry(
      async (signal) => {
        try {
          return await operation(signal)
        } catch (error) {
          throw new MappedCallError(mapError(error))
        }
      },
      { ...retryOptions(what, deps), isRetryable: (error) => error instanceof AttemptTimeoutError || (error instanceof MappedCallError && error.retryable) }
    )
  } catch (error) {
    const gaveUp = attempts > 1 ? ` (gave up after ${attempts} attempts)` : ''
    if (error instanceof AttemptTimeoutError) throw new DeliveryError(`${what} did not answer within ${error.timeoutMs} ms${gaveUp}`)
    if (error instanceof MappedCallError) throw new DeliveryError(error.retryable ? `${error.message}${gaveUp}` : error.message)
    throw asDeliveryError(what, error, attempts)
  }
}
