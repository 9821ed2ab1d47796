import { describe, expect, test } from '@jest/globals'
import { silentLogger } from '../../../packages/core/log.js'
import type { HttpRequest, HttpResponse } from '../../../packages/core/http.js'
import { InputError } from '../../../packages/core/input-error.js'
import type { AccessLogEntry } from '../../../packages/providers/traffic/types.js'
import { judgeAccessLog, nginxLogSource } from '../../../actions/blue-green-swap/src/analysis/nginx-log.js'
import { judgeQuery, queryValue } from '../../../actions/blue-green-swap/src/analysis/prometheus-mapping.js'
import { parseAnalysisQueries, queryProblem, renderQuery } from '../../../actions/blue-green-swap/src/analysis/queries.js'
import { retryOnceOnReset, syntheticSource } from '../../../actions/blue-green-swap/src/analysis/synthetic.js'
import { judgeTraffic, stepVerdict, type AnalysisWindow } from '../../../actions/blue-green-swap/src/analysis/types.js'
import { FakeTrafficProvider } from './fake-provider.js'

const window: AnalysisWindow = { step: 1, color: 'green', version: 'v2', weight: 10, startMs: 1_000_000, bakeMs: 10_000 }

describe('analysis-queries', () => {
  test('a list of name, query and threshold', () => {
    expect(
      parseAnalysisQueries('- name: errors\n  query: sum(rate(x{color="{{ color }}"}[1m]))\n  threshold: < 0.5\n- name: up\n  query: min(up{version="{{version}}"})\n  threshold: "> 0.99"\n')
    ).toEqual([
      { name: 'errors', query: 'sum(rate(x{color="{{ color }}"}[1m]))', operator: '<', threshold: 0.5 },
      { name: 'up', query: 'min(up{version="{{version}}"})', operator: '>', threshold: 0.99 }
    ])
  })

  test.each([
    ['not YAML', '- name: [', 'is not valid YAML'],
    ['not a list', 'name: errors', 'is not a list of queries'],
    ['no name', '- query: up\n  threshold: "> 0"', 'entry 1 has no name'],
    ['a repeated name', '- name: a\n  query: up\n  threshold: "> 0"\n- name: a\n  query: up\n  threshold: "> 0"', 'entry 2 repeats the name "a"'],
    ['an unknown field', '- name: a\n  query: up\n  threshold: "> 0"\n  interval: 1m', 'entry 1 has unknown field "interval"'],
    ['an empty query', '- name: a\n  query: ""\n  threshold: "> 0"', 'query "a" is empty'],
    ['an unbalanced bracket', '- name: a\n  query: sum(rate(x[1m])\n  threshold: "> 0"', 'query "a" has an unclosed "("'],
    ['an unclosed quote', '- name: a\n  query: x{a="b}\n  threshold: "> 0"', 'query "a" has an unclosed " quote'],
    ['an unknown placeholder', '- name: a\n  query: x{env="{{ environment }}"}\n  threshold: "> 0"', 'query "a" uses the placeholder {{ environment }}, which is not known'],
    ['a threshold without an operator', '- name: a\n  query: up\n  threshold: 0.5', 'query "a" has threshold "0.5"'],
    ['a threshold with <=', '- name: a\n  query: up\n  threshold: <= 0.5', 'query "a" has threshold "<= 0.5"']
  ])('%s → an input error', (_name, raw, message) => {
    expect(() => parseAnalysisQueries(raw)).toThrow(InputError)
    expect(() => parseAnalysisQueries(raw)).toThrow(message)
  })

  test('brackets inside label values do not count', () => expect(queryProblem('count(x{path=~"/a(b"})')).toBeUndefined())
  test('placeholders are filled in, escaped for a PromQL string', () =>
    expect(renderQuery('x{color="{{ color }}",version="{{version}}"}', { color: 'green', version: 'v"2' })).toBe('x{color="green",version="v\\"2"}'))
})

describe('Prometheus answers', () => {
  const vector = (...values: string[]) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result: values.map((v) => ({ metric: {}, value: [1700000000, v] })) } })
  test.each([
    ['one series', vector('0.004'), { value: 0.004 }],
    ['a scalar', JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1700000000, '3'] } }), { value: 3 }],
    ['no series', vector(), { problem: 'no data (the query matched no series)' }],
    ['two series', vector('1', '2'), { problem: '2 series; aggregate the query to one number (sum, max, …)' }],
    ['NaN', vector('NaN'), { problem: 'the value is NaN (a division by zero: no requests yet?)' }],
    ['an error', JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 5' }), { problem: 'Prometheus refused the query: parse error at char 5' }],
    ['not JSON', '<html>', { problem: 'Prometheus answered with something other than JSON' }]
  ])('%s', (_name, body, expected) => expect(queryValue(body)).toEqual(expected))

  test.each([
    ['<', 0.004, 0.01, 'pass'],
    ['<', 0.05, 0.01, 'fail'],
    ['>', 0.999, 0.99, 'pass'],
    ['>', 0.5, 0.99, 'fail'],
    ['<', 0.01, 0.01, 'fail']
  ] as const)('%s: %d against %d → %s', (operator, value, threshold, verdict) => {
    expect(judgeQuery({ name: 'q', query: 'up', operator, threshold }, { value }).verdict).toBe(verdict)
  })
  test('no data is inconclusive', () =>
    expect(judgeQuery({ name: 'q', query: 'up', operator: '<', threshold: 1 }, { problem: 'no data' })).toMatchObject({ verdict: 'inconclusive', detail: 'no data' }))
})

