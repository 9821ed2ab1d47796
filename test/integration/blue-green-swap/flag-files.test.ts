import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startHostTarget, type HostTarget } from '../../support/host-target.js'
import { startLoad } from '../../support/load.js'
import { httpGet } from '../traffic-host/helpers.js'
import { deployInputs, swap } from './support.js'

// The action with `nginx-switch: flag-files`: nginx is never reloaded, so a client that keeps its
// connections alive sees no reset at all — the strict count, before any retry, is zero.
describe('blue-green-swap with nginx-switch flag-files (no reload), under keep-alive load', () => {
  let target: HostTarget

  beforeAll(async () => {
    target = await startHostTarget({ switch: 'flag-files' })
    const first = await swap(target, deployInputs('v1'))
    expect([first.exitCode, first.outputs.outcome]).toEqual([0, 'promoted'])
  })

  afterAll(async () => {
    await target.stop()
  })

  it('a canary judged on the access log, promoted, then rolled back: zero strict failures', async () => {
    const load = startLoad({ url: target.url, rps: 150, keepAlive: true })
    const deployed = await swap(target, deployInputs('v2', { steps: '10,50,100', bake: '2s', analysis: 'nginx-log', 'max-error-rate': '1%' }))
    const rolledBack = await swap(target, { mode: 'rollback' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const report = await load.stop()
    expect(deployed.exitCode).toBe(0)
    expect(deployed.outputs).toMatchObject({ outcome: 'promoted', 'active-version': 'v2' })
    expect(deployed.summary).toContain('| 2 | 50% |')
    expect(rolledBack.outputs).toMatchObject({ outcome: 'rolled-back', 'active-version': 'v1' })
    expect(report.versions.v2).toBeGreaterThan(0)
    expect(report.strictFailures).toBe(0)
    expect(report.failures).toBe(0)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
  })
})
