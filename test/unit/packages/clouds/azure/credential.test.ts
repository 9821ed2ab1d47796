import { describe, expect, it, jest } from '@jest/globals'
import * as actionsCore from '../../../../support/fakes/actions-core.js'
import { chooseArmCredential } from '../../../../../packages/clouds/azure/credential-choice.js'

const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req-token' }
const app = { AZURE_CLIENT_ID: 'client-1', AZURE_TENANT_ID: 'tenant-1' }

describe('chooseArmCredential', () => {
  it.each([
    ['GitHub OIDC first, even with a secret present', { ...oidc, ...app, AZURE_CLIENT_SECRET: 's' }, { kind: 'github-oidc', tenantId: 'tenant-1', clientId: 'client-1' }],
    ['client secret when the job cannot request an ID token', { ...app, AZURE_CLIENT_SECRET: 's' }, { kind: 'client-secret', tenantId: 'tenant-1', clientId: 'client-1', clientSecret: 's' }],
    ['OIDC needs the tenant too: user-assigned managed identity otherwise', { ...oidc, AZURE_CLIENT_ID: 'client-1' }, { kind: 'managed-identity', clientId: 'client-1' }],
    ['OIDC needs both request variables', { ACTIONS_ID_TOKEN_REQUEST_URL: 'u', ...app }, { kind: 'managed-identity', clientId: 'client-1' }],
    ['system-assigned managed identity when nothing is set', {}, { kind: 'managed-identity' }],
    ['blank values count as unset', { AZURE_CLIENT_ID: ' ', AZURE_TENANT_ID: '', AZURE_CLIENT_SECRET: '' }, { kind: 'managed-identity' }]
  ])('%s', (_name, env, expected) => {
    expect(chooseArmCredential(env)).toEqual(expected)
  })
})

describe('buildArmCredential (@azure/identity and @actions/core mocked at the edge)', () => {
  it('builds a ClientAssertionCredential whose assertion is a GitHub ID token for api://AzureADTokenExchange', async () => {
    const constructed: unknown[][] = []
    class FakeCredential {
      constructor(...args: unknown[]) {
        constructed.push([new.target.name, ...args])
      }
      async getToken() {
        return { token: 'arm-token', expiresOnTimestamp: 1 }
      }
    }
    class ClientAssertionCredential extends FakeCredential {}
    class ClientSecretCredential extends FakeCredential {}
    class ManagedIdentityCredential extends FakeCredential {}
    jest.unstable_mockModule('@azure/identity', () => ({ ClientAssertionCredential, ClientSecretCredential, ManagedIdentityCredential }))
    jest.unstable_mockModule('@actions/core', () => actionsCore)
    const { getIDToken } = actionsCore
    const { buildArmCredential } = await import('../../../../../packages/clouds/azure/credential.js')

    const built = await buildArmCredential({ ...oidc, ...app })
    expect(built.choice.kind).toBe('github-oidc')
    const [name, tenant, client, getAssertion] = constructed[0] as [string, string, string, () => Promise<string>]
    expect([name, tenant, client]).toEqual(['ClientAssertionCredential', 'tenant-1', 'client-1'])
    // The assertion is fetched when Entra ID asks, every time (a fresh token per exchange).
    expect(getIDToken).not.toHaveBeenCalled()
    await expect(getAssertion()).resolves.toBe('id-token-for-api://AzureADTokenExchange')
    await getAssertion()
    expect(getIDToken).toHaveBeenCalledTimes(2)
    await expect(built.credential.getToken('https://management.azure.com/.default')).resolves.toEqual({ token: 'arm-token', expiresOnTimestamp: 1 })

    await buildArmCredential({ ...app, AZURE_CLIENT_SECRET: 'shh' })
    expect(constructed[1]).toEqual(['ClientSecretCredential', 'tenant-1', 'client-1', 'shh'])
    await buildArmCredential({ AZURE_CLIENT_ID: 'uami' })
    expect(constructed[2]).toEqual(['ManagedIdentityCredential', { clientId: 'uami' }])
    await buildArmCredential({})
    expect(constructed[3]).toEqual(['ManagedIdentityCredential'])
  })
})
