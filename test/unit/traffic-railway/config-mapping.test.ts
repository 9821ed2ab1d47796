import { describe, expect, test } from '@jest/globals'
import { inputErrorOf } from '../../support/input-error.js'
import { ColorBook } from '../../../packages/providers/traffic/color-book.js'
import { parseRailwayConfig, type RailwayRawInputs } from '../../../packages/providers/traffic/railway/config.js'
import { deploymentProgress, graphqlData, toTrafficStatus, type RailwayDeployment } from '../../../packages/providers/traffic/railway/railway-mapping.js'

const TOKEN = '11111111-2222-4333-8444-555555555555'
const base: RailwayRawInputs = { 'railway-token': TOKEN, 'railway-service': '9DB36734-B056-420B-AA82-E00D5B7BAA95', 'railway-environment': 'afb6f15b-2e93-4e5e-ac9d-0a7f259d34c3' }

describe('parseRailwayConfig', () => {
  test('the defaults: a project token, ids lowercased', () => {
    expect(parseRailwayConfig(base)).toEqual({
      token: TOKEN,
      tokenType: 'project',
      serviceId: '9db36734-b056-420b-aa82-e00d5b7baa95',
      environmentId: 'afb6f15b-2e93-4e5e-ac9d-0a7f259d34c3',
      apiUrl: 'https://backboard.railway.com/graphql/v2',
      deployTimeoutMs: 1_200_000,
      pollIntervalMs: 5000
    })
  })
  test('an API address is kept as given; plain http only for a loopback test server', () => {
    expect(parseRailwayConfig({ ...base, 'railway-api-url': 'https://proxy.example.com/graphql/v2/' }).apiUrl).toBe('https://proxy.example.com/graphql/v2/')
    expect(parseRailwayConfig({ ...base, 'railway-api-url': 'http://127.0.0.1:4000/graphql/v2' }).apiUrl).toBe('http://127.0.0.1:4000/graphql/v2')
  })
  test.each<[string, RailwayRawInputs, string]>([
    ['no token', { 'railway-token': '' }, 'Input "railway-token" is empty'],
    ['a token with Bearer', { 'railway-token': `Bearer ${TOKEN}` }, 'Input "railway-token" is not in the form of a Railway token (the value is not shown)'],
    ['an unknown token type', { 'railway-token-type': 'team' }, 'Input "railway-token-type" is "team", which is not allowed'],
    ['no service', { 'railway-service': '' }, 'Input "railway-service" is empty'],
    ['a service name', { 'railway-service': 'todo-api' }, 'Input "railway-service" is "todo-api", which is not a service id'],
    ['an environment name', { 'railway-environment': 'production' }, 'Input "railway-environment" is "production", which is not an environment id'],
    ['a bad timeout', { 'railway-deploy-timeout': 'a while' }, 'Input "railway-deploy-timeout" is "a while", which is not a duration'],
    [
      'an API address over plain http',
      { 'railway-api-url': 'http://railway-proxy.internal/graphql/v2' },
      'Input "railway-api-url" is an http:// address, over which the token would travel in clear text'
    ]
  ])('%s is refused, naming the input', (_name, extra, message) => {
    const error = inputErrorOf(() => parseRailwayConfig({ ...base, ...extra }))
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('5555555555')
  })
})

const d = (id: string, status: RailwayDeployment['status'], meta: Record<string, unknown> = { commitHash: `c-${id}` }): RailwayDeployment => ({ id, status, meta, canRollback: true })

describe('railway mapping', () => {
  test.each<[string, RailwayDeployment[], object, boolean]>([
    ['nothing deployed', [], { active: 'blue', history: [] }, false],
    [
      'a serving deployment and the one it replaced',
      [d('d2', 'SUCCESS'), d('d1', 'REMOVED')],
      { active: 'blue', activeVersion: 'c-d2', previousVersion: 'c-d1', weights: { blue: 100, green: 0 } },
      true
    ],
    ['a failed newer deployment does not hide the serving one', [d('d3', 'FAILED'), d('d2', 'SUCCESS'), d('d1', 'REMOVED')], { activeVersion: 'c-d2', previousVersion: 'c-d1' }, true],
    ['a sleeping deployment still serves', [d('d2', 'SLEEPING'), d('d1', 'REMOVED')], { activeVersion: 'c-d2' }, true],
    [
      'after a rollback: nothing to roll back to',
      [d('d3', 'SUCCESS', { commitHash: 'c-d1', reason: 'rollback' }), d('d2', 'REMOVED'), d('d1', 'REMOVED')],
      { activeVersion: 'c-d1', history: [{ version: 'c-d2', outcome: 'rolled-back' }] },
      false
    ],
    ['an image deployment shows its image', [d('d2', 'SUCCESS', { image: 'ghcr.io/octo/api:2' })], { activeVersion: 'ghcr.io/octo/api:2' }, false]
  ])('%s', (_name, deployments, expected, hasPrevious) => {
    const status = toTrafficStatus(deployments, new ColorBook())
    expect(status).toMatchObject(expected)
    expect(status.previousVersion !== undefined).toBe(hasPrevious)
  })

  test.each<[RailwayDeployment['status'], boolean | string]>([
    ['SUCCESS', true],
    ['INITIALIZING', false],
    ['QUEUED', false],
    ['WAITING', false],
    ['BUILDING', false],
    ['DEPLOYING', false],
    ['FAILED', 'ended FAILED; the service keeps serving its previous deployment'],
    ['CRASHED', 'ended CRASHED'],
    ['REMOVED', 'ended REMOVED'],
    ['SKIPPED', 'ended SKIPPED']
  ])('deploymentProgress(%s)', (status, expected) => {
    if (typeof expected === 'string') expect(() => deploymentProgress(d('d9', status))).toThrow(expected)
    else expect(deploymentProgress(d('d9', status)).done).toBe(expected)
  })

  test('GraphQL errors in a 200 answer are errors', () => {
    expect(() => graphqlData({ errors: [{ message: 'Not Authorized' }], data: null }, 'deployments')).toThrow('Railway API deployments: Not Authorized')
    expect(() => graphqlData(undefined, 'deployments')).toThrow('no data in the answer')
    expect(graphqlData({ data: { ok: 1 } }, 'x')).toEqual({ ok: 1 })
  })
})
