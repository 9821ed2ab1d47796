import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import { closeHttpAgent } from '../../../packages/core/http.js'

/**
 * Sign-in to Azure Container Registry: the Entra credential faked at the module edge, the
 * registry's /oauth2/exchange faked at the HTTP level on loopback.
 */

const getToken = jest.fn<(scopes: string | string[], options?: { abortSignal?: AbortSignal }) => Promise<{ token: string; expiresOnTimestamp: number } | null>>()
jest.unstable_mockModule('../../../packages/providers/registry/acr/azure-credential.js', () => ({
  azureCredential: async () => ({ getToken })
}))
const { registryProvider } = await import('../../../packages/providers/registry/factory.js')

const masked: string[] = []
const context = { mask: (value: string) => void masked.push(value), env: { AZURE_TENANT_ID: 'tenant-123' } }

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
  afterAll(async () => {
    await closeHttpAgent()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

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
