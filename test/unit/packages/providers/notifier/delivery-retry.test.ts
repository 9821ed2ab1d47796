import { jest, describe, expect, it } from '@jest/globals'
import { callWithPolicy } from '../../../../../packages/providers/notifier/delivery-retry.js'
import { DeliveryError } from '../../../../../packages/providers/notifier/types.js'

const logged: string[] = []
const logger = { info: (m: string) => void logged.push(m), warning: () => undefined, debug: () => undefined }
const deps = (attempts: number, timeoutMs = 1000) => ({ policy: { attempts, baseDelayMs: 100, timeoutMs }, logger, sleep: jest.fn(async (_ms: number) => undefined) })

describe('callWithPolicy: the one retry policy for SDK calls', () => {
  it('retries what the mapping calls retryable, waiting the Retry-After it names, and says so', async () => {
    logged.length = 0
    const d = deps(3)
    const operation = jest.fn<() => Promise<string>>().mockRejectedValueOnce(new Error('429')).mockResolvedValueOnce('ok')
    await expect(callWithPolicy('Slack chat.update', d, operation, () => ({ message: 'Slack chat.update was rate limited', retryable: true, retryAfterMs: 2000 }))).resolves.toBe('ok')
    expect(d.sleep.mock.calls).toEqual([[2000]])
    expect(logged).toEqual(['Slack chat.update was rate limited; retrying in 2.0 s (attempt 2 of 3)'])
  })

  it.each([
    [true, 3, 'GitHub x answered HTTP 502 (gave up after 3 attempts)', 3],
    [false, 3, 'GitHub x answered HTTP 502', 1],
    [true, 1, 'GitHub x answered HTTP 502', 1]
  ])('retryable %p with %i attempts → %p after %i calls', async (retryable, attempts, message, calls) => {
    const operation = jest.fn<() => Promise<string>>().mockRejectedValue(new Error('x'))
    const error = await callWithPolicy('GitHub x', deps(attempts), operation, () => ({ message: 'GitHub x answered HTTP 502', retryable })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeliveryError)
    expect((error as Error).message).toBe(message)
    expect(operation).toHaveBeenCalledTimes(calls)
  })

  it('an attempt that does not answer in time is aborted and retried', async () => {
    const operation = jest.fn((signal: AbortSignal) => new Promise<string>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))))
    const error = await callWithPolicy('SMTP', deps(2, 20), operation, () => ({ message: 'never used', retryable: false })).catch((e: unknown) => e)
    expect((error as Error).message).toBe('SMTP did not answer within 20 ms (gave up after 2 attempts)')
    expect(operation).toHaveBeenCalledTimes(2)
  })
})
