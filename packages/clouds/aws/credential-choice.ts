/**
 * Which AWS credentials the environment calls for, in the suite's order. Pure: reads only the
 * options and env it is given; credentials.ts builds the SDK provider.
 *
 * 1. Static keys given as inputs (access key id + secret, optional session token).
 * 2. GitHub OIDC web identity: the job may request an ID token (ACTIONS_ID_TOKEN_REQUEST_URL and
 *    _TOKEN, from `permissions: id-token: write`) and a role ARN is named (option or AWS_ROLE_ARN),
 *    with no AWS keys and no token file in the environment (those belong to the SDK's chain).
 * 3. The SDK's default chain: env keys, AWS_WEB_IDENTITY_TOKEN_FILE (as written by
 *    aws-actions/configure-aws-credentials), profiles, container and instance metadata.
 * Any of them can then assume a further role (`assumeRoleArn`).
 */

export interface AwsCredentialOptions {
  accessKeyId?: string
  secretAccessKey?: string
  sessionToken?: string
  /** Role to take with the GitHub OIDC token (default: AWS_ROLE_ARN). */
  webIdentityRoleArn?: string
  /** Role to assume on top of whichever credentials were found. */
  assumeRoleArn?: string
  /** RoleSessionName for both (default "deploy-actions"). */
  sessionName?: string
}

export type AwsCredentialChoice =
  | { kind: 'static'; accessKeyId: string; secretAccessKey: string; sessionToken?: string; assumeRoleArn?: string; sessionName: string }
  | { kind: 'github-oidc'; roleArn: string; assumeRoleArn?: string; sessionName: string }
  | { kind: 'default-chain'; assumeRoleArn?: string; sessionName: string }

/** The audience AWS STS expects in a GitHub ID token. */
export const AWS_OIDC_AUDIENCE = 'sts.amazonaws.com'

export function chooseAwsCredential(options: AwsCredentialOptions, env: Record<string, string | undefined>): AwsCredentialChoice {
  const sessionName = options.sessionName?.trim() || 'deploy-actions'
  const assume = options.assumeRoleArn?.trim() ? { assumeRoleArn: options.assumeRoleArn.trim() } : {}
  if (options.accessKeyId && options.secretAccessKey) {
    return {
      kind: 'static',
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}),
      ...assume,
      sessionName
    }
  }
  const roleArn = options.webIdentityRoleArn?.trim() || env.AWS_ROLE_ARN?.trim()
  const canRequestIdToken = !!env.ACTIONS_ID_TOKEN_REQUEST_URL && !!env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  const sdkHasOwn = !!env.AWS_ACCESS_KEY_ID || !!env.AWS_WEB_IDENTITY_TOKEN_FILE
  if (roleArn && canRequestIdToken && !sdkHasOwn) return { kind: 'github-oidc', roleArn, ...assume, sessionName }
  return { kind: 'default-chain', ...assume, sessionName }
}

/** Which region: the option, else AWS_REGION, else AWS_DEFAULT_REGION, else `fallback` (undefined: the SDK's profile lookup). */
export function resolveAwsRegion(region: string | undefined, env: Record<string, string | undefined>, fallback?: string): string | undefined {
  return region?.trim() || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || fallback
}
