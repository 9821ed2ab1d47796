import { describe, expect, it, jest } from '@jest/globals'
import { AttemptTimeoutError, backoffDelay, retry } from '../../../../packages/core/retry.js'
import { parseRetryAfter } from '../../../../packages/core/retry-after.js'

const noSleep = () => Promise.resolve()

describe('backoffDelay (exponential with full jitter between half and all of the ceiling)', () => {
  it.each([
    [1, 0, 250],
    [1, 1, 500],
    [3, 0, 1000],
    [3, 1, 2000],
    [10, 1, 30_000],
    [10, 0, 15_000]
  ])('attempt %p, random %p → %p ms', (attempt, random, expected) => expect(backoffDelay(attempt, 500, 30_000, () => random)).toBe(expected))
})

describe('retry', () => {
  it('returns the first success and reports each retry', async () => {
    const op = jest.fn<(s: AbortSignal, n: number) => Promise<string>>()
    op.mockRejectedValueOnce(new Error('reset')).mockRejectedValueOnce(new Error('reset')).mockResolvedValue('ok')
    const retries: number[] = []
    const sleeps: number[] = []
    const result = await retry(op, {
      attempts: 5,
      baseDelayMs: 100,
      random: () => 1,
      sleep: async (ms) => void sleeps.push(ms),
      onRetry: ({ attempt }) => retries.push(attempt)
    })
    expect(result).toBe('ok')
    expect(op).toHaveBeenCalledTimes(3)
    expect(retries).toEqual([1, 2])
    expect(sleeps).toEqual([100, 200])
  })

  it('gives up after the last attempt with the last error', async () => {
    const op = jest.fn<() => Promise<never>>().mockRejectedValue(new Error('still down'))
    await expect(retry(op, { attempts: 3, sleep: noSleep })).rejects.toThrow('still down')
    expect(op).toHaveBeenCalledTimes(3)
  })

  it('does not retry errors that are not retryable', async () => {
    const op = jest.fn<() => Promise<never>>().mockRejectedValue(new Error('401'))
    await expect(retry(op, { attempts: 5, sleep: noSleep, isRetryable: () => false })).rejects.toThrow('401')
    expect(op).toHaveBeenCalledTimes(1)
  })

  it('waits what the server asked for (Retry-After) instead of its own backoff', async () => {
    const sleeps: number[] = []
    const throttled = Object.assign(new Error('429'), { retryAfterMs: 7000 })
    const op = jest.fn<() => Promise<string>>().mockRejectedValueOnce(throttled).mockResolvedValue('ok')
    await retry(op, { attempts: 2, baseDelayMs: 10, sleep: async (ms) => void sleeps.push(ms) })
    expect(sleeps).toEqual([7000])
  })

  it('aborts an attempt that outlives its timeout and tries again', async () => {
    let aborted = false
    const op = jest.fn((signal: AbortSignal, attempt: number) => {
      if (attempt === 1) {
        return new Promise<string>((_, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(signal.reason as unknown))))
      }
      return Promise.resolve('second')
    })
    const result = await retry(op, { attempts: 2, attemptTimeoutMs: 20, sleep: noSleep })
    expect(result).toBe('second')
    expect(aborted).toBe(true)
  })

  it('reports a timeout on the last attempt as AttemptTimeoutError', async () => {
    const op = () => new Promise<string>(() => {})
    await expect(retry(op, { attempts: 1, attemptTimeoutMs: 10 })).rejects.toBeInstanceOf(AttemptTimeoutError)
  })

  it('starts no attempt once the caller aborted', async () => {
    const controller = new AbortController()
    controller.abort(new Error('cancelled'))
    const op = jest.fn<() => Promise<string>>().mockResolvedValue('ok')
    await expect(retry(op, { attempts: 3, signal: controller.signal })).rejects.toThrow('cancelled')
    expect(op).not.toHaveBeenCalled()
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-22T10:00:00Z')
  it.each([
    ['3', 3000],
    ['0', 0],
    ['1.5', 1500],
    ['Sun, 22 Nov 2026 10:00:05 GMT', 5000],
    ['Sun, 22 Nov 2026 09:59:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
    [['2', '9'], 2000]
  ] as const)('%p → %p', (header, expected) => expect(parseRetryAfter(header as string | string[] | undefined, now)).toBe(expected))
})
