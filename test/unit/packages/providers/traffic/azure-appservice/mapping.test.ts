import { describe, expect, it } from '@jest/globals'
import {
  activeColor,
  encodeHistory,
  imageOf,
  imageVersion,
  readState,
  reroutePercent,
  toStatus,
  withReroute,
  writeState,
  type StoredState
} from '../../../../../../packages/providers/traffic/azure-appservice/appservice-mapping.js'

const HOST = 'shop-web-staging.azurewebsites.net'

describe('azure-appservice mapping', () => {
  it.each([
    ['DOCKER|shopacr.azurecr.io/api:1.2.0', 'shopacr.azurecr.io/api:1.2.0'],
    ['docker|nginx:1.27', 'nginx:1.27'],
    ['NODE|20-lts', undefined],
    ['', undefined],
    [undefined, undefined]
  ])('imageOf(%j) → %j', (fx, image) => {
    expect(imageOf(fx)).toBe(image)
  })

  it.each([
    ['shopacr.azurecr.io/api:1.2.0', '1.2.0'],
    ['registry:5000/api', 'registry:5000/api'],
    ['api@sha256:0123456789abcdef0123', 'sha256:0123456789ab'],
    ['api', 'api']
  ])('imageVersion(%j) → %j', (image, version) => {
    expect(imageVersion(image)).toBe(version)
  })

  it.each<[string, unknown[] | undefined, number]>([
    ['no rules', undefined, 0],
    ['our rule by host name', [{ actionHostName: HOST, reroutePercentage: 25 }], 25],
    ['our rule by name (portal)', [{ name: 'staging', actionHostName: 'other.example', reroutePercentage: 5 }], 5],
    ["another slot's rule", [{ name: 'qa', actionHostName: 'shop-web-qa.azurewebsites.net', reroutePercentage: 30 }], 0],
    ['out of range', [{ actionHostName: HOST, reroutePercentage: 140 }], 100]
  ])('reroutePercent: %s', (_name, rules, percent) => {
    expect(reroutePercent(rules as never, 'staging', HOST)).toBe(percent)
  })

  it('withReroute replaces our rule with a fixed split, keeps other slots, and 0 removes ours', () => {
    const qa = { name: 'qa', actionHostName: 'shop-web-qa.azurewebsites.net', reroutePercentage: 5 }
    const ours = { name: 'staging', actionHostName: HOST, reroutePercentage: 10, changeStep: 5, changeIntervalInMinutes: 1 }
    expect(withReroute([qa, ours], 'staging', HOST, 50)).toEqual([qa, { name: 'staging', actionHostName: HOST, reroutePercentage: 50 }])
    expect(withReroute([qa, ours], 'staging', HOST, 0)).toEqual([qa])
    expect(withReroute(undefined, 'staging', HOST, 0)).toEqual([])
  })

  it("the state round-trips through tags, keeping the web app's own tags", () => {
    const state: StoredState = {
      active: 'green',
      versions: { blue: '1.0.0', green: '1.1.0' },
      images: { blue: 'acr.io/api:1.0.0', green: 'acr.io/api:1.1.0' },
      kept: 'blue',
      paused: { color: 'green', version: '1.2.0', weight: 10, remainingSteps: [50, 100], at: '2026-11-29T10:00:00.000Z' },
      history: [{ version: '1.1.0', color: 'green', outcome: 'promoted', at: '2026-11-29T09:00:00.000Z' }],
      lock: { owner: 'octo/shop run 7', expiresAt: 1_800_000_000_000 }
    }
    const tags = writeState({ environment: 'production', 'deploy-actions-stale': 'x' }, state)
    expect(tags.environment).toBe('production')
    expect(tags['deploy-actions-stale']).toBeUndefined()
    expect(Object.values(tags).every((v) => v.length <= 256)).toBe(true)
    expect(readState(tags)).toEqual(state)
    expect(readState(writeState(tags, { ...state, lock: undefined, paused: undefined }))).toEqual({ ...state, lock: undefined, paused: undefined, ...{} })
  })

  it('history keeps the newest records that fit one tag value; reasons are dropped', () => {
    const records = Array.from({ length: 20 }, (_, i) => ({
      version: `1.${i}.0`,
      color: 'blue' as const,
      outcome: 'rolled-back' as const,
      at: '2026-11-29T09:00:00.000Z',
      reason: 'x'.repeat(100)
    }))
    const encoded = encodeHistory(records) ?? ''
    expect(encoded.length).toBeLessThanOrEqual(256)
    const kept = readState({ 'deploy-actions-history': encoded }).history
    expect(kept.length).toBeGreaterThan(2)
    expect(kept[0]).toEqual({ version: '1.0.0', color: 'blue', outcome: 'rolled-back', at: '2026-11-29T09:00:00.000Z' })
  })

  it('unreadable tags are the state before any deploy, not an error', () => {
    expect(readState({ 'deploy-actions-active': 'purple', 'deploy-actions-paused': '{', 'deploy-actions-history': '[["v","red",0,"t"]]' })).toEqual({
      active: 'blue',
      versions: {},
      images: {},
      history: []
    })
  })

  it.each<[string, Partial<StoredState>, string | undefined, 'blue' | 'green']>([
    ['the tag, when production runs its image', { active: 'blue', images: { blue: 'a:1', green: 'a:2' } }, 'a:1', 'blue'],
    ["the slots, when production runs the other color's image", { active: 'blue', images: { blue: 'a:1', green: 'a:2' } }, 'a:2', 'green'],
    ['the tag, when both colors run the same image', { active: 'blue', images: { blue: 'a:1', green: 'a:1' } }, 'a:1', 'blue'],
    ['the tag, when no image is recorded', { active: 'green', images: {} }, 'a:9', 'green']
  ])('activeColor: %s', (_name, state, productionImage, active) => {
    expect(activeColor({ active: 'blue', versions: {}, images: {}, history: [], ...state }, productionImage)).toBe(active)
  })

  it('toStatus: weights from the rule; previousVersion only while the slot keeps it', () => {
    const state: StoredState = { active: 'green', versions: { blue: '1.0.0', green: '1.1.0' }, images: {}, kept: 'blue', history: [] }
    expect(toStatus(state, undefined, 0)).toEqual({ active: 'green', activeVersion: '1.1.0', previousVersion: '1.0.0', weights: { green: 100, blue: 0 }, history: [] })
    expect(toStatus({ ...state, kept: undefined }, undefined, 30)).toEqual({ active: 'green', activeVersion: '1.1.0', weights: { green: 70, blue: 30 }, history: [] })
  })
})
