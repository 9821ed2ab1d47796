import { errorMessage } from '../../core/error-message.js'

/**
 * AWS SDK v3 errors, read purely: is it throttling, is it worth another try, and one line naming
 * the operation and the service's fault.
 *
 * Stable API (RDS, S3, ECR for build-push, AWS traffic providers):
 *   isThrottlingError(error), isTransientAwsError(error), describeAwsError(operation, error), awsErrorName(error).
 */

const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'PriorRequestNotComplete',
  'SlowDown'
])

interface AwsErrorLike {
  name?: string
  Code?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
  $retryable?: { throttling?: boolean }
}

/** The service's fault name (`DBSnapshotNotFoundFault`, `NoSuchBucket`…), if the error carries one. */
export function awsErrorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const e = error as AwsErrorLike
  return e.name || e.Code || undefined
}

/** Throttling answers (after the SDK sent the request once: SDK retries are off, ours decide). */
export function isThrottlingError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const e = error as AwsErrorLike
  return THROTTLING_CODES.has(e.name ?? '') || THROTTLING_CODES.has(e.Code ?? '') || e.$retryable?.throttling === true || e.$metadata?.httpStatusCode === 429
}

/** Throttling, 5xx and network failures are worth another try; a client fault is not. */
export function isTransientAwsError(error: unknown): boolean {
  if (isThrottlingError(error)) return true
  if (typeof error !== 'object' || error === null) return false
  const e = error as AwsErrorLike
  const status = e.$metadata?.httpStatusCode
  if (status !== undefined && status >= 500) return true
  return ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'TimeoutError', 'RequestTimeout', 'InternalFailure', 'ServiceUnavailable'].includes(e.code ?? e.name ?? '')
}

/** "CreateDBSnapshot failed: DBSnapshotAlreadyExistsFault: Cannot create the snapshot because …" */
export function describeAwsError(operation: string, error: unknown): string {
  if (error instanceof Error) {
    const name = error.name && error.name !== 'Error' ? `${error.name}: ` : ''
    return `${operation} failed: ${name}${error.message}`
  }
  return `${operation} failed: ${errorMessage(error)}`
}
