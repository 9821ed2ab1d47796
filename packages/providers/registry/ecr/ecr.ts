import { errorMessage } from '../../../core/error-message.js'
import type { RegistryProvider } from '../types.js'
import { ecrClientConfig } from './aws-config.js'
import { decodeEcrToken } from './ecr-mapping.js'

/** Amazon ECR private registries: GetAuthorizationToken in the registry's own region. */
export const ecrProvider: RegistryProvider = {
  kind: 'ecr',
  async login(spec, context) {
    const { ECRClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr')
    const client = new ECRClient(await ecrClientConfig(spec.region ?? 'us-east-1'))
    try {
      const answer = await client.send(new GetAuthorizationTokenCommand({}), { abortSignal: context.signal })
      const credential = decodeEcrToken(answer.authorizationData?.[0]?.authorizationToken, spec.host)
      context.mask(credential.password)
      return credential
    } catch (error) {
      throw new Error(
        `${spec.host}: ECR sign-in failed: ${errorMessage(error)} — give the job AWS credentials (aws-actions/configure-aws-credentials with OIDC) allowed ecr:GetAuthorizationToken`,
        { cause: error }
      )
    } finally {
      client.destroy()
    }
  }
}

/** Amazon ECR Public (public.ecr.aws): its API lives in us-east-1 only. */
export const ecrPublicProvider: RegistryProvider = {
  kind: 'ecr-public',
  async login(spec, context) {
    const { ECRPUBLICClient, GetAuthorizationTokenCommand } = await import('@aws-sdk/client-ecr-public')
    const client = new ECRPUBLICClient(await ecrClientConfig('us-east-1'))
    try {
      const answer = await client.send(new GetAuthorizationTokenCommand({}), { abortSignal: context.signal })
      const credential = decodeEcrToken(answer.authorizationData?.authorizationToken, spec.host)
      context.mask(credential.password)
      return credential
    } catch (error) {
      throw new Error(
        `${spec.host}: ECR Public sign-in failed: ${errorMessage(error)} — give the job AWS credentials allowed ecr-public:GetAuthorizationToken and sts:GetServiceBearerToken`,
        { cause: error }
      )
    } finally {
      client.destroy()
    }
  }
}