describe('nginx-log', () => {
  const entries = (color: 'blue' | 'green', count: number, errors: number, durationMs = 5, at = window.startMs + 100): AccessLogEntry[] =>
    Array.from({ length: count }, (_, i) => ({ time: at + i, color, status: i < errors ? 500 : 200, durationMs }))

  test('green at 5% errors is caught, blue shown beside it', () => {
    const figure = judgeAccessLog([...entries('green', 100, 5), ...entries('blue', 900, 0)], window, { maxErrorRate: 0.01 })
    expect(figure).toMatchObject({ verdict: 'fail', requests: 100, errorRate: 0.05 })
    expect(figure.detail).toBe('100 requests, 5 errors (5%), p95 5 ms: error rate over 1%; blue: 900 requests, 0 errors, p95 5 ms')
  })
  test('a healthy green passes', () => expect(judgeAccessLog(entries('green', 50, 0), window, { maxErrorRate: 0.01 }).verdict).toBe('pass'))
  test('a slow green fails max-p95', () => expect(judgeAccessLog(entries('green', 50, 0, 900), window, { maxErrorRate: 0.01, maxP95Ms: 500 }).detail).toContain('p95 over 500 ms'))
  test('too little green traffic is inconclusive', () => expect(judgeAccessLog(entries('green', 3, 0), window, { maxErrorRate: 0.01 }).verdict).toBe('inconclusive'))
  test('requests before the bake are left out', () => expect(judgeAccessLog(entries('green', 50, 50, 5, window.startMs - 5000), window, { maxErrorRate: 0.01 }).requests).toBe(0))
  test('reads the provider’s access log from the start of the bake', async () => {
    const provider = new FakeTrafficProvider({ accessLog: entries('green', 20, 2) })
    const [figure] = await nginxLogSource(provider, { maxErrorRate: 0.01 }).run(window, new AbortController().signal)
    expect(figure).toMatchObject({ source: 'nginx-log', verdict: 'fail', requests: 20 })
  })
})

describe('synthetic', () => {
  const answer = (status: number, durationMs = 3): HttpResponse => ({ status, headers: {}, body: '', durationMs })

  test('a steady load through the public URL, judged on error rate', async () => {
    const sent: string[] = []
    let n = 0
    const send = async (request: HttpRequest) => {
      sent.push(request.url)
      return answer(++n % 5 === 0 ? 500 : 200)
    }
    const source = syntheticSource({ publicUrl: 'http://router.test/', path: '/api/version', rate: 100, thresholds: { maxErrorRate: 0.05 }, send, logger: silentLogger })
    const [figure] = await source.run({ ...window, bakeMs: 200 }, new AbortController().signal)
    expect(sent.length).toBe(20)
    expect(new Set(sent)).toEqual(new Set(['http://router.test/api/version']))
    expect(figure).toMatchObject({ source: 'synthetic', verdict: 'fail', requests: 20, errorRate: 0.2 })
  })

  test('a reset on a reused connection is retried once and shown in the strict count', async () => {
    const tally = { retried: 0 }
    let calls = 0
    const reset = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })
    const send = retryOnceOnReset(async () => (++calls === 1 ? Promise.reject(reset) : answer(200)), tally, new AbortController().signal)
    await expect(send({ url: 'http://router.test/', method: 'GET' })).resolves.toMatchObject({ status: 200 })
    expect(tally.retried).toBe(1)
    const refused = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })
    await expect(retryOnceOnReset(async () => Promise.reject(refused), tally, new AbortController().signal)({ url: 'http://router.test/', method: 'GET' })).rejects.toThrow('refused')
  })
})

describe('verdicts', () => {
  test('any failure fails the step, else any inconclusive', () => {
    const f = (verdict: 'pass' | 'fail' | 'inconclusive') => ({ source: 'synthetic' as const, name: 'x', verdict, detail: '' })
    expect(stepVerdict([f('pass'), f('inconclusive'), f('fail')])).toBe('fail')
    expect(stepVerdict([f('pass'), f('inconclusive')])).toBe('inconclusive')
    expect(stepVerdict([f('pass')])).toBe('pass')
  })
  test('an error rate exactly at the limit passes', () => expect(judgeTraffic('synthetic', 's', { requests: 100, errors: 1 }, { maxErrorRate: 0.01 }, 10).verdict).toBe('pass'))
})
