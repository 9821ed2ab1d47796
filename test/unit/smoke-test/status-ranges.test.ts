import { describe, expect, test } from '@jest/globals'
import { describeStatusRanges, parseStatusRanges, statusAllowed } from '../../../actions/smoke-test/src/status-ranges.js'

describe('parseStatusRanges', () => {
  test.each([
    ['200', [[200, 200]]],
    [200, [[200, 200]]],
    [
      '200-299,304',
      [
        [200, 299],
        [304, 304]
      ]
    ],
    [
      '200 - 204, 301',
      [
        [200, 204],
        [301, 301]
      ]
    ],
    [
      '2xx 3XX',
      [
        [200, 299],
        [300, 399]
      ]
    ],
    [
      [200, 204],
      [
        [200, 200],
        [204, 204]
      ]
    ],
    [
      '401\n403',
      [
        [401, 401],
        [403, 403]
      ]
    ]
  ])('%j → %j', (raw, ranges) => {
    expect(parseStatusRanges(raw)).toEqual({ ranges })
  })

  test.each([
    ['abc', 'has "abc", which is not a status, a range or a class'],
    ['200-abc', 'has "200-abc", which is not a status, a range or a class'],
    ['99', 'has "99", which is not a status, a range or a class'],
    ['600', 'has "600", which is not a status, a range or a class'],
    ['299-200', 'has "299-200", which is not a status, a range or a class'],
    ['6xx', 'has "6xx", which is not a status, a range or a class'],
    ['', 'is empty'],
    [{ status: 200 }, 'is {"status":200}, which is not a status list'],
    [true, 'is true, which is not a status list']
  ])('%j is rejected: %s', (raw, problem) => {
    expect(parseStatusRanges(raw)).toEqual({ problem })
  })
})

describe('statusAllowed and describeStatusRanges', () => {
  const ranges = [
    [200, 299],
    [304, 304]
  ] as const
  test.each([
    [200, true],
    [299, true],
    [304, true],
    [300, false],
    [500, false]
  ])('%i allowed: %s', (status, allowed) => {
    expect(statusAllowed(ranges, status)).toBe(allowed)
  })
  test.each([
    [[[200, 299]], '2xx'],
    [
      [
        [200, 204],
        [304, 304]
      ],
      '200-204, 304'
    ],
    [[[201, 201]], '201']
  ] as const)('%j reads %s', (value, text) => {
    expect(describeStatusRanges(value)).toBe(text)
  })
})
