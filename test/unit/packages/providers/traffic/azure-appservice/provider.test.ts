import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { closeHttpAgent } from '../../../../../../packages/core/http.js'
import type { Logger } from '../../../../../../packages/core/log.js'
import { parseAzureAppServiceConfig } from '../../../../../../packages/providers/traffic/azure-appservice/config.js'
import { AppServiceTrafficProvider } from '../../../../../../packages/providers/traffic/azure-appservice/provider.js'
import { startFakeArm, staticTokenCredential, type FakeArm } from '../../../../../support/fakes/azure-arm.js'
import { startFakeApp, type FakeApp } from './app-server.js'

// Azure Resource Manager is faked by a loopback HTTP server speaking the Microsoft.Web REST shapes
// (test/support/fakes/azure-arm/app-service.ts); the slot's and production's own addresses are
// loopback servers. Sleep and clock are fake: Retry-After and deadlines are checked without waiting.
const OLD = 'shopacr.azurecr.io/shop-api:1.0.0'
const NEW = 'shopacr.azurecr.io/shop-api:1.1.0'
let arm: FakeArm
let slotApp: FakeApp
let prodApp: FakeApp
let clock = 0
let sleeps: number[] = []
let logs: string[] = []
const signal = new AbortController().signal
const logger: Logger = { info: (m) => logs.push(m), warning: (m) => logs.push(`warning: ${m}`), debug: () => {} }

beforeAll(async () => {
  ;[slotApp, prodApp] = await Promise.all([startFakeApp(), startFakeApp()])
})

afterAll(async () => {
  await Promise.all([slotApp.stop(), prodApp.stop()])
  await closeHttpAgent()
})

beforeEach(async () => {
  await arm?.stop()
  arm = await startFakeArm({ pollsUntilDone: 3, retryAfterSeconds: 2, webApp: { image: OLD } })
  clock = 0
  sleeps = []
  logs = []
})

afterAll(async () => {
  await arm.stop()
})

function provider(extra: Record<string, string> = {}): AppServiceTrafficProvider {
  const config = parseAzureAppServiceConfig(
    {
      ...extra,
      'azure-subscription': arm.subscriptionId,
      'azure-resource-group': arm.resourceGroup,
      'azure-app-name': arm.appName,
      'azure-slot-url': slotApp.url,
      'azure-public-url': prodApp.url
    },
    { DEPLOY_ACTIONS_ARM_ENDPOINT: arm.endpoint }
  )
  return new AppServiceTrafficProvider(config, {
    logger,
    credential: staticTokenCredential(arm.token),
    sleep: async (ms) => {
      sleeps.push(ms)
      clock += ms
    },
    now: () => clock,
    pollIntervalMs: 1_000
  })
}

const rules = (): unknown[] => arm.appService.slot('production').config.experiments?.rampUpRules ?? []
const image = (slot: string): string | undefined => arm.appService.slot(slot).config.linuxFxVersion

