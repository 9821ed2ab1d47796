import { describe, expect, it, jest } from '@jest/globals'
import { abortOnSignals } from '../../../actions/migrate/src/cancellation.js'

const logger = () => ({ info: jest.fn(), warning: jest.fn(), debug: jest.fn() })

describe('abortOnSignals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('on %s aborts the database once, then exits 1', async (signal) => {
    const abort = jest.fn(() => Promise.resolve())
    const exit = jest.fn()
    const log = logger()
    const stop = abortOnSignals(abort, log, exit)
    try {
      process.emit(signal, signal)
      process.emit(signal, signal) // SIGINT then SIGTERM from the runner: one abort
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
    const stop = abortOnSignals(() => Promise.reject(new Error('server gone')), log, exit)
    try {
      process.emit('SIGTERM', 'SIGTERM')
      await new Promise((r) => setImmediate(r))
      expect(exit).toHaveBeenCalledWith(1)
      expect(log.debug).toHaveBeenCalledWith('abort: server gone')
    } finally {
      stop()
    }
  })

  it('removes its handlers when the run is over', () => {
    const before = process.listenerCount('SIGINT')
    const stop = abortOnSignals(() => Promise.resolve(), logger(), jest.fn())
    expect(process.listenerCount('SIGINT')).toBe(before + 1)
    stop()
    expect(process.listenerCount('SIGINT')).toBe(before)
  })
})
