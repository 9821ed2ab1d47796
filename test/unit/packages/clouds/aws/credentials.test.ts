import { beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as actionsCore from '../../../../support/fakes/actions-core.js'

// The edges: @aws-sdk/credential-providers (STS) and @actions/core (the GitHub ID token).
const fromWebToken = jest.fn(
  (options: { roleArn: string; roleSessionName?: string; webIdentityToken: string }) => () =>
    Promise.resolve({ accessKeyId: `ASIA-${options.webIdentityToken}`, secretAccessKey: 'web', sessionToken: options.roleSessionName })
)
const fromTemporaryCredentials = jest.fn(
  (options: { params: { RoleArn: string; RoleSessionName?: string }; masterCredentials?: unknown }) => () =>
    Promise.resolve({ accessKeyId: `ASIA-assumed-${options.params.RoleArn}`, secretAccessKey: 'assumed' })
)
jest.unstable_mockModule('@aws-sdk/credential-providers', () => ({ fromWebToken, fromTemporaryCredentials }))
jest.unstable_mockModule('@actions/core', () => actionsCore)
const { awsCredentials } = await import('../../../../../packages/clouds/aws/credentials.js')

const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req-token' }
const role = 'arn:aws:iam::123456789012:role/deploy'

beforeEach(() => {
  actionsCore.reset()
  fromWebToken.mockClear()
  fromTemporaryCredentials.mockClear()
})

describe('awsCredentials (@aws-sdk/credential-providers and @actions/core faked)', () => {
  it('leaves the SDK default chain alone when nothing else applies', async () => {
    await expect(awsCredentials({}, {})).resolves.toEqual({ credentials: undefined, choice: { kind: 'default-chain', sessionName: 'deploy-actions' } })
    expect(fromWebToken).not.toHaveBeenCalled()
  })

  it('passes static keys as they are', async () => {
    const { credentials } = await awsCredentials({ accessKeyId: 'AKIA1', secretAccessKey: 's' }, {})
    expect(credentials).toEqual({ accessKeyId: 'AKIA1', secretAccessKey: 's' })
  })

  it('exchanges a fresh GitHub ID token (audience sts.amazonaws.com) for the role each time the SDK asks', async () => {
    const { credentials, choice } = await awsCredentials({}, { ...oidc, AWS_ROLE_ARN: role })
    expect(choice.kind).toBe('github-oidc')
    expect(actionsCore.getIDToken).not.toHaveBeenCalled()
    if (typeof credentials !== 'function') throw new Error('expected a provider')
    await expect(credentials()).resolves.toEqual({ accessKeyId: 'ASIA-id-token-for-sts.amazonaws.com', secretAccessKey: 'web', sessionToken: 'deploy-actions' })
    await credentials()
    expect(actionsCore.getIDToken).toHaveBeenCalledTimes(2)
    expect(fromWebToken).toHaveBeenLastCalledWith({ roleArn: role, roleSessionName: 'deploy-actions', webIdentityToken: 'id-token-for-sts.amazonaws.com' })
  })

  it('assumes a further role on top of the credentials found', async () => {
    const target = 'arn:aws:iam::210987654321:role/target'
    const { credentials } = await awsCredentials({ accessKeyId: 'AKIA1', secretAccessKey: 's', assumeRoleArn: target }, {})
    expect(fromTemporaryCredentials).toHaveBeenCalledWith({
      params: { RoleArn: target, RoleSessionName: 'deploy-actions' },
      masterCredentials: { accessKeyId: 'AKIA1', secretAccessKey: 's' }
    })
    if (typeof credentials !== 'function') throw new Error('expected a provider')
    await expect(credentials()).resolves.toMatchObject({ accessKeyId: `ASIA-assumed-${target}` })
  })
})
