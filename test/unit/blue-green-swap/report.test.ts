import { describe, expect, test } from '@jest/globals'
import { phaseTimings, stepOutputs, summaryMarkdown } from '../../../actions/blue-green-swap/src/report.js'
import type { SwapResult } from '../../../actions/blue-green-swap/src/result.js'

const rolledBack: SwapResult = {
  mode: 'deploy',
  outcome: 'rolled-back',
  activeColor: 'blue',
  activeVersion: 'v1',
  url: 'https://shop.example.com/',
  rolledBack: true,
  reason: 'analysis failed at 50%: nginx-log (200 requests, 11 errors (5.5%), p95 12 ms: error rate over 1%)',
  phases: [
    { phase: 'lock', startMs: 0, durationMs: 12 },
    { phase: 'prepare', startMs: 12, durationMs: 2100 },
    { phase: 'verify', startMs: 2112, durationMs: 80 },
    { phase: 'shift 10%', startMs: 2192, durationMs: 95 },
    { phase: 'bake 10%', startMs: 2287, durationMs: 30000 },
    { phase: 'shift 50%', startMs: 32287, durationMs: 105 },
    { phase: 'bake 50%', startMs: 32392, durationMs: 30000 },
    { phase: 'rollback', startMs: 62392, durationMs: 310 }
  ],
  steps: [
    {
      step: 1,
      weight: 10,
      shiftMs: 95,
      verdict: 'pass',
      figures: [{ source: 'nginx-log', name: 'nginx-log', verdict: 'pass', errorRate: 0, p95Ms: 11, requests: 40, detail: '40 requests, 0 errors (0%), p95 11 ms' }]
    },
    {
      step: 2,
      weight: 50,
      shiftMs: 105,
      verdict: 'fail',
      figures: [
        { source: 'nginx-log', name: 'nginx-log', verdict: 'fail', errorRate: 0.055, p95Ms: 12, requests: 200, detail: '200 requests, 11 errors (5.5%), p95 12 ms: error rate over 1%' }
      ]
    }
  ],
  greenCheck: { passed: true, detail: '3 of 3 checks passed on green' },
  status: {
    active: 'blue',
    activeVersion: 'v1',
    weights: { blue: 100, green: 0 },
    history: [{ version: 'v2', color: 'green', at: '2026-11-29T10:00:00.000Z', outcome: 'rolled-back', reason: 'analysis failed | at 50%' }]
  },
  failed: true
}

describe('outputs', () => {
  test('every output, phases summed across steps', () => {
    expect(stepOutputs(rolledBack)).toEqual({
      outcome: 'rolled-back',
      'active-color': 'blue',
      'previous-color': '',
      'active-version': 'v1',
      'previous-version': '',
      url: 'https://shop.example.com/',
      'rolled-back': 'true',
      reason: rolledBack.reason,
      'phase-timings': '{"lock":12,"prepare":2100,"verify":80,"shift":200,"bake":60000,"rollback":310}'
    })
    expect(phaseTimings({ ...rolledBack, phases: [] })).toEqual({})
  })
})

describe('job summary', () => {
  const markdown = summaryMarkdown(rolledBack)
  test('headline, reason and the direct check', () => {
    expect(markdown).toContain('## blue-green-swap (deploy): ↩️ rolled back — v1 live on blue')
    expect(markdown).toContain('**Direct check of the new color:** passed — 3 of 3 checks passed on green')
  })
  test('a timeline of phases and the weight and figures of each step', () => {
    expect(markdown).toContain('| bake 50% | +32.4 s | 30.0 s |')
    expect(markdown).toContain('| 2 | 50% | 105 ms | fail | nginx-log: fail — 200 requests, 11 errors (5.5%), p95 12 ms: error rate over 1% |')
  })
  test('mermaid charts of error rate and p95 per step', () => {
    expect(markdown).toContain('x-axis ["step 1 (10%)", "step 2 (50%)"]')
    expect(markdown).toContain('bar [0, 6]')
    expect(markdown).toContain('bar [11, 12]')
  })
  test('history cells are escaped', () => expect(markdown).toContain('analysis failed \\| at 50%'))
  test('no chart without figures', () => expect(summaryMarkdown({ ...rolledBack, steps: [{ step: 1, weight: 100, shiftMs: 90, figures: [] }] })).not.toContain('mermaid'))
})
