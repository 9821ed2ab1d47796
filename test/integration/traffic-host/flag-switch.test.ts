import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import type { HostTrafficProvider } from '../../../packages/providers/traffic/host/host-provider.js'
import { appRelease, deployAll, startHostTarget, type HostTarget } from '../../support/host-target.js'
import { startLoad } from '../../support/load.js'
import { httpGet } from './helpers.js'

// nginx-switch: flag-files — switches without any nginx reload, so the keep-alive reload race
// cannot happen: the strict failure count itself must be 0 (real nginx, keep-alive clients).
describe('host provider with flag-file switching (real nginx, no reload)', () => {
  let target: HostTarget
  let provider: HostTrafficProvider
  const signal = new AbortController().signal

  beforeEach(async () => {
    target = await startHostTarget({ switch: 'flag-files', nginx: { upstreamKeepalive: 8 } })
    provider = await target.provider()
    await deployAll(provider, appRelease('v1'), signal)
  })

  afterEach(async () => {
    await provider.close()
    await target.stop()
  })

  it('prepares, shifts 10/50/100, promotes and rolls back under keep-alive load with zero strict failures', async () => {
    const nginxPid = readFileSync(`${target.nginx.prefix}/nginx.pid`, 'utf8')
    const load = startLoad({ url: target.url, rps: 150 })
    const prepared = await provider.prepare(appRelease('v2'), signal)
    const afterPrepare = load.snapshot()
    expect(afterPrepare.strictFailures).toBe(0)
    expect(Object.keys(afterPrepare.versions)).toEqual(['v1'])
    for (const step of [10, 50, 100]) {
      await provider.shift(prepared.color, step, signal)
      expect((await provider.status(signal)).weights[prepared.color]).toBe(step)
      await new Promise((resolve) => setTimeout(resolve, 400))
    }
    await provider.promote(prepared.color, 'v2', 60_000, signal)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await provider.rollback(prepared.color === 'blue' ? 'green' : 'blue', 'flag test', signal)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const report = await load.stop()
    expect(report).toMatchObject({ strictFailures: 0, failures: 0 })
    expect(report.versions.v2).toBeGreaterThan(0)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
    // Not one reload: the same nginx master, and no worker ever restarted.
    expect(readFileSync(`${target.nginx.prefix}/nginx.pid`, 'utf8')).toBe(nginxPid)
    expect(readFileSync(`${target.nginx.prefix}/logs/error.log`, 'utf8')).not.toMatch(/reconfiguring|signal 1 \(SIGHUP\)/)
  })

  it('splits traffic by the flag weight', async () => {
    const prepared = await provider.prepare(appRelease('v2'), signal)
    await provider.shift(prepared.color, 25, signal)
    const counts: Record<string, number> = {}
    for (let i = 0; i < 400; i++) {
      const version = String((await httpGet(target.url)).headers['x-app-version'])
      counts[version] = (counts[version] ?? 0) + 1
    }
    // 25% ± a generous margin for 400 random draws.
    expect(counts.v2).toBeGreaterThan(60)
    expect(counts.v2).toBeLessThan(140)
  })
})
