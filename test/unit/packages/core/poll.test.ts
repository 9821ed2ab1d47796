import { describe, expect, it } from '@jest/globals'
import { poll, waitUntil, WaitTimeoutError, type PollResult } from '../../../../packages/core/poll.js'

describe('waitUntil', () => {
  it('prefers a Retry-After hint, doubles the interval up to the cap, and returns the value', async () => {
    let t = 0
    const sleeps: number[] = []
    const answers: PollResult<string>[] = [
      { done: false, status: 'a' },
      { done: false, status: 'b', retryAfterMs: 250 },
      { done: false, status: 'c' },
      { done: false, status: 'd' },
      { done: true, value: 'ok' }
    ]
    const value = await waitUntil({
      what: 'thing',
      timeoutMs: 60_000,
      intervalMs: 1_000,
      maxIntervalMs: 3_000,
      check: async () => answers.shift()!,
      onProgress: () => {},
      sleep: async (ms) => {
        sleeps.push(ms)
        t += ms
      },
      now: () => t
    })
    expect(value).toBe('ok')
    expect(sleeps).toEqual([1_000, 250, 3_000, 3_000])
  })
})
describe('poll (the loop under retry and waitUntil)', () => {
  it('runs steps until one is done, sleeping the delay each asks for', async () => {
    const sleeps: number[] = []
    const value = await poll(async (n) => (n < 3 ? { done: false, delayMs: n * 100 } : { done: true, value: `step ${n}` }), {
      sleep: async (ms) => void sleeps.push(ms),
      cancelled: () => new Error('cancelled')
    })
    expect(value).toBe('step 3')
    expect(sleeps).toEqual([100, 200])
  })

  it('stops sleeping and throws the cancellation error as soon as the signal fires', async () => {
    const controller = new AbortController()
    let steps = 0
    const never = () => new Promise<void>(() => {})
    const running = poll(
      async () => {
        steps++
        setImmediate(() => controller.abort())
        return { done: false, delayMs: 60_000 }
      },
      { sleep: never, signal: controller.signal, cancelled: () => new Error('waiting for thing was cancelled') }
    )
    await expect(running).rejects.toThrow('waiting for thing was cancelled')
    expect(steps).toBe(1)
  })

  it('waitUntil gives up at its deadline with the last status', async () => {
    let t = 0
    await expect(
      waitUntil({
        what: 'thing',
        timeoutMs: 2_500,
        intervalMs: 1_000,
        maxIntervalMs: 1_000,
        check: async (): Promise<PollResult<never>> => ({ done: false, status: 'busy', percent: 7 }),
        onProgress: () => {},
        sleep: async (ms) => void (t += ms),
        now: () => t
      })
    ).rejects.toEqual(expect.objectContaining({ name: 'WaitTimeoutError', lastStatus: 'busy', lastPercent: 7 }))
    expect(WaitTimeoutError.name).toBe('WaitTimeoutError')
  })
})
