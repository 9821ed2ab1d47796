import { describe, expect, test } from '@jest/globals'
import { silentLogger } from '../../../packages/core/log.js'
import type { AnalysisFigure, AnalysisSource, Verdict } from '../../../actions/blue-green-swap/src/analysis/types.js'
import { CancelledError, runSwap, type EngineDeps } from '../../../actions/blue-green-swap/src/engine.js'
import type { SwapPlan } from '../../../actions/blue-green-swap/src/plan.js'
import type { SwapResult } from '../../../actions/blue-green-swap/src/result.js'
import { FakeTrafficProvider, type FakeOptions } from './fake-provider.js'

const basePlan: SwapPlan = {
  mode: 'deploy',
  release: { version: 'v2', command: 'node server.mjs' },
  steps: [10, 50, 100],
  bakeMs: 1000,
  keepPreviousMs: 60_000,
  pauseAfter: [],
  failureLimit: 2,
  lockTimeoutMs: 50
}

/** An analysis source whose verdict at each step is scripted (the last entry repeats). */
function scripted(verdicts: Verdict[], when: 'during' | 'after' = 'after'): AnalysisSource & { windows: number[] } {
  const windows: number[] = []
  return {
    name: 'synthetic',
    when,
    windows,
    async run(window) {
      windows.push(window.weight)
      const verdict = verdicts[Math.min(windows.length - 1, verdicts.length - 1)]
      const figure: AnalysisFigure = { source: 'synthetic', name: 'synthetic', verdict, errorRate: verdict === 'fail' ? 0.2 : 0, p95Ms: 12, requests: 100, detail: `scripted ${verdict}` }
      return [figure]
    }
  }
}

interface Case {
  name: string
  plan?: Partial<SwapPlan>
  provider?: FakeOptions
  analysis?: Verdict[]
  greenPasses?: boolean
  outcome: SwapResult['outcome']
  failed: boolean
  calls: string[]
  active: string
  activeVersion: string
}

const run = async (c: Pick<Case, 'plan' | 'provider' | 'analysis' | 'greenPasses'>, extra: Partial<EngineDeps> = {}) => {
  const provider = new FakeTrafficProvider(c.provider)
  const analysis = c.analysis ? [scripted(c.analysis)] : []
  const result = await runSwap(
    { ...basePlan, ...c.plan },
    {
      provider,
      analysis,
      verifyGreen: async () => (c.greenPasses === false ? { passed: false, detail: '"health" (expected status 200, got 503)' } : { passed: true, detail: '3 checks passed' }),
      logger: silentLogger,
      owner: 'run 1',
      signal: new AbortController().signal,
      sleep: async () => {},
      ...extra
    }
  )
  return { provider, result, analysis }
}

const mutating = (calls: string[]) => calls.filter((c) => !c.startsWith('status') && !c.startsWith('lock') && !c.startsWith('unlock'))

