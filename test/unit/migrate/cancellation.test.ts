import { describe, expect, it, jest } from '@jest/globals'
import { abortOnCancel } from '../../../actions/migrate/src/cancellation.js'

const logger = () => ({ info: jest.fn(), warning: jest.fn(), debug: jest.fn() })
// runAction aborts its signal with this reason on the first SIGINT or SIGTERM.
const cancelled = (signal: string): AbortController => {
  const controller = new AbortController()
  controller.abort(new Error(`cancelled (${signal})`))
  return controller
}

describe('abortOnCancel', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('on %s aborts the database once, then exits 1', async (signal) => {
    const abort = jest.fn(() => Promise.resolve())
    const exit = jest.fn()
    const log = logger()
    const controller = new AbortController()
    const stop = abortOnCancel(controller.signal, abort, log, exit)
    try {
      controller.abort(new Error(`cancelled (${signal})`))
      controller.abort(new Error('cancelled (SIGTERM)')) // a second abort changes nothing
      await new Promise((r) => setImmediate(r))
      expect(abort).toHaveBeenCalledTimes(1)
      expect(exit).toHaveBeenCalledWith(1)
      expect(log.warning).toHaveBeenCalledWith(expect.stringContaining(`Received ${signal}: cancelling.`))
    } finally {
      stop()
    }
  })

  it('still exits when the abort fails', async () => {
    const exit = jest.fn()
    const log = logger()
    const controller = new AbortController()
    const stop = abortOnCancel(controller.signal, () => Promise.reject(new Error('server gone')), log, exit)
    try {
      controller.abort(new Error('cancelled (SIGTERM)'))
      await new Promise((r) => setImmediate(r))
      expect(exit).toHaveBeenCalledWith(1)
      expect(log.debug).toHaveBeenCalledWith('abort: server gone')
    } finally {
      stop()
    }
  })

  it('aborts at once when the run was cancelled before the database was opened', async () => {
    const abort = jest.fn(() => Promise.resolve())
    const exit = jest.fn()
    abortOnCancel(cancelled('SIGINT').signal, abort, logger(), exit)
    await new Promise((r) => setImmediate(r))
    expect(abort).toHaveBeenCalledTimes(1)
    expect(exit).toHaveBeenCalledWith(1)
  })

  it('stops listening when the run is over', async () => {
    const abort = jest.fn(() => Promise.resolve())
    const controller = new AbortController()
    const stop = abortOnCancel(controller.signal, abort, logger(), jest.fn())
    stop()
    controller.abort(new Error('cancelled (SIGINT)'))
    await new Promise((r) => setImmediate(r))
    expect(abort).not.toHaveBeenCalled()
  })
})
