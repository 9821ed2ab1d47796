import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startFakeArm, type FakeArm } from '../../support/fakes/azure-arm.js'
import { expectInputRejected, runSwap } from '../../support/swap-runner.js'
import { startFakeApp, type FakeApp } from '../../unit/packages/providers/traffic/azure-appservice/app-server.js'

// dist/blue-green-swap/index.js run as the runner does, with provider azure-appservice against the
// fake ARM (faked Microsoft.Web REST API on loopback; the real @azure/identity chain signs in
// through the fake's managed-identity endpoint). The slot's and production's own addresses are
// loopback servers.
const OLD = 'lunchacr.azurecr.io/lunchtogether-api:1.0.0'
const NEW = 'lunchacr.azurecr.io/lunchtogether-api:1.1.0'
let arm: FakeArm
let slotApp: FakeApp
let prodApp: FakeApp

beforeAll(async () => {
  ;[slotApp, prodApp] = await Promise.all([startFakeApp(), startFakeApp()])
})

afterAll(async () => {
  await Promise.all([slotApp.stop(), prodApp.stop(), arm?.stop()])
})

beforeEach(async () => {
  await arm?.stop()
  arm = await startFakeArm({ pollsUntilDone: 2, retryAfterSeconds: 0, webApp: { appName: 'lunchtogether-api', image: OLD } })
})

const swap = (inputs: Record<string, string>) =>
  runSwap(
    {
      provider: 'azure-appservice',
      'azure-subscription': arm.subscriptionId,
      'azure-resource-group': arm.resourceGroup,
      'azure-app-name': arm.appName,
      'azure-slot-url': slotApp.url,
      'azure-public-url': prodApp.url,
      ...inputs
    },
    { env: { DEPLOY_ACTIONS_ARM_ENDPOINT: arm.endpoint, IDENTITY_ENDPOINT: arm.identityEndpoint, IDENTITY_HEADER: arm.identityHeader }, timeoutMs: 90_000 }
  )

const image = (slot: string): string | undefined => arm.appService.slot(slot).config.linuxFxVersion
const rules = (): unknown[] => arm.appService.slot('production').config.experiments?.rampUpRules ?? []

describe('blue-green-swap with provider azure-appservice (runner contract, faked ARM)', () => {
  it('deploys through the staging slot in steps, swaps into production, then rolls back by swapping back', async () => {
    const deploy = await swap({ version: '1.1.0', image: NEW, steps: '10,50,100', 'check-path': '/health' })
    expect(deploy.errors).toEqual([])
    expect(deploy.exitCode).toBe(0)
    expect(deploy.outputs).toMatchObject({
      outcome: 'promoted',
      'active-color': 'green',
      'active-version': '1.1.0',
      'previous-color': 'blue',
      'previous-version': '1.0.0',
      url: prodApp.url,
      'rolled-back': 'false'
    })
    expect(image('production')).toBe(`DOCKER|${NEW}`)
    expect(image('staging')).toBe(`DOCKER|${OLD}`)
    expect(rules()).toEqual([])
    // The engine's steps went through the production slot's ramp-up rule.
    const percents = arm.requests
      .filter((r) => r.method === 'PATCH' && r.path.endsWith('/sites/lunchtogether-api/config/web'))
      .map(
        (r) => (JSON.parse(r.body) as { properties: { experiments: { rampUpRules: Array<{ reroutePercentage: number }> } } }).properties.experiments.rampUpRules[0]?.reroutePercentage ?? 0
      )
    expect(percents).toEqual([10, 50, 100, 0])
    expect(deploy.stdout).toMatch(/swap slot staging \(1\.1\.0\) into production/)
    expect(arm.appService.tags()['deploy-actions-lock']).toBeUndefined()

    const status = await swap({ mode: 'status' })
    expect(status.outputs).toMatchObject({ outcome: 'status', 'active-color': 'green', 'active-version': '1.1.0' })

    const rollback = await swap({ mode: 'rollback' })
    expect(rollback.exitCode).toBe(0)
    expect(rollback.outputs).toMatchObject({ outcome: 'rolled-back', 'active-color': 'blue', 'active-version': '1.0.0', 'rolled-back': 'true' })
    expect(image('production')).toBe(`DOCKER|${OLD}`)
    expect(arm.appService.swaps()).toBe(2)
  })

  it('a failure in the middle of the shift ends with all traffic on production and says so (exit 1)', async () => {
    arm.appService.failRequests({
      method: 'PATCH',
      pathIncludes: '/sites/lunchtogether-api/config/web',
      skip: 1,
      times: 1,
      status: 409,
      code: 'Conflict',
      message: 'Cannot modify this site because another operation is in progress.'
    })
    arm.throttle({ times: 1, retryAfterSeconds: 0, method: 'GET', pathIncludes: '/config/web' })
    const result = await swap({ version: '1.1.0', image: NEW, steps: '10,50,100' })
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ outcome: 'rolled-back', 'active-color': 'blue', 'rolled-back': 'true' })
    expect(result.outputs.reason).toMatch(/HTTP 409 Conflict.*the ramp-up rule to slot staging is now 10% \(wanted 50%\)/)
    expect(rules()).toEqual([])
    expect(image('production')).toBe(`DOCKER|${OLD}`)
    expect(arm.appService.swaps()).toBe(0)
    expect(result.stdout).toMatch(/HTTP 429 \(attempt 1\)/)
  })

  it.each<[string, Record<string, string>, string]>([
    ['a missing app name', { 'azure-app-name': '' }, 'Input "azure-app-name" is empty'],
    ['a bad percentage', { steps: '10,120' }, 'Input "steps" has "120", which is not a percentage from 1 to 100'],
    ['a subscription name', { 'azure-subscription': 'Pay-As-You-Go' }, 'Input "azure-subscription" is "Pay-As-You-Go", which is not a subscription ID'],
    ['an input of the host provider', { 'nginx-upstream-file': '/etc/nginx/x' }, 'Input "nginx-upstream-file" is set, but provider is azure-appservice']
  ])('bad input (%s) fails before any ARM call, naming the input', async (_name, inputs, message) => {
    const result = await swap({ version: '1.1.0', image: NEW, ...inputs })
    expectInputRejected(result, message)
    expect(arm.requests).toEqual([])
    expect(image('staging')).toBe(`DOCKER|${OLD}`)
  })
})
