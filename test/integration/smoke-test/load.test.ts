import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { startSampleApp, type SampleApp } from '../../support/services/sample-app.js'
import { reports, requestCount } from './support.js'

describe('smoke-test load phase — runner contract against a sample app failing 30% of /api requests', () => {
  let app: SampleApp
  const runs: RunResult[] = []
  beforeAll(async () => {
    app = await startSampleApp({ errorRate: 0.3 })
  })
  afterAll(async () => {
    await app?.stop()
    await Promise.all(runs.map(cleanup))
  })

  const load = async (maxErrorRate: string): Promise<RunResult> => {
    const before = await requestCount(app.url)
    const result = await runAction({
      action: 'smoke-test',
      // /health is not subject to the injected errors, so the checks pass and the load phase runs.
      inputs: { url: `${app.url}/health`, 'load-duration': '2s', 'load-rate': '40', 'load-url': `${app.url}/api/version`, 'max-error-rate': maxErrorRate, 'max-p95': '2s' }
    })
    runs.push(result)
    // One check plus 80 load requests reached the server.
    expect((await requestCount(app.url)) - before).toBe(81)
    return result
  }

  it('passes when the error rate is within max-error-rate, reporting the rate and percentiles', async () => {
    const result = await load('90%')
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['load-requests']).toBe('80')
    const errorRate = Number(result.outputs['error-rate'])
    expect(errorRate).toBeGreaterThan(0.05)
    expect(errorRate).toBeLessThan(0.7)
    expect(result.outputs['load-p95-ms']).toMatch(/^\d+$/)
    expect(result.summary).toContain('### Load phase')
    expect(result.summary).toMatch(/\| 80 \| \d+\.\d\/s \| \d+ \| \d+(\.\d+)?% \| \d+ ms \| \d+ ms \| \d+ ms \| ✅ passed \|/)
    expect(result.summary).toMatch(/Errors: HTTP 500 × \d+/)
    const { json, junit } = await reports(result)
    expect(json.load).toMatchObject({ requests: 80, rate: 40, thresholds: { maxErrorRate: 0.9, maxP95Ms: 2000 }, failures: [] })
    expect(json.load.errorRate).toBeCloseTo(errorRate, 3)
    expect(Object.keys(json.load.latency)).toEqual(['count', 'min', 'mean', 'p50', 'p95', 'p99', 'max'])
    expect(junit).toContain('<testcase classname="smoke-test.load" name="load 40/s for 2 s" time="2.000"/>')
  })

  it('fails when the error rate is over max-error-rate, naming the rate and the limit', async () => {
    const result = await load('0.05')
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^smoke-test failed: load phase error rate \d+(\.\d+)?% \(\d+ of 80\) is over the 5% limit$/)])
    expect(result.outputs).toMatchObject({ passed: '1', failed: '0', 'load-requests': '80' })
    expect(result.summary).toMatch(/❌ error rate \d+(\.\d+)?% \(\d+ of 80\) is over the 5% limit/)
    const { junit } = await reports(result)
    expect(junit).toMatch(/<testcase classname="smoke-test.load" name="load 40\/s for 2 s" time="2.000">\n\s+<failure message="error rate/)
  })
})
