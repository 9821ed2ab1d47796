import { AWS_OIDC_AUDIENCE, chooseAwsCredential, type AwsCredentialChoice, type AwsCredentialOptions } from './credential-choice.js'

/**
 * The one AWS credential chain of the suite (credential-choice.ts decides the order, purely).
 * Returns undefined for the SDK's default chain, so the client resolves it itself exactly as
 * before; @aws-sdk/credential-providers loads only for the OIDC and assume-role legs.
 *
 * Stable API (RDS, S3, build-push's ECR token exchange, AWS traffic providers):
 *   awsCredentials(options, env?) → { credentials, choice }.
 */
export interface AwsKeys {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
  expiration?: Date
}

/** What every AWS SDK v3 client takes as `credentials`. */
export type AwsCredentials = AwsKeys | (() => Promise<AwsKeys>)

export async function awsCredentials(
  options: AwsCredentialOptions,
  env: Record<string, string | undefined> = process.env
): Promise<{ credentials: AwsCredentials | undefined; choice: AwsCredentialChoice }> {
  const choice = chooseAwsCredential(options, env)
  let base: AwsCredentials | undefined
  switch (choice.kind) {
    case 'static':
      base = { accessKeyId: choice.accessKeyId, secretAccessKey: choice.secretAccessKey, ...(choice.sessionToken ? { sessionToken: choice.sessionToken } : {}) }
      break
    case 'github-oidc': {
      const { fromWebToken } = await import('@aws-sdk/credential-providers')
      const { getIDToken } = await import('@actions/core')
      // A fresh GitHub ID token (masked by getIDToken) each time the SDK refreshes the role's keys.
      base = async () => fromWebToken({ roleArn: choice.roleArn, roleSessionName: choice.sessionName, webIdentityToken: await getIDToken(AWS_OIDC_AUDIENCE) })()
      break
    }
    case 'default-chain':
      base = undefined
      break
  }
  if (!choice.assumeRoleArn) return { credentials: base, choice }
  const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers')
  const credentials: AwsCredentials = fromTemporaryCredentials({
    params: { RoleArn: choice.assumeRoleArn, RoleSessionName: choice.sessionName },
    ...(base ? { masterCredentials: base } : {})
  })
  return { credentials, choice }
}