describe('azure-appservice provider (faked ARM: Microsoft.Web sites, slots, config/web, slotsswap)', () => {
  it('prepares the slot, ramps up through the rule, swaps into production and records green as active', async () => {
    const p = provider()
    expect(await p.status(signal)).toMatchObject({ active: 'blue', weights: { blue: 100, green: 0 } })
    slotApp.coldFor(2)
    const target = await p.prepare({ version: '1.1.0', image: NEW }, signal)
    expect(target).toEqual({ color: 'green', version: '1.1.0', directUrl: slotApp.url })
    expect(image('staging')).toBe(`DOCKER|${NEW}`)
    expect(logs.filter((l) => l.includes('warming up slot staging: HTTP 503'))).toHaveLength(2)

    await p.shift('green', 10, signal)
    expect(rules()).toEqual([{ name: 'staging', actionHostName: 'shop-web-staging.azurewebsites.net', reroutePercentage: 10 }])
    await p.shift('green', 50, signal)
    expect(await p.status(signal)).toMatchObject({ active: 'blue', weights: { blue: 50, green: 50 } })
    await p.shift('green', 100, signal)
    await p.promote('green', '1.1.0', 300_000, signal)
    await p.record({ version: '1.1.0', color: 'green', at: '2026-11-29T10:00:00.000Z', outcome: 'promoted' }, signal)

    expect(image('production')).toBe(`DOCKER|${NEW}`)
    expect(image('staging')).toBe(`DOCKER|${OLD}`)
    expect(rules()).toEqual([])
    expect(arm.appService.swaps()).toBe(1)
    // The swap is a long-running operation: Retry-After (2 s) honoured, progress on each poll.
    expect(sleeps.filter((ms) => ms === 2_000).length).toBeGreaterThanOrEqual(2)
    expect(logs.some((l) => /swap slot staging \(1\.1\.0\) into production: InProgress/.test(l))).toBe(true)
    const swap = arm.requests.find((r) => r.method === 'POST' && r.path.endsWith('/slots/staging/slotsswap'))
    expect(JSON.parse(swap?.body ?? '{}')).toEqual({ targetSlot: 'production', preserveVnet: true })

    // A new provider (the next run) reads the same truth from the tags and the slots.
    const status = await provider().status(signal)
    expect(status).toMatchObject({ active: 'green', activeVersion: '1.1.0', weights: { green: 100, blue: 0 }, history: [{ version: '1.1.0', outcome: 'promoted', color: 'green' }] })
    expect(arm.appService.tags()).toMatchObject({ 'deploy-actions-active': 'green', 'deploy-actions-green': '1.1.0', 'deploy-actions-green-image': NEW, 'deploy-actions-kept': 'blue' })
  })

  it('takes the slot as already deployed when no image is given', async () => {
    arm.appService.slot('staging').config.linuxFxVersion = `DOCKER|${NEW}`
    const target = await provider().prepare({ version: '1.1.0' }, signal)
    expect(target.color).toBe('green')
    expect(arm.requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/slots/staging/config/web'))).toBe(false)
    expect(arm.appService.tags()['deploy-actions-green-image']).toBe(NEW)
  })

  it('rides out throttling: 429 with Retry-After is retried after the server-given delay', async () => {
    const p = provider()
    await p.prepare({ version: '1.1.0', image: NEW }, signal)
    arm.throttle({ times: 2, retryAfterSeconds: 7, method: 'PATCH', pathIncludes: '/config/web' })
    await p.shift('green', 25, signal)
    expect(rules()).toMatchObject([{ reroutePercentage: 25 }])
    expect(sleeps.filter((ms) => ms === 7_000)).toHaveLength(2)
    expect(logs.filter((l) => l.includes('HTTP 429'))).toHaveLength(2)
  })

  it('a failure in the middle of a shift says where traffic stands; rollback removes the rule and records it', async () => {
    const p = provider()
    await p.prepare({ version: '1.1.0', image: NEW }, signal)
    await p.shift('green', 10, signal)
    arm.appService.failRequests({
      method: 'PATCH',
      pathIncludes: '/config/web',
      times: 1,
      status: 409,
      code: 'Conflict',
      message: 'Cannot modify this site because another operation is in progress.'
    })
    await expect(p.shift('green', 50, signal)).rejects.toThrow(/HTTP 409 Conflict: Cannot modify this site.*; the ramp-up rule to slot staging is now 10% \(wanted 50%\)/)
    expect(await p.status(signal)).toMatchObject({ active: 'blue', weights: { blue: 90, green: 10 } })

    await p.rollback('blue', 'the switch failed', signal)
    expect(rules()).toEqual([])
    expect(arm.appService.swaps()).toBe(0)
    expect(image('production')).toBe(`DOCKER|${OLD}`)
    expect(await p.status(signal)).toMatchObject({ active: 'blue', weights: { blue: 100, green: 0 }, history: [{ version: '1.1.0', color: 'green', outcome: 'rolled-back' }] })
  })

  it('a failed swap (the long-running operation ends Failed) leaves production on the old version; rollback needs no swap back', async () => {
    const p = provider()
    await p.prepare({ version: '1.1.0', image: NEW }, signal)
    await p.shift('green', 100, signal)
    arm.failNextOperation({ code: 'SwapFailed', message: 'The swap did not complete: the slot failed to warm up.' })
    await expect(p.promote('green', '1.1.0', 0, signal)).rejects.toThrow(/failed: SwapFailed: The swap did not complete/)
    expect(image('production')).toBe(`DOCKER|${OLD}`)
    expect(rules()).toEqual([])
    await p.rollback('blue', 'the switch failed', signal)
    expect(arm.appService.swaps()).toBe(1)
    expect(await p.status(signal)).toMatchObject({ active: 'blue', weights: { blue: 100, green: 0 } })
  })

  it('rollback after a promotion swaps the previous version back into production', async () => {
    const p = provider()
    await p.prepare({ version: '1.1.0', image: NEW }, signal)
    await p.shift('green', 100, signal)
    await p.promote('green', '1.1.0', 0, signal)
    expect(await p.status(signal)).toMatchObject({ active: 'green', activeVersion: '1.1.0', previousVersion: '1.0.0' })
    await p.rollback('blue', 'rollback requested', signal)
    expect(arm.appService.swaps()).toBe(2)
    expect(image('production')).toBe(`DOCKER|${OLD}`)
    expect(image('staging')).toBe(`DOCKER|${NEW}`)
    const status = await p.status(signal)
    expect(status).toMatchObject({ active: 'blue', weights: { blue: 100, green: 0 } })
    expect(status.previousVersion).toBeUndefined()
  })

  it('status trusts the slots over the tags when a swap happened that the tags missed', async () => {
    const p = provider()
    await p.prepare({ version: '1.1.0', image: NEW }, signal)
    // Swapped in the portal (or a run cancelled between the swap and its tag write).
    arm.appService.slot('production').config.linuxFxVersion = `DOCKER|${NEW}`
    arm.appService.slot('staging').config.linuxFxVersion = `DOCKER|${OLD}`
    expect(await p.status(signal)).toMatchObject({ active: 'green', activeVersion: '1.1.0' })
  })

  it('waits for the deploy lock held by another run and names the holder when it times out', async () => {
    const other = await provider().lock('octo/shop run 1', 60_000, signal)
    await expect(provider().lock('octo/shop run 2', 30_000, signal)).rejects.toThrow(/not ready within 30\.0 s .*held by octo\/shop run 1/)
    await other.release()
    const mine = await provider().lock('octo/shop run 2', 30_000, signal)
    expect(arm.appService.tags()['deploy-actions-lock']).toMatch(/\|octo\/shop run 2$/)
    await mine.release()
    expect(arm.appService.tags()['deploy-actions-lock']).toBeUndefined()
  })

  it('swap with preview: production settings applied to the slot, warmed up again, then swapped', async () => {
    const p = provider({ 'azure-swap-preview': 'true' })
    await p.prepare({ version: '1.1.0', image: NEW }, signal)
    slotApp.coldFor(1)
    await p.promote('green', '1.1.0', 0, signal)
    expect(arm.appService.previews()).toEqual(['applySlotConfig staging'])
    expect(arm.appService.swaps()).toBe(1)
    expect(image('production')).toBe(`DOCKER|${NEW}`)
  })

  it('swap with preview: a slot that does not come up with production settings is reset, and nothing is swapped', async () => {
    const p = new AppServiceTrafficProvider(
      parseAzureAppServiceConfig(
        {
          'azure-subscription': arm.subscriptionId,
          'azure-resource-group': arm.resourceGroup,
          'azure-app-name': arm.appName,
          'azure-slot-url': slotApp.url,
          'azure-public-url': prodApp.url,
          'azure-swap-preview': 'true',
          'azure-warmup-timeout': '10s'
        },
        { DEPLOY_ACTIONS_ARM_ENDPOINT: arm.endpoint }
      ),
      { logger, credential: staticTokenCredential(arm.token), sleep: async (ms) => void (clock += ms), now: () => clock, pollIntervalMs: 1_000 }
    )
    await p.prepare({ version: '1.1.0', image: NEW }, signal)
    slotApp.coldFor(1_000)
    await expect(p.promote('green', '1.1.0', 0, signal)).rejects.toThrow(/swap with preview cancelled, slot staging reset to its own settings: .*not ready within 10\.0 s/)
    slotApp.coldFor(0)
    expect(arm.appService.previews()).toEqual(['applySlotConfig staging', 'resetSlotConfig staging'])
    expect(arm.appService.swaps()).toBe(0)
    expect(image('production')).toBe(`DOCKER|${OLD}`)
  })
})
