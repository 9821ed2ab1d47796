import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startHostTarget, type HostTarget } from '../../support/host-target.js'
import { startLoad } from '../../support/load.js'
import { httpGet } from '../traffic-host/helpers.js'
import { bundlePid, deployInputs, state, swap, upstream } from './support.js'

// The bundle as the runner runs it, `provider: host, host: local`, process runtime, a real nginx on
// loopback, and a steady load through nginx during every switch: zero failed requests (counted as
// browsers do: one retry on a fresh connection after a reset on a reused one).
describe('blue-green-swap through real nginx (host: local, process runtime)', () => {
  let target: HostTarget

  beforeAll(async () => {
    target = await startHostTarget()
    // The first deploy: nothing runs yet, so no load.
    const first = await swap(target, deployInputs('v1'))
    if (first.exitCode !== 0) console.log(first.stdout, first.stderr)
    expect([first.exitCode, first.outputs.outcome, first.outputs['active-version']]).toEqual([0, 'promoted', 'v1'])
  })

  afterAll(async () => {
    await target.stop()
  })

  it('a one-step swap under load: promoted, zero failed requests, outputs and summary', async () => {
    const load = startLoad({ url: target.url, rps: 100 })
    const result = await swap(target, deployInputs('v2', { 'keep-previous': '1m', env: 'API_TOKEN=s3cr3t-token-123\nLOG_LEVEL=info' }))
    await new Promise((resolve) => setTimeout(resolve, 300))
    const report = await load.stop()
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ outcome: 'promoted', 'active-version': 'v2', 'previous-version': 'v1', 'rolled-back': 'false', url: target.url })
    expect(result.outputs['active-color']).not.toBe(result.outputs['previous-color'])
    expect(Object.keys(JSON.parse(result.outputs['phase-timings']) as Record<string, number>)).toEqual(['lock', 'prepare', 'verify', 'shift', 'promote'])
    expect(result.summary).toContain('## blue-green-swap (deploy): ✅ promoted — v2 live on')
    expect(result.summary).toContain('### Timeline')
    // The new version's environment is masked the moment it is read, and appears nowhere else.
    expect(result.stdout).toContain('::add-mask::s3cr3t-token-123')
    expect(
      result.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n') +
        result.summary +
        JSON.stringify(result.outputs)
    ).not.toContain('s3cr3t-token-123')
    expect(report.failures).toBe(0)
    expect(report.versions.v1).toBeGreaterThan(0)
    expect(report.versions.v2).toBeGreaterThan(0)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v2')
  })

  it('running the same deploy again is a no-op that says so', async () => {
    const before = upstream(target)
    const result = await swap(target, deployInputs('v2'))
    expect(result.exitCode).toBe(0)
    expect(result.outputs.outcome).toBe('unchanged')
    expect(result.outputs.reason).toMatch(/^v2 is already live on (blue|green) with 100% of traffic; nothing to do$/)
    expect(upstream(target)).toBe(before)
  })

  it('a green that fails its direct checks leaves blue live and untouched', async () => {
    const before = upstream(target)
    const load = startLoad({ url: target.url, rps: 50 })
    const result = await swap(target, deployInputs('v3-broken', { env: 'ERROR_RATE=1', 'check-path': '/api/version' }))
    const report = await load.stop()
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ outcome: 'rolled-back', 'rolled-back': 'true', 'active-version': 'v2' })
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(/^blue-green-swap failed: (blue|green) failed its checks before getting traffic: /)
    expect(upstream(target)).toBe(before)
    expect(report.failures).toBe(0)
    expect(report.versions['v3-broken']).toBeUndefined()
  })

  it('a canary whose synthetic error rate is over the limit rolls back at the first step', async () => {
    const before = upstream(target)
    const result = await swap(
      target,
      deployInputs('v4-errors', {
        env: 'ERROR_RATE=0.5',
        steps: '50,100',
        bake: '2s',
        analysis: 'synthetic',
        'synthetic-path': '/api/version',
        'synthetic-rate': '50',
        'max-error-rate': '5%'
      })
    )
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ outcome: 'rolled-back', 'active-version': 'v2' })
    expect(result.outputs.reason).toMatch(/^analysis failed at 50%: synthetic \(\d+ requests, \d+ errors/)
    expect(result.summary).toContain('xychart-beta')
    expect(upstream(target)).toBe(before)
  })

  it('a green with 5% errors on real traffic only is caught by nginx-log and rolled back', async () => {
    const load = startLoad({ url: target.url, rps: 120 })
    const result = await swap(target, deployInputs('v5-flaky', { env: 'ERROR_RATE=0.05', steps: '50,100', bake: '4s', analysis: 'nginx-log', 'max-error-rate': '1%' }))
    const report = await load.stop()
    expect(result.exitCode).toBe(1)
    expect(result.outputs.reason).toMatch(/^analysis failed at 50%: nginx-log \(\d+ requests, \d+ errors .*error rate over 1%/)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v2')
    // The only failures users saw were green's own 500s: no request was lost to the switches.
    // (A reset on a reused keep-alive connection at a reload is retried once, as clients do; see bench/ for the strict count.)
    expect(report.failures).toBe(report.errors['HTTP 500'] ?? 0)
  })

  it('pause after the first step, then promote in a second run', async () => {
    const paused = await swap(target, deployInputs('v6', { steps: '25,100', 'pause-after-step': '25' }))
    expect(paused.exitCode).toBe(0)
    expect(paused.outputs.outcome).toBe('paused')
    expect(upstream(target)).toMatch(/weight=25;/)
    const status = await swap(target, { mode: 'status' })
    expect(status.summary).toContain('v6 paused at 25%')
    const load = startLoad({ url: target.url, rps: 80 })
    const promoted = await swap(target, { mode: 'promote' })
    const report = await load.stop()
    expect(promoted.exitCode).toBe(0)
    expect(promoted.outputs).toMatchObject({ outcome: 'promoted', 'active-version': 'v6', 'previous-version': 'v2' })
    expect(report.failures).toBe(0)
  })

  it('mode rollback returns all traffic to the previous version under load', async () => {
    const load = startLoad({ url: target.url, rps: 80 })
    const result = await swap(target, { mode: 'rollback' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const report = await load.stop()
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ outcome: 'rolled-back', 'active-version': 'v2' })
    expect(report.failures).toBe(0)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v2')
    const again = await swap(target, { mode: 'rollback' })
    expect(again.outputs.outcome).toBe('unchanged')
    expect(again.outputs.reason).toMatch(/^already rolled back: v2 is live/)
  })

  it('two swaps started together end in one consistent state', async () => {
    const [a, b] = await Promise.all([swap(target, deployInputs('v7')), swap(target, deployInputs('v7'))])
    expect([a.outputs.outcome, b.outputs.outcome].sort()).toEqual(['promoted', 'unchanged'])
    expect([a.exitCode, b.exitCode]).toEqual([0, 0])
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v7')
    expect((JSON.parse(state(target)) as { paused?: unknown }).paused).toBeUndefined()
  })

  it('a deploy that cannot get the lock within lock-timeout fails naming the holder, changing nothing', async () => {
    const provider = await target.provider()
    const lock = await provider.lock('octo-org/shop run 41 job deploy', 5000, new AbortController().signal)
    try {
      const before = { upstream: upstream(target), state: state(target) }
      const result = await swap(target, deployInputs('v9', { 'lock-timeout': '1s' }))
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toMatch(/^blue-green-swap failed: Another deploy holds the lock .*octo-org\/shop run 41 job deploy.*lock-timeout/)
      expect({ upstream: upstream(target), state: state(target) }).toEqual(before)
    } finally {
      await lock.release()
      await provider.close()
    }
  })

  it('a job cancelled mid-shift leaves blue serving', async () => {
    const before = upstream(target)
    const load = startLoad({ url: target.url, rps: 80 })
    let signalled = false
    const result = await swap(target, deployInputs('v8', { steps: '10,50,100', bake: '30s' }), {
      onStdout: (chunk) => {
        if (!signalled && chunk.includes('Step 1: 10%')) {
          signalled = true
          const pid = bundlePid()
          if (pid) process.kill(pid, 'SIGINT')
        }
      }
    })
    const report = await load.stop()
    expect(signalled).toBe(true)
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toBe('blue-green-swap failed: cancelled: traffic is back on ' + (before.includes(String(target.ports.blue)) ? 'blue' : 'green'))
    expect(result.outputs).toMatchObject({ outcome: 'rolled-back', 'active-version': 'v7' })
    expect(upstream(target).replace(/^#.*\n/, '')).toBe(before.replace(/^#.*\n/, ''))
    expect(report.failures).toBe(0)
    expect(report.versions.v7).toBeGreaterThan(0)
  })
})
