import { describe, expect, it } from '@jest/globals'
import { armScope, armUrl, formatArmError, isSameOrigin, operationPhase, parseArmErrorBody } from '../../../../../packages/clouds/azure/arm.js'

describe('ARM helpers', () => {
  const sub = '00000000-0000-0000-0000-0000000000aa'
  const serverId = `/subscriptions/${sub}/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/shop-pg`

  it.each([
    [
      { status: 'InProgress', percentComplete: 42.4 },
      { phase: 'pending', status: 'InProgress', percent: 42 }
    ],
    [{ status: 'Accepted' }, { phase: 'pending', status: 'Accepted' }],
    [{ status: 'Succeeded' }, { phase: 'succeeded' }],
    [
      { status: 'Failed', error: { code: 'ServerBusy', message: 'Try later.' } },
      { phase: 'failed', status: 'Failed', message: 'ServerBusy: Try later.' }
    ],
    [{ status: 'Canceled' }, { phase: 'failed', status: 'Canceled', message: 'operation canceled without an error detail' }]
  ])('operationPhase(%j)', (body, expected) => {
    expect(operationPhase(body)).toEqual(expected)
  })

  it('formats and parses ARM error bodies', () => {
    expect(formatArmError({ code: 'InvalidParameterValue', message: 'Bad.', details: [{ code: 'Inner', message: 'Why.' }] })).toBe('InvalidParameterValue: Bad. (Inner: Why.)')
    expect(parseArmErrorBody('{"error":{"code":"X","message":"Y"}}')).toEqual({ code: 'X', message: 'Y' })
    expect(parseArmErrorBody('<html>')).toBeUndefined()
    expect(parseArmErrorBody('{"value":[]}')).toBeUndefined()
  })

  it('builds URLs and scopes', () => {
    expect(armUrl('https://management.azure.com/', `${serverId}/backups/da-1`, '2024-08-01')).toBe(`https://management.azure.com${serverId}/backups/da-1?api-version=2024-08-01`)
    expect(armScope('https://management.azure.com')).toBe('https://management.azure.com/.default')
    expect(armScope('http://127.0.0.1:4567/')).toBe('http://127.0.0.1:4567/.default')
  })

  it.each([
    ['https://management.azure.com/subscriptions/x/op?a=1', 'https://management.azure.com', true],
    ['https://evil.example/op', 'https://management.azure.com', false],
    ['http://management.azure.com/op', 'https://management.azure.com', false],
    ['not a url', 'https://management.azure.com', false]
  ])('isSameOrigin(%j, %j) → %s (the token never leaves the ARM origin)', (url, endpoint, expected) => {
    expect(isSameOrigin(url, endpoint)).toBe(expected)
  })
})
