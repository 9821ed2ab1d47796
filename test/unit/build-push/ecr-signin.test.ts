import { describe, expect, test } from '@jest/globals'
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'
import { ECRPUBLICClient, GetAuthorizationTokenCommand as GetPublicAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public'
import { mockClient } from 'aws-sdk-client-mock'
import { registryProvider } from '../../../packages/providers/registry/factory.js'
import type { RegistrySpec } from '../../../packages/providers/registry/types.js'

/** Sign-in to Amazon ECR, faked at the SDK level with aws-sdk-client-mock (answers shaped as the GetAuthorizationToken API reference shows). */

const masked: string[] = []
const context = { mask: (value: string) => void masked.push(value), env: {} }

describe('Amazon ECR sign-in (faked at the SDK level)', () => {
  test('private: GetAuthorizationToken in the registry region, token decoded and masked', async () => {
    const ecr = mockClient(ECRClient)
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [
        {
          authorizationToken: Buffer.from('AWS:ecr-password-xyz').toString('base64'),
          expiresAt: new Date('2026-11-29T21:00:00Z'),
          proxyEndpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com'
        }
      ]
    })
    const provider = await registryProvider('ecr')
    const spec: RegistrySpec = { host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', kind: 'ecr', insecure: false, region: 'eu-west-1' }
    expect(await provider.login(spec, context)).toEqual({ username: 'AWS', password: 'ecr-password-xyz' })
    expect(masked).toContain('ecr-password-xyz')
    expect(await (ecr.call(0).thisValue as ECRClient).config.region()).toBe('eu-west-1')
    ecr.restore()
  })

  test('private: an SDK failure says which permission the job needs', async () => {
    const ecr = mockClient(ECRClient)
    ecr.on(GetAuthorizationTokenCommand).rejects(new Error('AccessDeniedException: not authorized to perform ecr:GetAuthorizationToken'))
    const provider = await registryProvider('ecr')
    await expect(provider.login({ host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', kind: 'ecr', insecure: false, region: 'eu-west-1' }, context)).rejects.toThrow(
      /ECR sign-in failed: AccessDeniedException.*ecr:GetAuthorizationToken/
    )
    ecr.restore()
  })

  test('public: ECR Public GetAuthorizationToken (us-east-1)', async () => {
    const ecrPublic = mockClient(ECRPUBLICClient)
    ecrPublic.on(GetPublicAuthorizationTokenCommand).resolves({ authorizationData: { authorizationToken: Buffer.from('AWS:public-pass').toString('base64'), expiresAt: new Date() } })
    const provider = await registryProvider('ecr-public')
    expect(await provider.login({ host: 'public.ecr.aws', kind: 'ecr-public', insecure: false }, context)).toEqual({ username: 'AWS', password: 'public-pass' })
    expect(await (ecrPublic.call(0).thisValue as ECRPUBLICClient).config.region()).toBe('us-east-1')
    ecrPublic.restore()
  })
})
