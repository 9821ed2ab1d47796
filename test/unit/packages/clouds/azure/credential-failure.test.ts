import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { buildArmCredential } from '../../../../../packages/clouds/azure/credential.js'
import { startFakeArm, type FakeArm } from '../../../../support/fakes/azure-arm.js'

// Its own file: MSAL keeps the managed-identity source and its tokens in process-wide state,
// so a failing sign-in must not share a module registry with a succeeding one.
let fake: FakeArm
beforeAll(async () => {
  fake = await startFakeArm()
})
afterAll(async () => {
  await fake.stop()
})

it('explains a failed managed-identity sign-in and how to fix it (identity endpoint faked, real @azure/identity)', async () => {
  const env = { IDENTITY_ENDPOINT: fake.identityEndpoint, IDENTITY_HEADER: 'wrong-header' }
  const saved = { IDENTITY_ENDPOINT: process.env.IDENTITY_ENDPOINT, IDENTITY_HEADER: process.env.IDENTITY_HEADER }
  Object.assign(process.env, env)
  try {
    const { credential, choice } = await buildArmCredential(env)
    expect(choice).toEqual({ kind: 'managed-identity' })
    await expect(credential.getToken('https://management.azure.com/.default')).rejects.toThrow(
      /^Azure sign-in failed \(managed-identity\): .* — no GitHub OIDC \(grant the job `permissions: id-token: write` and set AZURE_CLIENT_ID and AZURE_TENANT_ID\)/
    )
    expect(fake.requests.some((r) => r.path === '/msi/token' && r.headers['x-identity-header'] === 'wrong-header')).toBe(true)
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
})
