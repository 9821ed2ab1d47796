import { beforeEach, describe, expect, test } from '@jest/globals'
import type { Logger } from '../../../../../packages/core/log.js'
import { RedeployProvider } from '../../../../../packages/providers/traffic/redeploy-provider.js'
import type { Color, PreparedTarget, Release, TrafficStatus } from '../../../../../packages/providers/traffic/types.js'

// The shared single-switch scaffold on an in-memory platform: each test sets what the platform
// answers; the scaffold decides what is called and what is said.

interface Deployment {
  id: string
  version: string
}

class MemoryPlatform extends RedeployProvider<{ pollIntervalMs: number; deployTimeoutMs: number }, Deployment> {
  readonly name = 'memory'
  protected readonly words = { unit: 'deploy', none: 'no live deploy', serves: 'is live' }
  live: Deployment | undefined
  busyPolls = 0
  rollbacks: string[] = []
  failRollback?: Error

  publicUrl(): string {
    return 'https://memory.example/'
  }
  status(): Promise<TrafficStatus> {
    return Promise.reject(new Error('not used'))
  }
  prepare(release: Release): Promise<PreparedTarget> {
    this.colors.set('blue', 'd1')
    this.colors.set('green', 'd2')
    return Promise.resolve({ color: 'green', version: release.version, directUrl: this.publicUrl() })
  }
  promote(): Promise<void> {
    return Promise.resolve()
  }
  protected busy(): Promise<string | undefined> {
    return Promise.resolve(this.busyPolls-- > 0 ? 'deploy d9 build_in_progress' : undefined)
  }
  protected serving(): Promise<Deployment | undefined> {
    return Promise.resolve(this.live)
  }
  protected versionOf(deployment: Deployment): string {
    return deployment.version
  }
  protected async redeploy(color: Color, target: string): Promise<void> {
    this.rollbacks.push(target)
    if (this.failRollback) throw this.failRollback
    const started = { id: `${target}-again`, version: target === 'd1' ? 'v1' : 'v2' }
    this.colors.set(color, started.id)
    await this.wait(`deploy ${started.id} to go live`, this.config.deployTimeoutMs, new AbortController().signal, () => {
      this.live = started
      return Promise.resolve({ done: true, value: started })
    })
  }
}

const signal = new AbortController().signal
let lines: string[]
let sleeps: number[]
let platform: MemoryPlatform

beforeEach(async () => {
  lines = []
  sleeps = []
  const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`WARN ${m}`), debug: (m) => lines.push(`DEBUG ${m}`) }
  platform = new MemoryPlatform({ pollIntervalMs: 1000, deployTimeoutMs: 60_000 }, { logger, sleep: async (ms) => void sleeps.push(ms) })
  await platform.prepare({ version: 'v2' })
})

describe('single-switch scaffold (in-memory platform)', () => {
  test('no split: 0 or 100 only, nothing to pause, the platform keeps the record', async () => {
    expect(platform.supportsWeights).toBe(false)
    await expect(platform.shift('green', 50, signal)).rejects.toThrow('memory cannot split traffic (asked for 50% on green)')
    await expect(platform.savePaused({ color: 'green', version: 'v2', weight: 10, remainingSteps: [100], at: '' })).rejects.toThrow(
      'memory has no percentage split, so a deployment cannot be paused between steps'
    )
    await expect(platform.savePaused(undefined)).resolves.toBeUndefined()
    await platform.record({ version: 'v2', color: 'green', at: '', outcome: 'promoted' })
    expect(lines).toEqual(['DEBUG memory: promoted v2'])
  })

  test("the lock waits for the platform's own work, a progress line per poll at the poll interval", async () => {
    platform.busyPolls = 2
    const lock = await platform.lock('run 42', 60_000, signal)
    await lock.release()
    expect(sleeps).toEqual([1000, 2000])
    // The elapsed time in the progress line is the real clock's (the scaffold injects only sleep): not asserted.
    const progress = expect.stringMatching(/^ {2}… waiting for a deploy already under way on the service: deploy d9 build_in_progress \(\d+s\)$/)
    expect(lines).toEqual([progress, progress, 'DEBUG memory: no deploy under way; run 42 goes ahead'])
  })

  test('the color already live: no rollback call', async () => {
    platform.live = { id: 'd2', version: 'v2' }
    await platform.shift('green', 100, signal)
    expect(platform.rollbacks).toEqual([])
    expect(lines).toEqual(['memory: deploy d2 (v2) (green) is live'])
  })

  test("shift to 0% and rollback bring the other color back with the platform's rollback", async () => {
    platform.live = { id: 'd2', version: 'v2' }
    await platform.shift('green', 0, signal)
    expect(platform.rollbacks).toEqual(['d1'])
    expect(lines).toEqual(['memory: rolling back from deploy d2 (v2) to deploy d1 (blue)'])
    platform.live = { id: 'd2', version: 'v2' }
    await platform.rollback('blue', 'error rate', signal)
    expect(platform.rollbacks).toEqual(['d1', 'd1-again'])
  })

  test('a failed rollback says what the service serves now', async () => {
    platform.live = { id: 'd2', version: 'v2' }
    platform.failRollback = new Error('HTTP 500')
    await expect(platform.rollback('blue', 'error rate', signal)).rejects.toThrow('HTTP 500; the service serves deploy d2 (v2)')
    platform.live = undefined
    await expect(platform.rollback('blue', 'error rate', signal)).rejects.toThrow('HTTP 500; the service serves an unknown deploy')
  })

  test('a color with no known deploy is refused, saying what serves', async () => {
    const fresh = new MemoryPlatform({ pollIntervalMs: 1000, deployTimeoutMs: 60_000 }, { logger: { info: () => {}, warning: () => {}, debug: () => {} } })
    fresh.live = { id: 'd7', version: 'v7' }
    await expect(fresh.shift('green', 100, signal)).rejects.toThrow('no deploy is known for green; the service serves deploy d7 (v7)')
  })
})
