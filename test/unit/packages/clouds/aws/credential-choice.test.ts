import { describe, expect, it } from '@jest/globals'
import { awsClientConfig } from '../../../../../packages/clouds/aws/client-config.js'
import { chooseAwsCredential, resolveAwsRegion } from '../../../../../packages/clouds/aws/credential-choice.js'

const oidc = { ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.example/x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'req-token' }
const role = 'arn:aws:iam::123456789012:role/deploy'

describe('chooseAwsCredential', () => {
  it.each([
    [
      'keys given as inputs come first',
      { accessKeyId: 'AKIA1', secretAccessKey: 's', sessionToken: 't' },
      { ...oidc, AWS_ROLE_ARN: role },
      { kind: 'static', accessKeyId: 'AKIA1', secretAccessKey: 's', sessionToken: 't', sessionName: 'deploy-actions' }
    ],
    ['an access key without its secret is no credential', { accessKeyId: 'AKIA1' }, {}, { kind: 'default-chain', sessionName: 'deploy-actions' }],
    ['GitHub OIDC web identity with AWS_ROLE_ARN and id-token permission', {}, { ...oidc, AWS_ROLE_ARN: role }, { kind: 'github-oidc', roleArn: role, sessionName: 'deploy-actions' }],
    ['the role may come as an option', { webIdentityRoleArn: role, sessionName: 'run-42' }, oidc, { kind: 'github-oidc', roleArn: role, sessionName: 'run-42' }],
    ['no ID token permission: the SDK chain', {}, { AWS_ROLE_ARN: role }, { kind: 'default-chain', sessionName: 'deploy-actions' }],
    ['env keys belong to the SDK chain', {}, { ...oidc, AWS_ROLE_ARN: role, AWS_ACCESS_KEY_ID: 'AKIA2' }, { kind: 'default-chain', sessionName: 'deploy-actions' }],
    [
      'a token file (configure-aws-credentials) belongs to the SDK chain',
      {},
      { ...oidc, AWS_ROLE_ARN: role, AWS_WEB_IDENTITY_TOKEN_FILE: '/tmp/t' },
      { kind: 'default-chain', sessionName: 'deploy-actions' }
    ],
    [
      'a role to assume rides on any of them',
      { assumeRoleArn: ' arn:aws:iam::210987654321:role/target ' },
      {},
      { kind: 'default-chain', assumeRoleArn: 'arn:aws:iam::210987654321:role/target', sessionName: 'deploy-actions' }
    ]
  ])('%s', (_name, options, env, expected) => {
    expect(chooseAwsCredential(options, env)).toEqual(expected)
  })
})

describe('resolveAwsRegion and awsClientConfig', () => {
  it.each([
    ['eu-west-1', { AWS_REGION: 'us-east-2' }, undefined, 'eu-west-1'],
    [undefined, { AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1' }, undefined, 'us-east-2'],
    [' ', { AWS_DEFAULT_REGION: 'us-west-1' }, undefined, 'us-west-1'],
    [undefined, {}, 'us-east-1', 'us-east-1'],
    [undefined, {}, undefined, undefined]
  ])('region %j with env %j and fallback %j → %j', (region, env, fallback, expected) => {
    expect(resolveAwsRegion(region, env, fallback)).toBe(expected)
  })

  it('turns the SDK retries off and bounds each attempt', () => {
    expect(awsClientConfig({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566' }, {})).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4566',
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 10_000, requestTimeout: 60_000 }
    })
    expect(awsClientConfig({ sdkMaxAttempts: 3, attemptTimeoutMs: 0 }, {})).toEqual({ maxAttempts: 3, requestHandler: { connectionTimeout: 10_000, requestTimeout: 0 } })
  })
})
