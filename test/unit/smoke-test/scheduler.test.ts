import { describe, expect, test } from '@jest/globals'
import { findCycle } from '../../../actions/smoke-test/src/plan.js'
import { runGraph } from '../../../actions/smoke-test/src/scheduler.js'

type Result = { name: string; ok: boolean; skippedFor?: string }

/** Runs fake tasks that take `ms` each; records the order they start and the peak concurrency. */
async function simulate(names: string[], dependsOn: Record<string, string[]>, concurrency: number, fail: string[] = [], ms = 5) {
  const started: string[] = []
  let running = 0
  let peak = 0
  const results = await runGraph<Result>({
    names,
    dependsOn,
    concurrency,
    run: async (name) => {
      started.push(name)
      running++
      peak = Math.max(peak, running)
      await new Promise((resolve) => setTimeout(resolve, ms))
      running--
      return { name, ok: !fail.includes(name) }
    },
    succeeded: (r) => r.ok,
    skipped: (name, failed) => ({ name, ok: false, skippedFor: failed })
  })
  return { started, peak, results: Object.fromEntries([...results].map(([k, v]) => [k, v.skippedFor ? `skipped for ${v.skippedFor}` : v.ok ? 'passed' : 'failed'])) }
}

describe('runGraph', () => {
  test.each<[string, string[], Record<string, string[]>, number, string[], { peak: number; results: Record<string, string> }]>([
    ['independent checks run up to the limit', ['a', 'b', 'c', 'd', 'e'], {}, 2, [], { peak: 2, results: { a: 'passed', b: 'passed', c: 'passed', d: 'passed', e: 'passed' } }],
    ['all at once when the limit allows', ['a', 'b', 'c'], {}, 10, [], { peak: 3, results: { a: 'passed', b: 'passed', c: 'passed' } }],
    ['a chain runs one at a time', ['login', 'me', 'todos'], { me: ['login'], todos: ['me'] }, 5, [], { peak: 1, results: { login: 'passed', me: 'passed', todos: 'passed' } }],
    [
      'a failed dependency skips its dependants, transitively',
      ['login', 'me', 'todos', 'health'],
      { me: ['login'], todos: ['me'] },
      5,
      ['login'],
      { peak: 2, results: { login: 'failed', me: 'skipped for login', todos: 'skipped for me', health: 'passed' } }
    ],
    ['a check with two dependencies waits for both', ['a', 'b', 'c'], { c: ['a', 'b'] }, 1, ['b'], { peak: 1, results: { a: 'passed', b: 'failed', c: 'skipped for b' } }]
  ])('%s', async (_name, names, deps, concurrency, fail, expected) => {
    const run = await simulate(names, deps, concurrency, fail)
    expect({ peak: run.peak, results: run.results }).toEqual(expected)
  })

  test('a dependant starts after what it needs; whatever is ready starts in file order', async () => {
    const run = await simulate(['me', 'health', 'login', 'version'], { me: ['login'] }, 1)
    expect(run.started).toEqual(['health', 'login', 'me', 'version'])
  })

  test('an unexpected rejection of a task is not swallowed', async () => {
    await expect(runGraph({ names: ['a'], dependsOn: {}, concurrency: 1, run: () => Promise.reject(new Error('boom')), succeeded: () => true, skipped: () => 0 })).rejects.toThrow('boom')
  })
})

describe('findCycle', () => {
  test.each<[Record<string, string[]>, string[] | undefined]>([
    [{ a: [], b: ['a'], c: ['b'] }, undefined],
    [{ a: ['b'], b: ['a'] }, ['a', 'b', 'a']],
    [{ a: ['b'], b: ['c'], c: ['b'] }, ['b', 'c', 'b']],
    [{ a: ['a'] }, ['a', 'a']]
  ])('%j → %j', (deps, cycle) => {
    expect(findCycle(Object.keys(deps), deps)).toEqual(cycle)
  })
})
