import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { silentLogger } from '../../../packages/core/log.js'
import { closeHttpAgent } from '../../../packages/core/http.js'
import { prometheusSource } from '../../../actions/blue-green-swap/src/analysis/prometheus.js'
import { parseAnalysisQueries } from '../../../actions/blue-green-swap/src/analysis/queries.js'
import { startHostTarget, type HostTarget } from '../../support/host-target.js'
import { startLoad } from '../../support/load.js'
import { startPrometheus, type Prometheus } from '../../support/services/prometheus.js'
import { httpGet } from '../traffic-host/helpers.js'
import { deployInputs, swap } from './support.js'

// Real Prometheus (Debian's) scraping both colors of the versioned sample app, which counts its
// requests by status, color and version. The error-rate query is what Argo Rollouts and Flagger
// users write, with {{ color }} and {{ version }} filled in by the action.
const QUERIES = `- name: error-rate
  query: (sum(rate(app_requests_total{color="{{ color }}",version="{{ version }}",status="500"}[5s])) or vector(0)) / sum(rate(app_requests_total{color="{{ color }}",version="{{ version }}"}[5s]))
  threshold: "< 0.01"
`

describe('prometheus analysis against a real Prometheus', () => {
  let target: HostTarget
  let prometheus: Prometheus

  beforeAll(async () => {
    target = await startHostTarget()
    const first = await swap(target, deployInputs('v1'))
    expect(first.outputs.outcome).toBe('promoted')
    prometheus = await startPrometheus([`127.0.0.1:${target.ports.blue}`, `127.0.0.1:${target.ports.green}`])
  }, 60_000)

  afterAll(async () => {
    await prometheus?.stop()
    await target.stop()
    await closeHttpAgent()
  })

  const canary = (version: string, env: string) =>
    deployInputs(version, { env, steps: '50,100', bake: '5s', analysis: 'prometheus', 'prometheus-url': prometheus.url, 'analysis-queries': QUERIES })

  it('a green that returns 5% errors on real traffic is caught and rolled back', async () => {
    const load = startLoad({ url: target.url, rps: 120 })
    const result = await swap(target, canary('v2-flaky', 'ERROR_RATE=0.05'))
    const report = await load.stop()
    expect(result.exitCode).toBe(1)
    expect(result.outputs).toMatchObject({ outcome: 'rolled-back', 'active-version': 'v1' })
    expect(result.outputs.reason).toMatch(/^analysis failed at (50|100)%: error-rate \(0\.\d+ is not < 0\.01\)$/)
    // A new series needs two scrapes inside the rate window, so the first bake may not see the errors yet; the next one does, before promotion.
    expect(result.summary).toContain('error-rate: fail')
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
    // (A reset on a reused keep-alive connection at a reload is retried once, as clients do; see bench/ for the strict count.)
    expect(report.failures).toBe(report.errors['HTTP 500'] ?? 0)
  })

  it('a healthy green passes every step and is promoted', async () => {
    const load = startLoad({ url: target.url, rps: 120 })
    const result = await swap(target, canary('v3', 'ERROR_RATE=0'))
    const report = await load.stop()
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ outcome: 'promoted', 'active-version': 'v3' })
    expect(result.summary.match(/error-rate: pass — 0 < 0\.01/g)).toHaveLength(2)
    expect(report.failures).toBe(0)
  })

  it('a query Prometheus refuses is inconclusive with Prometheus’s own reason', async () => {
    await prometheus.waitForTargets()
    const [query] = parseAnalysisQueries('- name: typo\n  query: sum(rate(app_requests_total{color="{{ color }}"}[5x]))\n  threshold: "< 1"')
    const source = prometheusSource(prometheus.url, [query], silentLogger)
    const [figure] = await source.run({ step: 1, color: 'blue', version: 'v3', weight: 100, startMs: Date.now(), bakeMs: 0 }, new AbortController().signal)
    expect(figure.verdict).toBe('inconclusive')
    expect(figure.detail).toMatch(/^Prometheus refused the query: .*parse error/)
  })
})
