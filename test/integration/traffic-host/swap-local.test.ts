import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { httpGet, waitFor } from './helpers.js'
import { appRelease, deployAll, startHostTarget, type HostTarget } from '../../support/host-target.js'
import { startLoad } from '../../support/load.js'
import type { HostTrafficProvider } from '../../../packages/providers/traffic/host/host-provider.js'

// host provider, host: local, process runtime, real nginx on loopback; a steady load through nginx
// during every switch, counting failures strictly and with the retry-once rule.
describe('host provider on the runner (real nginx, process runtime)', () => {
  let target: HostTarget
  let provider: HostTrafficProvider
  const signal = new AbortController().signal

  beforeEach(async () => {
    target = await startHostTarget()
    provider = await target.provider()
    await deployAll(provider, appRelease('v1'), signal)
  })

  afterEach(async () => {
    await provider.close()
    await target.stop()
  })

  it('prepares, shifts 10/50/100, promotes and rolls back under load with zero failed requests', async () => {
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
    const load = startLoad({ url: target.url, rps: 150 })
    const prepared = await provider.prepare(appRelease('v2'), signal)
    expect(prepared.color).toBe('blue')
    expect((await httpGet(`${prepared.directUrl}/`)).headers['x-app-version']).toBe('v2')
    for (const step of [10, 50, 100]) {
      await provider.shift(prepared.color, step, signal)
      expect((await provider.status(signal)).weights).toEqual({ blue: step, green: 100 - step })
      await new Promise((resolve) => setTimeout(resolve, 300))
    }
    await provider.promote('blue', 'v2', 60_000, signal)
    let status = await provider.status(signal)
    expect(status).toMatchObject({ active: 'blue', activeVersion: 'v2', previousVersion: 'v1', weights: { blue: 100, green: 0 } })
    await new Promise((resolve) => setTimeout(resolve, 300))
    await provider.rollback('green', 'test: back to v1', signal)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const report = await load.stop()

    status = await provider.status(signal)
    expect(status).toMatchObject({ active: 'green', activeVersion: 'v1', weights: { blue: 0, green: 100 } })
    expect(status.history[0]).toMatchObject({ version: 'v2', color: 'blue', outcome: 'rolled-back', reason: 'test: back to v1' })
    expect(report.versions.v1).toBeGreaterThan(0)
    expect(report.versions.v2).toBeGreaterThan(0)
    expect(report.sent).toBeGreaterThan(100)
    // What a user sees: zero. The strict count (before the retry-once rule) is reported by bench/.
    expect(report).toMatchObject({ failures: 0 })
    expect(report.strictFailures - report.retriedOk).toBe(0)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
    // The rolled-back color is stopped after the drain.
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${target.ports.blue}/health`).catch(() => undefined)) === undefined, 10_000)
  })

  it('a green that fails to start leaves blue serving and untouched', async () => {
    const upstreamBefore = readFileSync(target.nginx.upstreamFile, 'utf8')
    const statusBefore = await provider.status(signal)
    const load = startLoad({ url: target.url, rps: 100 })
    await expect(provider.prepare(appRelease('v2', { FAIL_START: '1' }), signal)).rejects.toThrow(/blue exited while starting.*refusing to start/)
    await provider.rollback('green', 'blue did not start', signal)
    const report = await load.stop()
    expect(readFileSync(target.nginx.upstreamFile, 'utf8')).toBe(upstreamBefore)
    expect(report).toMatchObject({ failures: 0, strictFailures: 0 })
    expect(report.versions).toEqual({ v1: report.ok })
    const status = await provider.status(signal)
    expect(status).toMatchObject({ active: 'green', activeVersion: 'v1', weights: statusBefore.weights })
    expect(status.history.map((r) => [r.version, r.outcome, r.reason])).toEqual([
      ['v2', 'rolled-back', 'blue did not start'],
      ['v1', 'promoted', undefined]
    ])
    // Rolling back again changes nothing and records nothing.
    await provider.rollback('green', 'again', signal)
    expect((await provider.status(signal)).history).toHaveLength(2)
  })

  it('a green that never becomes healthy is stopped at start-timeout; blue untouched', async () => {
    await provider.close()
    provider = await target.provider({ 'start-timeout': '2s' })
    const upstreamBefore = readFileSync(target.nginx.upstreamFile, 'utf8')
    await expect(provider.prepare(appRelease('v2', { HEALTH: 'fail' }), signal)).rejects.toThrow(/blue did not become healthy within 2 s \(start-timeout\)/)
    expect(readFileSync(target.nginx.upstreamFile, 'utf8')).toBe(upstreamBefore)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${target.ports.blue}/health`).catch(() => undefined)) === undefined, 10_000)
  })

  it('refuses to start green on a port something else already answers on', async () => {
    const stray = createServer((_req, res) => res.end('stray')).listen(target.ports.blue, '127.0.0.1')
    await new Promise((resolve) => stray.once('listening', resolve))
    try {
      await expect(provider.prepare(appRelease('v2'), signal)).rejects.toThrow(`port ${target.ports.blue} (blue) is already taken by a process this deploy did not start`)
      expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
    } finally {
      stray.close()
    }
  })

  it('keeps the previous color for keep-previous, then stops it and stops offering it for rollback', async () => {
    const prepared = await provider.prepare(appRelease('v2'), signal)
    await provider.shift(prepared.color, 100, signal)
    await provider.promote(prepared.color, 'v2', 1500, signal)
    expect((await provider.status(signal)).previousVersion).toBe('v1')
    expect((await httpGet(`http://127.0.0.1:${target.ports.green}/health`)).status).toBe(200)
    await waitFor(async () => (await httpGet(`http://127.0.0.1:${target.ports.green}/health`).catch(() => undefined)) === undefined, 15_000)
    expect((await provider.status(signal)).previousVersion).toBeUndefined()
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v2')
  })

  it('a green that crashes while starting is reported with its output', async () => {
    await expect(provider.prepare(appRelease('v2', { CRASH_AFTER_MS: '50', START_DELAY_MS: '5000' }), signal)).rejects.toThrow(/exited while starting.*crashing/)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
  })
})
