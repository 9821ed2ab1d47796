import { describeAwsError, isThrottlingError, isTransientAwsError } from '../../../clouds/aws/errors.js'
import type { Logger } from '../../../core/log.js'
import { AttemptTimeoutError, retry } from '../../../core/retry.js'

/**
 * Every ECS and ELBv2 call of both modes goes through here: the SDK's own retries are off
 * (clouds/aws/client-config.ts), so retry() gives backoff with jitter, a per-attempt timeout and the
 * run's signal; a final failure names the operation (describeAwsError, no secrets).
 */

const CALL_ATTEMPTS = 6
const ATTEMPT_TIMEOUT_MS = 30_000

export type AwsCall = <T>(operation: string, send: (signal: AbortSignal) => Promise<T>, signal: AbortSignal) => Promise<T>

export function awsCall(logger: Logger, sleep: (ms: number) => Promise<void>): AwsCall {
  return async (operation, send, signal) => {
    try {
      return await retry((attemptSignal) => send(attemptSignal), {
        attempts: CALL_ATTEMPTS,
        baseDelayMs: 1_000,
        maxDelayMs: 20_000,
        attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
        // Every call made is idempotent or harmless to repeat (a second RegisterTaskDefinition only adds a revision).
        isRetryable: (error) => isTransientAwsError(error) || error instanceof AttemptTimeoutError,
        signal,
        sleep,
        onRetry: ({ attempt, delayMs, error }) =>
          logger.info(`${operation} ${isThrottlingError(error) ? 'throttled' : 'failed'} (attempt ${attempt}); retrying in ${Math.round(delayMs / 100) / 10} s`)
      })
    } catch (error) {
      throw new Error(describeAwsError(operation, error), { cause: error })
    }
  }
}