describe('runSwap', () => {
  test.each<Case>([
    {
      name: 'all steps pass → promoted, blue kept for keep-previous',
      analysis: ['pass'],
      outcome: 'promoted',
      failed: false,
      calls: ['prepare v2', 'shift green 10', 'shift green 50', 'shift green 100', 'promote green v2 keep 60000', 'record promoted v2'],
      active: 'green',
      activeVersion: 'v2'
    },
    {
      name: 'green fails its direct checks → blue untouched (no shift), green stopped',
      greenPasses: false,
      outcome: 'rolled-back',
      failed: true,
      calls: ['prepare v2', 'rollback blue'],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'green does not start → rolled back before any shift',
      provider: { failOn: { prepare: 'exited with code 1' } },
      outcome: 'rolled-back',
      failed: true,
      calls: ['prepare v2', 'rollback blue'],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: "a step's analysis fails → rollback at once",
      analysis: ['pass', 'fail'],
      outcome: 'rolled-back',
      failed: true,
      calls: ['prepare v2', 'shift green 10', 'shift green 50', 'rollback blue'],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'failure-limit consecutive inconclusive analyses → rollback',
      analysis: ['inconclusive'],
      outcome: 'rolled-back',
      failed: true,
      calls: ['prepare v2', 'shift green 10', 'shift green 50', 'rollback blue'],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'inconclusive then pass resets the count → promoted',
      analysis: ['inconclusive', 'pass', 'inconclusive'],
      outcome: 'promoted',
      failed: false,
      calls: ['prepare v2', 'shift green 10', 'shift green 50', 'shift green 100', 'promote green v2 keep 60000', 'record promoted v2'],
      active: 'green',
      activeVersion: 'v2'
    },
    {
      name: 'a shift that fails → rollback',
      provider: { failOn: { shift: 'nginx -t failed' } },
      outcome: 'rolled-back',
      failed: true,
      calls: ['prepare v2', 'shift green 10', 'rollback blue'],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'no weights → one switch to 100%',
      provider: { supportsWeights: false },
      outcome: 'promoted',
      failed: false,
      calls: ['prepare v2', 'shift green 100', 'promote green v2 keep 60000', 'record promoted v2'],
      active: 'green',
      activeVersion: 'v2'
    },
    {
      name: 'pause-after-step → paused, state saved',
      plan: { pauseAfter: [10] },
      outcome: 'paused',
      failed: false,
      calls: ['prepare v2', 'shift green 10', 'pause 10'],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'the version already live → a no-op that says so',
      provider: { activeVersion: 'v2' },
      outcome: 'unchanged',
      failed: false,
      calls: [],
      active: 'blue',
      activeVersion: 'v2'
    },
    {
      name: 'promote a paused deployment → remaining steps, promoted',
      plan: { mode: 'promote', release: undefined },
      provider: { paused: { color: 'green', version: 'v2', weight: 10, remainingSteps: [50, 100], at: '2026-11-29T09:00:00Z' }, weights: { blue: 90, green: 10 } },
      outcome: 'promoted',
      failed: false,
      calls: ['unpause', 'shift green 50', 'shift green 100', 'promote green v2 keep 60000', 'record promoted v2'],
      active: 'green',
      activeVersion: 'v2'
    },
    {
      name: 'promote with nothing paused → no-op',
      plan: { mode: 'promote', release: undefined },
      outcome: 'unchanged',
      failed: false,
      calls: [],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'abort a paused deployment → traffic back on blue',
      plan: { mode: 'abort', release: undefined },
      provider: { paused: { color: 'green', version: 'v2', weight: 10, remainingSteps: [50, 100], at: '2026-11-29T09:00:00Z' }, weights: { blue: 90, green: 10 } },
      outcome: 'aborted',
      failed: false,
      calls: ['rollback blue'],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'rollback after a promotion → back to the kept previous version',
      plan: { mode: 'rollback', release: undefined },
      provider: { active: 'green', activeVersion: 'v2', previousVersion: 'v1' },
      outcome: 'rolled-back',
      failed: false,
      calls: ['rollback blue'],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'rollback with no previous version kept → fails, nothing changed',
      plan: { mode: 'rollback', release: undefined },
      outcome: 'unchanged',
      failed: true,
      calls: [],
      active: 'blue',
      activeVersion: 'v1'
    },
    {
      name: 'status → only reads',
      plan: { mode: 'status', release: undefined },
      outcome: 'status',
      failed: false,
      calls: [],
      active: 'blue',
      activeVersion: 'v1'
    }
  ])('$name', async (c) => {
    const { provider, result } = await run(c)
    expect(result.outcome).toBe(c.outcome)
    expect(result.failed).toBe(c.failed)
    expect(mutating(provider.calls)).toEqual(c.calls)
    expect(result.activeColor).toBe(c.active)
    expect(result.activeVersion).toBe(c.activeVersion)
    expect(provider.state.active).toBe(c.active)
    expect(provider.state.weights[c.active as 'blue' | 'green']).toBe(c.outcome === 'paused' ? 90 : 100)
    if (c.plan?.mode !== 'status') expect(provider.calls.filter((call) => call.startsWith('unlock'))).toHaveLength(1)
  })

  test('the failed run keeps each step’s figures and the reason names the failing source', async () => {
    const { result } = await run({ analysis: ['pass', 'fail'] })
    expect(result.steps.map((s) => [s.weight, s.verdict])).toEqual([
      [10, 'pass'],
      [50, 'fail']
    ])
    expect(result.reason).toMatch(/^analysis failed at 50%: synthetic \(scripted fail\)/)
    expect(result.rolledBack).toBe(true)
  })

  test('a rerun of the same deploy after it was promoted is a no-op', async () => {
    const provider = new FakeTrafficProvider()
    const deps = {
      provider,
      analysis: [],
      verifyGreen: async () => ({ passed: true, detail: 'ok' }),
      logger: silentLogger,
      owner: 'run',
      signal: new AbortController().signal,
      sleep: async () => {}
    }
    const first = await runSwap(basePlan, deps)
    const callsAfterFirst = mutating(provider.calls).length
    const second = await runSwap(basePlan, deps)
    expect(first.outcome).toBe('promoted')
    expect(second.outcome).toBe('unchanged')
    expect(second.reason).toBe('v2 is already live on green with 100% of traffic; nothing to do')
    expect(mutating(provider.calls)).toHaveLength(callsAfterFirst)
  })

  test('deploying while a deployment is paused is refused, naming both ways out', async () => {
    const paused = { color: 'green' as const, version: 'v2', weight: 10, remainingSteps: [100], at: '2026-11-29T09:00:00Z' }
    await expect(run({ provider: { paused, weights: { blue: 90, green: 10 } } })).rejects.toThrow('v2 is paused at 10% on green; continue it with mode: promote or end it with mode: abort')
  })

  test('two swaps on one target: the second waits for the lock, then finds the version live', async () => {
    const shared = { waiters: [] }
    const a = new FakeTrafficProvider({}, shared)
    const deps = (provider: FakeTrafficProvider, owner: string) => ({
      provider,
      analysis: [],
      verifyGreen: async () => ({ passed: true, detail: 'ok' }),
      logger: silentLogger,
      owner,
      signal: new AbortController().signal,
      sleep: () => new Promise<void>((resolve) => setTimeout(resolve, 5))
    })
    // Both runs see the same state: the second provider reads what the first wrote.
    const b = new FakeTrafficProvider({}, shared)
    const originalStatus = b.status.bind(b)
    b.status = async () => {
      b.state = structuredClone(a.state)
      return originalStatus()
    }
    const [first, second] = await Promise.all([runSwap({ ...basePlan, lockTimeoutMs: 5000 }, deps(a, 'run A')), runSwap({ ...basePlan, lockTimeoutMs: 5000 }, deps(b, 'run B'))])
    expect(first.outcome).toBe('promoted')
    expect(second.outcome).toBe('unchanged')
    expect(a.state.active).toBe('green')
  })

  test('lock contention past lock-timeout fails naming the holder, changing nothing', async () => {
    const shared = { holder: 'octo-org/shop run 41', waiters: [] }
    const provider = new FakeTrafficProvider({}, shared)
    await expect(
      runSwap(basePlan, { provider, analysis: [], verifyGreen: async () => ({ passed: true, detail: 'ok' }), logger: silentLogger, owner: 'run 42', signal: new AbortController().signal })
    ).rejects.toThrow('the deploy lock is held by octo-org/shop run 41')
    expect(mutating(provider.calls)).toEqual([])
  })

  test.each([10, 50, 100])('a job cancelled mid-shift at %i%% returns traffic to blue before it ends', async (cancelAt) => {
    const controller = new AbortController()
    const provider = new FakeTrafficProvider()
    provider.onShift = (_color, percent) => {
      if (percent === cancelAt) controller.abort(new Error('cancelled (SIGINT)'))
    }
    const error = await runSwap(basePlan, {
      provider,
      analysis: [],
      verifyGreen: async () => ({ passed: true, detail: 'ok' }),
      logger: silentLogger,
      owner: 'run',
      signal: controller.signal,
      sleep: async () => {}
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CancelledError)
    expect((error as Error).message).toBe('cancelled: traffic is back on blue')
    expect(mutating(provider.calls).at(-1)).toBe('rollback blue')
    expect(provider.state.weights).toEqual({ blue: 100, green: 0 })
    expect(provider.state.active).toBe('blue')
    expect(provider.calls.at(-1)).toBe('unlock run')
  })

  test('a job cancelled during a bake returns traffic to blue', async () => {
    const controller = new AbortController()
    const provider = new FakeTrafficProvider()
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason as unknown))
        controller.abort(new Error('cancelled (SIGTERM)'))
      })
    await expect(
      runSwap(basePlan, { provider, analysis: [], verifyGreen: async () => ({ passed: true, detail: 'ok' }), logger: silentLogger, owner: 'run', signal: controller.signal, sleep })
    ).rejects.toThrow(CancelledError)
    expect(mutating(provider.calls)).toEqual(['prepare v2', 'shift green 10', 'rollback blue'])
  })

  test('during sources run alongside the bake and after sources once it ends, each step', async () => {
    const during = scripted(['pass'], 'during')
    const after = { ...scripted(['pass'], 'after'), name: 'prometheus' as const }
    const provider = new FakeTrafficProvider()
    const result = await runSwap(basePlan, {
      provider,
      analysis: [during, after],
      verifyGreen: async () => ({ passed: true, detail: 'ok' }),
      logger: silentLogger,
      owner: 'run',
      signal: new AbortController().signal,
      sleep: async () => {}
    })
    expect(during.windows).toEqual([10, 50, 100])
    expect(after.windows).toEqual([10, 50, 100])
    expect(result.steps.map((s) => s.figures.length)).toEqual([2, 2, 2])
    expect(result.phases.map((p) => p.phase)).toEqual(['lock', 'prepare', 'verify', 'shift 10%', 'bake 10%', 'shift 50%', 'bake 50%', 'shift 100%', 'bake 100%', 'promote'])
  })

  test('a source that throws is inconclusive, not a crash', async () => {
    const broken: AnalysisSource = { name: 'prometheus', when: 'after', run: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9090')) }
    const provider = new FakeTrafficProvider()
    const result = await runSwap(
      { ...basePlan, failureLimit: 1 },
      {
        provider,
        analysis: [broken],
        verifyGreen: async () => ({ passed: true, detail: 'ok' }),
        logger: silentLogger,
        owner: 'run',
        signal: new AbortController().signal,
        sleep: async () => {}
      }
    )
    expect(result.outcome).toBe('rolled-back')
    expect(result.steps[0].figures[0]).toMatchObject({ verdict: 'inconclusive', detail: 'no figures: connect ECONNREFUSED 127.0.0.1:9090' })
    expect(result.reason).toBe('1 consecutive inconclusive analysis (failure-limit 1), last at 10%')
  })
})

describe('bake progress', () => {
  test('a long bake is waited out in slices that say how far it is', async () => {
    const lines: string[] = []
    const slept: number[] = []
    const provider = new FakeTrafficProvider()
    await runSwap(
      { ...basePlan, steps: [100], bakeMs: 40_000 },
      {
        provider,
        analysis: [],
        verifyGreen: async () => ({ passed: true, detail: 'ok' }),
        logger: { ...silentLogger, info: (line) => lines.push(line) },
        owner: 'run',
        signal: new AbortController().signal,
        sleep: async (ms) => void slept.push(ms)
      }
    )
    expect(slept).toEqual([15_000, 15_000, 10_000])
    expect(lines.filter((l) => l.includes('… baking'))).toEqual(['  … baking at 100%: 15.0 s of 40.0 s', '  … baking at 100%: 30.0 s of 40.0 s'])
  })
})
