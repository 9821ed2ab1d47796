import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr'
import { ECRPUBLICClient, GetAuthorizationTokenCommand as GetPublicAuthorizationTokenCommand } from '@aws-sdk/client-ecr-public'
import { mockClient } from 'aws-sdk-client-mock'
import type { RegistrySpec } from '../../../packages/providers/registry/types.js'

/**
 * Sign-in to Amazon ECR (faked at the SDK level with aws-sdk-client-mock, answers shaped as the
 * GetAuthorizationToken API reference shows) and Azure Container Registry (the Entra credential
 * faked at the module edge, /oauth2/exchange faked at the HTTP level on loopback).
 */

const getToken = jest.fn<(scopes: string | string[], options?: { abortSignal?: AbortSignal }) => Promise<{ token: string; expiresOnTimestamp: number } | null>>()
jest.unstable_mockModule('../../../packages/providers/registry/acr/azure-credential.js', () => ({
  azureCredential: async () => ({ getToken })
}))
const { registryProvider } = await import('../../../packages/providers/registry/factory.js')

const masked: string[] = []
const context = { mask: (value: string) => void masked.push(value), env: { AZURE_TENANT_ID: 'tenant-123' } }

describe('Amazon ECR sign-in (faked at the SDK level)', () => {
  test('private: GetAuthorizationToken in the registry region, token decoded and masked', async () => {
    const ecr = mockClient(ECRClient)
    ecr.on(GetAuthorizationTokenCommand).resolves({
      authorizationData: [{ authorizationToken: Buffer.from('AWS:ecr-password-xyz').toString('base64'), expiresAt: new Date('2026-11-29T21:00:00Z'), proxyEndpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com' }]
    })
    const provider = await registryProvider('ecr')
    const spec: RegistrySpec = { host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', kind: 'ecr', insecure: false, region: 'eu-west-1' }
    expect(await provider.login(spec, context)).toEqual({ username: 'AWS', password: 'ecr-password-xyz' })
    expect(masked).toContain('ecr-password-xyz')
    expect(await ecr.call(0).thisValue.config.region()).toBe('eu-west-1')
    ecr.restore()
  })

  test('private: an SDK failure says which permission the job needs', async () => {
    const ecr = mockClient(ECRClient)
    ecr.on(GetAuthorizationTokenCommand).rejects(new Error('AccessDeniedException: not authorized to perform ecr:GetAuthorizationToken'))
    const provider = await registryProvider('ecr')
    await expect(provider.login({ host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', kind: 'ecr', insecure: false, region: 'eu-west-1' }, context)).rejects.toThrow(/ECR sign-in failed: AccessDeniedException.*ecr:GetAuthorizationToken/)
    ecr.restore()
  })

  test('public: ECR Public GetAuthorizationToken (us-east-1)', async () => {
    const ecrPublic = mockClient(ECRPUBLICClient)
    ecrPublic.on(GetPublicAuthorizationTokenCommand).resolves({ authorizationData: { authorizationToken: Buffer.from('AWS:public-pass').toString('base64'), expiresAt: new Date() } })
    const provider = await registryProvider('ecr-public')
    expect(await provider.login({ host: 'public.ecr.aws', kind: 'ecr-public', insecure: false }, context)).toEqual({ username: 'AWS', password: 'public-pass' })
    expect(await ecrPublic.call(0).thisValue.config.region()).toBe('us-east-1')
    ecrPublic.restore()
  })
})

describe('Azure Container Registry sign-in (faked: Entra credential and /oauth2/exchange over HTTP)', () => {
  let server: Server
  let host = ''
  const forms: URLSearchParams[] = []
  let answer = { status: 200, body: '{"refresh_token":"acr-refresh-token-abc"}' }

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        if (req.method === 'POST' && req.url === '/oauth2/exchange') forms.push(new URLSearchParams(body))
        res.writeHead(answer.status, { 'content-type': 'application/json' })
        res.end(answer.body)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  test('the Entra token is exchanged for a refresh token, the password of the fixed null-GUID user', async () => {
    getToken.mockResolvedValue({ token: 'entra-access-token', expiresOnTimestamp: Date.now() + 3600_000 })
    const provider = await registryProvider('acr')
    const credential = await provider.login({ host, kind: 'acr', insecure: true }, context)
    expect(credential).toEqual({ username: '00000000-0000-0000-0000-000000000000', password: 'acr-refresh-token-abc' })
    expect(getToken).toHaveBeenCalledWith('https://management.azure.com/.default', expect.anything())
    expect(Object.fromEntries(forms[0])).toEqual({ grant_type: 'access_token', service: host, access_token: 'entra-access-token', tenant: 'tenant-123' })
    expect(masked).toEqual(expect.arrayContaining(['entra-access-token', 'acr-refresh-token-abc']))
  })

  test('an exchange refused (401) fails with the registry named', async () => {
    answer = { status: 401, body: '{"errors":[{"code":"UNAUTHORIZED"}]}' }
    const provider = await registryProvider('acr')
    await expect(provider.login({ host, kind: 'acr', insecure: true }, context)).rejects.toThrow(`${host} /oauth2/exchange answered HTTP 401`)
  })
})
