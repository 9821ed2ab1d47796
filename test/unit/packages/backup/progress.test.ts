import { describe, expect, it, jest } from '@jest/globals'
import { progressLine, startProgress } from '../../../../packages/backup/progress.js'

describe('progress lines', () => {
  it.each([
    ['dumped', 0, 0, '', 'dumped: 0 B in 0 s (0 B/s)'],
    ['dumped', 512 * 1024 * 1024, 10_000, '120.0 MiB stored', 'dumped: 512.0 MiB in 10 s (51.2 MiB/s), 120.0 MiB stored'],
    ['verify', 3 * 1024 ** 3, 60_000, 'of 3.0 GiB', 'verify: 3.0 GiB in 60 s (51.2 MiB/s), of 3.0 GiB']
  ])('%s %i bytes after %i ms', (label, bytes, ms, extra, line) => expect(progressLine(label, bytes, ms, extra)).toBe(line))

  it('logs at each interval until stopped', () => {
    jest.useFakeTimers()
    const lines: string[] = []
    let clock = 0
    const progress = startProgress(
      { info: (m) => lines.push(m), warning: () => undefined, debug: () => undefined },
      1000,
      (elapsed) => `at ${elapsed}`,
      () => clock
    )
    clock = 1000
    jest.advanceTimersByTime(1000)
    clock = 2000
    jest.advanceTimersByTime(1000)
    progress.stop()
    jest.advanceTimersByTime(5000)
    expect(lines).toEqual(['at 1000', 'at 2000'])
    jest.useRealTimers()
  })
})
