import { describe, expect, test } from '@jest/globals'
import { delayUntilNext, dueBy, formatPercent, loadPlan, loadVerdict, type LoadSample } from '../../../actions/smoke-test/src/pacing.js'
import { percentile, latencyStats } from '../../../packages/core/latency-stats.js'
import { budgetFailures, evaluateBudgets } from '../../../actions/smoke-test/src/budgets.js'

describe('loadPlan', () => {
  test.each([
    [30_000, 10, { total: 300, intervalMs: 100 }],
    [2000, 40, { total: 80, intervalMs: 25 }],
    [1000, 0.5, { total: 1, intervalMs: 2000 }],
    [10_000, 3, { total: 30, intervalMs: 1000 / 3 }],
    [1500, 1, { total: 1, intervalMs: 1000 }]
  ])('%i ms at %d/s → %j', (durationMs, rate, expected) => {
    expect(loadPlan(durationMs, rate)).toMatchObject(expected)
  })
})

describe('dueBy and delayUntilNext (request i is due at i × interval)', () => {
  const plan = loadPlan(1000, 10)
  test.each([
    [-5, 0],
    [0, 1],
    [99, 1],
    [100, 2],
    [950, 10],
    [5000, 10]
  ])('at %i ms, %i requests are due', (elapsed, due) => {
    expect(dueBy(plan, elapsed)).toBe(due)
  })
  test('thirds of a second do not drift through rounding', () => {
    const third = loadPlan(3000, 3)
    expect([0, 333, 334, 666, 667, 1000, 2999].map((t) => dueBy(third, t))).toEqual([1, 1, 2, 2, 3, 4, 9])
  })
  test.each([
    [1, 0, 100],
    [1, 40, 60],
    [3, 150, 150],
    [3, 400, 0],
    [10, 950, Number.POSITIVE_INFINITY]
  ])('after %i sent at %i ms, the next is due in %d ms', (sent, elapsed, delay) => {
    expect(delayUntilNext(plan, sent, elapsed)).toBe(delay)
  })
})

describe('loadVerdict', () => {
  const samples = (ok: number, errors: number, ms = 10): LoadSample[] => [
    ...Array.from({ length: ok }, (_, i) => ({ ok: true, durationMs: ms + i })),
    ...Array.from({ length: errors }, () => ({ ok: false, durationMs: 5, error: 'HTTP 500' }))
  ]
  test.each([
    ['no thresholds', samples(95, 5), {}, []],
    ['error rate within', samples(95, 5), { maxErrorRate: 0.05 }, []],
    ['error rate over', samples(90, 10), { maxErrorRate: 0.05 }, ['error rate 10% (10 of 100) is over the 5% limit']],
    ['p95 over', samples(100, 0, 100), { maxP95Ms: 150 }, ['p95 latency 194 ms is over the 150 ms limit']],
    ['p95 within', samples(100, 0, 10), { maxP95Ms: 150 }, []],
    ['zero tolerance', samples(99, 1), { maxErrorRate: 0 }, ['error rate 1% (1 of 100) is over the 0% limit']]
  ])('%s', (_name, list, thresholds, failures) => {
    expect(loadVerdict(list, 10_000, thresholds).failures).toEqual(failures)
  })
  test('counts, rate and the most common errors', () => {
    const list: LoadSample[] = [
      ...samples(6, 0),
      { ok: false, durationMs: 3, error: 'HTTP 500' },
      { ok: false, durationMs: 3, error: 'HTTP 500' },
      { ok: false, durationMs: 1000, error: 'ECONNRESET' },
      { ok: true, durationMs: 12 }
    ]
    const verdict = loadVerdict(list, 2000, {})
    expect(verdict).toMatchObject({
      requests: 10,
      errors: 3,
      errorRate: 0.3,
      achievedRate: 5,
      topErrors: [
        { reason: 'HTTP 500', count: 2 },
        { reason: 'ECONNRESET', count: 1 }
      ]
    })
    expect(verdict.latency?.count).toBe(10)
  })
  test.each([
    [0, '0%'],
    [0.001, '0.10%'],
    [0.0125, '1.3%'],
    [0.05, '5%'],
    [0.333, '33%'],
    [1, '100%']
  ])('formatPercent(%d) = %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text)
  })
})

describe('percentile (nearest rank) and latencyStats', () => {
  const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
  test.each([
    [ten, 50, 50],
    [ten, 95, 100],
    [ten, 90, 90],
    [ten, 10, 10],
    [ten, 0, 10],
    [ten, 100, 100],
    [[42], 95, 42],
    [[3, 1, 2], 50, 2],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95, 95],
    [Array.from({ length: 100 }, (_, i) => i + 1), 99, 99]
  ])('%j p%d = %d', (samples, p, value) => {
    expect(percentile(samples, p)).toBe(value)
  })
  test('no samples', () => {
    expect(percentile([], 50)).toBeNaN()
    expect(latencyStats([])).toBeUndefined()
  })
  test('stats of a sample', () => {
    expect(latencyStats([30, 10, 20, 40])).toEqual({ count: 4, min: 10, mean: 25, p50: 20, p95: 40, p99: 40, max: 40 })
  })
})

describe('evaluateBudgets', () => {
  const latencies = [10, 20, 30, 40, 500]
  test.each([
    [{}, [], []],
    [{ p50Ms: 30 }, [{ name: 'p50', budgetMs: 30, actualMs: 30, passed: true }], []],
    [
      { p50Ms: 25, p95Ms: 1000 },
      [
        { name: 'p50', budgetMs: 25, actualMs: 30, passed: false },
        { name: 'p95', budgetMs: 1000, actualMs: 500, passed: true }
      ],
      ['suite p50 latency 30 ms is over the 25 ms budget']
    ],
    [{ p95Ms: 200 }, [{ name: 'p95', budgetMs: 200, actualMs: 500, passed: false }], ['suite p95 latency 500 ms is over the 200 ms budget']]
  ])('%j', (budgets, results, failures) => {
    const verdict = evaluateBudgets(latencies, budgets)
    expect(verdict.results).toEqual(results)
    expect(budgetFailures(verdict.results)).toEqual(failures)
  })
  test('no latencies, no verdicts', () => {
    expect(evaluateBudgets([], { p95Ms: 1 })).toEqual({ stats: undefined, results: [] })
  })
})
