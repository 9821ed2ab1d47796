import { awsClientConfig, type AwsClientConfig } from '../../../clouds/aws/client-config.js'
import { awsCredentials } from '../../../clouds/aws/credentials.js'

/**
 * The one place build-push takes AWS configuration from: the suite's AWS chain in packages/clouds/aws
 * (static keys, then GitHub OIDC web identity with AWS_ROLE_ARN, then the SDK's default chain). The
 * sign-in is a single GetAuthorizationToken call that nothing else retries, so the SDK keeps its
 * own retries here (4 attempts), with our per-attempt timeout.
 */
export async function ecrClientConfig(region: string, env: Record<string, string | undefined> = process.env): Promise<AwsClientConfig> {
  const { credentials } = await awsCredentials({}, env)
  return awsClientConfig({ region, credentials, sdkMaxAttempts: 4, attemptTimeoutMs: 30_000 }, env)
}
