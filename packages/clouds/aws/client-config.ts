import type { AwsCredentials } from './credentials.js'
import { resolveAwsRegion } from './credential-choice.js'

/**
 * The one config every AWS SDK v3 client of the suite is built with: region, endpoint override,
 * credentials (credentials.ts), the SDK's own retries OFF (maxAttempts 1) so packages/core/retry.ts
 * is the only retry policy, and a per-attempt timeout (no call may hang: the SDK's default has none).
 *
 * Exception, stated where it is made: a caller whose requests our retry cannot wrap one by one
 * (@aws-sdk/lib-storage's multipart parts) passes `sdkMaxAttempts` to keep the SDK's retries.
 *
 * Stable API (RDS, S3, ECR for build-push, AWS traffic providers):
 *   awsClientConfig({ region?, fallbackRegion?, endpoint?, credentials?, attemptTimeoutMs?, connectTimeoutMs?, sdkMaxAttempts? }, env?)
 */

export interface AwsClientOptions {
  region?: string
  /** Region when neither the option nor AWS_REGION / AWS_DEFAULT_REGION says (default: the SDK's profile lookup). */
  fallbackRegion?: string
  endpoint?: string
  credentials?: AwsCredentials
  /** Each attempt's timeout (default 60 s) and the connect timeout (default 10 s). */
  attemptTimeoutMs?: number
  connectTimeoutMs?: number
  /** Default 1: the SDK does not retry. */
  sdkMaxAttempts?: number
}

export interface AwsClientConfig {
  region?: string
  endpoint?: string
  credentials?: AwsCredentials
  maxAttempts: number
  requestHandler: { connectionTimeout: number; requestTimeout: number }
}

export function awsClientConfig(options: AwsClientOptions, env: Record<string, string | undefined> = process.env): AwsClientConfig {
  const region = resolveAwsRegion(options.region, env, options.fallbackRegion)
  return {
    ...(region ? { region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: options.sdkMaxAttempts ?? 1,
    requestHandler: { connectionTimeout: options.connectTimeoutMs ?? 10_000, requestTimeout: options.attemptTimeoutMs ?? 60_000 }
  }
}
