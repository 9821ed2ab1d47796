import { describe, expect, it } from '@jest/globals'
import { describeHolder, acquireCommand, releaseCommand } from '../../../packages/providers/traffic/host/lock.js'
import { initialState, parseState, serializeState, toStatus, weightsFor, withRecord, type HostState } from '../../../packages/providers/traffic/host/state-mapping.js'

const NOW = '2026-11-29T09:00:00.000Z'

describe('state mapping', () => {
  it('starts blue-active with nothing deployed', () => {
    expect(parseState(undefined, NOW, 's.json')).toEqual(initialState(NOW))
    expect(toStatus(initialState(NOW))).toEqual({ active: 'blue', activeVersion: undefined, previousVersion: undefined, weights: { blue: 100, green: 0 }, paused: undefined, history: [] })
  })

  it('round-trips and maps versions to the status', () => {
    const state: HostState = {
      ...initialState(NOW),
      active: 'green',
      weights: { blue: 0, green: 100 },
      colors: { blue: { version: 'v1', running: true, startedAt: NOW, stopAt: '2026-11-29T10:00:00.000Z' }, green: { version: 'v2', running: true, startedAt: NOW } }
    }
    const again = parseState(serializeState(state), NOW, 's.json')
    expect(again).toEqual(state)
    expect(toStatus(again, Date.parse('2026-11-29T09:30:00.000Z'))).toMatchObject({ active: 'green', activeVersion: 'v2', previousVersion: 'v1' })
    // Past its scheduled stop, the previous color no longer counts as kept.
    expect(toStatus(again, Date.parse('2026-11-29T10:00:01.000Z')).previousVersion).toBeUndefined()
    expect(toStatus({ ...again, colors: { ...again.colors, blue: { ...again.colors.blue!, running: false } } }).previousVersion).toBeUndefined()
  })

  it.each([
    ['{not json', /is not JSON/],
    ['{"schema":2}', /is not a deploy-actions state/],
    ['[]', /is not a deploy-actions state/]
  ])('refuses a state file %j', (text, error) => {
    expect(() => parseState(text, NOW, '/srv/state.json')).toThrow(error)
  })

  it('keeps the last N records, most recent first', () => {
    let state = initialState(NOW)
    for (let i = 1; i <= 5; i++) state = withRecord(state, { version: `v${i}`, color: 'blue', at: NOW, outcome: 'promoted' }, 3)
    expect(state.history.map((r) => r.version)).toEqual(['v5', 'v4', 'v3'])
  })

  it.each<['blue' | 'green', number, unknown]>([
    ['green', 10, { blue: 90, green: 10 }],
    ['blue', 100, { blue: 100, green: 0 }],
    ['green', 33.4, { blue: 67, green: 33 }]
  ])('weights for %s at %d%%', (color, percent, weights) => {
    expect(weightsFor(color, percent)).toEqual(weights)
  })

  it('describes the lock holder, or says it is unknown', () => {
    expect(describeHolder('{"owner":"octo/shop run 42","at":"2026-11-29T09:00:00.000Z","token":"ab"}\n')).toBe('"octo/shop run 42" since 2026-11-29T09:00:00.000Z')
    expect(describeHolder('\n')).toBe('an unknown holder (no owner file yet)')
    expect(acquireCommand('.deploy-actions/shop/state.json.lock', { owner: "o'k", at: NOW, token: 't1' })).toContain(`'{"owner":"o'\\''k"`)
    expect(releaseCommand('/l', 't1')).toBe(`if grep -qF -- '"token":"t1"' /l/owner 2>/dev/null; then rm -rf -- /l; fi`)
  })
})
