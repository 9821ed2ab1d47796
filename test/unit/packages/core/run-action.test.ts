import { afterEach, describe, expect, it, jest } from '@jest/globals'
import * as actionsCore from '../../../support/fakes/actions-core.js'

jest.unstable_mockModule('@actions/core', () => actionsCore)
const { runAction } = await import('../../../../packages/core/run-action.js')
const { InputError } = await import('../../../../packages/core/input-error.js')
const { maskSecret } = await import('../../../../packages/core/secrets.js')

afterEach(() => {
  actionsCore.reset()
  process.exitCode = undefined
})

const listeners = (): number => process.listenerCount('SIGINT') + process.listenerCount('SIGTERM')

describe('runAction: the one error boundary', () => {
  it('fails with an input error as it is, and anything else prefixed with the action, secrets redacted', async () => {
    await runAction('migrate', () => Promise.reject(new InputError('steps', 'is "x", which is not a number', 'a whole number')))
    maskSecret('hunter2-password')
    await runAction('migrate', () => Promise.reject(new Error('login failed for hunter2-password')))
    expect(actionsCore.setFailed.mock.calls).toEqual([['Input "steps" is "x", which is not a number; expected a whole number.'], ['migrate failed: login failed for ***']])
  })

  it('annotates an error that carries a file position instead of failing without one', async () => {
    const error = Object.assign(new Error('syntax error at or near "CREAT"'), { annotation: { file: 'db/002.sql', startLine: 4, startColumn: 1 } })
    await runAction('migrate', () => Promise.reject(error))
    expect(actionsCore.error).toHaveBeenCalledWith('migrate failed: syntax error at or near "CREAT"', { file: 'db/002.sql', startLine: 4, startColumn: 1 })
    expect(actionsCore.setFailed).not.toHaveBeenCalled()
    expect(process.exitCode).toBe(1)
  })

  it('turns the first SIGINT or SIGTERM into the abort signal, then leaves the next signal to the default (a kill)', async () => {
    const before = listeners()
    let sawAbort: unknown
    await runAction('db-backup', async ({ signal }) => {
      expect(listeners()).toBe(before + 2)
      process.emit('SIGINT', 'SIGINT')
      expect(listeners()).toBe(before)
      sawAbort = signal.reason
      await Promise.resolve()
    })
    expect(String(sawAbort)).toBe('Error: cancelled (SIGINT)')
    expect(listeners()).toBe(before)
  })

  it('runs main and records that a post step follows; on the second call runs only the post step', async () => {
    const calls: string[] = []
    const main = (): Promise<void> => Promise.resolve(void calls.push('main'))
    const post = (): Promise<void> => Promise.resolve(void calls.push('post'))
    await runAction('build-push', main, { post })
    expect(actionsCore.state).toEqual({ isPost: 'true' })
    await runAction('build-push', main, { post })
    expect(calls).toEqual(['main', 'post'])
  })

  it('saves no post state for an action without a post step', async () => {
    await runAction('smoke-test', () => Promise.resolve())
    expect(actionsCore.saveState).not.toHaveBeenCalled()
  })
})
