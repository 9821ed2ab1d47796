import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { checksFile, maskedValues, reports, startRecordingServer, visibleStdout, type RecordingServer } from './support.js'

/**
 * What the action sends, seen by a recording server on loopback: the load phase repeating an
 * authenticated check, retries only for idempotent methods, dynamic placeholders, and JSONPath
 * assertions over several matched nodes.
 */
describe('smoke-test — runner contract against a recording server', () => {
  let server: RecordingServer
  const runs: RunResult[] = []
  const run = async (checks: string, inputs: Record<string, string> = {}): Promise<RunResult> => {
    const result = await runAction({ action: 'smoke-test', inputs: { 'checks-file': await checksFile(checks), 'base-url': server.url, ...inputs } })
    runs.push(result)
    return result
  }
  beforeAll(async () => {
    server = await startRecordingServer()
  })
  beforeEach(() => {
    server.requests.length = 0
  })
  afterAll(async () => {
    await server?.stop()
    await Promise.all(runs.map(cleanup))
  })

  const LOGIN_AND_PRIVATE = `
checks:
  - name: login
    method: POST
    url: /login
    capture: { token: $.token }
  - name: private
    url: /private
    headers: { Authorization: "Bearer {{ token }}" }
`

  it("load-check: the load phase sends that check's request, with its captured token, and never shows the token", async () => {
    const result = await run(LOGIN_AND_PRIVATE, { 'load-duration': '1s', 'load-rate': '20', 'load-check': 'private', 'max-error-rate': '0' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ passed: '2', 'load-requests': '20', 'error-rate': '0' })
    const [token] = maskedValues(result).filter((value) => value.startsWith('tok_'))
    const privateCalls = server.requests.filter((r) => r.path === '/private')
    expect(privateCalls).toHaveLength(21)
    expect(new Set(privateCalls.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${token}`]))
    expect(server.requests.filter((r) => r.path === '/login')).toHaveLength(1)
    expect(visibleStdout(result)).toMatch(/^::group::Load phase: GET http:\/\/127\.0\.0\.1:\d+\/private \(check "private"\) at 20\/s for 1\.00 s$/m)
    expect(visibleStdout(result)).toContain('::endgroup::')
    expect(visibleStdout(result)).not.toContain(token)
    const { json, jsonText } = await reports(result)
    expect(json.load).toMatchObject({ check: 'private', requests: 20, errors: 0 })
    expect(jsonText).not.toContain(token)
  })

  it('retries re-send GET and PUT but a POST only with retry-unsafe: true', async () => {
    const result = await run(`
defaults: { retries: 2 }
checks:
  - { name: get, url: /fail }
  - { name: put, method: PUT, url: /fail }
  - { name: post, method: POST, url: /fail }
  - { name: post-unsafe, method: POST, url: /fail, retry-unsafe: true }
`)
    expect(result.exitCode).toBe(1)
    const count = (method: string) => server.requests.filter((r) => r.method === method).length
    expect([count('GET'), count('PUT'), count('POST')]).toEqual([3, 3, 1 + 3])
    const { json } = await reports(result)
    expect(json.checks.map((c) => [c.name, c.attempts])).toEqual([
      ['get', 3],
      ['put', 3],
      ['post', 1],
      ['post-unsafe', 3]
    ])
  })

  it('{{ uuid }}, {{ now }} and {{ timestamp }} are fresh for each check and the same within one', async () => {
    const result = await run(`
checks:
  - name: first
    method: POST
    url: /echo
    headers: { X-Request-Id: "{{ uuid }}" }
    json: { id: "{{ uuid }}", at: "{{ now }}", ts: "{{ timestamp }}", note: "order {{ uuid }}" }
    expect:
      json: [{ path: $.received.id, equals: "{{ uuid }}" }]
  - name: second
    method: POST
    url: /echo
    json: { id: "{{ uuid }}" }
`)
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    // The two checks run concurrently: tell them apart by the field only the first sends.
    const sent = server.requests.map((r) => ({ headers: r.headers, body: JSON.parse(r.body) as Record<string, unknown> }))
    const first = sent.find((r) => r.body.note !== undefined) as (typeof sent)[number]
    const second = sent.find((r) => r.body.note === undefined) as (typeof sent)[number]
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    expect(first.body.id).toMatch(uuid)
    expect(first.headers['x-request-id']).toBe(first.body.id)
    expect(first.body.note).toBe(`order ${String(first.body.id)}`)
    expect(new Date(String(first.body.at)).toISOString()).toBe(first.body.at)
    expect(typeof first.body.ts).toBe('number')
    expect(Math.abs(Number(first.body.ts) - Date.parse(String(first.body.at)) / 1000)).toBeLessThan(2)
    expect(second.body.id).toMatch(uuid)
    expect(second.body.id).not.toBe(first.body.id)
  })

  it('a JSONPath matching several nodes: every node must pass unless any; an empty match fails unless exists: false', async () => {
    const result = await run(`
checks:
  - name: all fast
    url: /deps
    expect: { json: [{ path: "$.dependencies[*].latency_ms", "<": 500 }] }
  - name: one fast
    url: /deps
    expect: { json: [{ path: "$.dependencies[*].latency_ms", "<": 500, any: true }] }
  - name: none matched
    url: /deps
    expect: { json: [{ path: "$.missing[*].latency_ms", "<": 500 }] }
  - name: none expected
    url: /deps
    expect: { json: [{ path: "$.missing[*]", exists: false }] }
`)
    expect(result.exitCode).toBe(1)
    const { json } = await reports(result)
    expect(json.checks.map((c) => [c.name, c.status, c.failures])).toEqual([
      ['all fast', 'failed', ['$.dependencies[*].latency_ms: expected every match < 500, but 1 of 2 did not: [1] 612']],
      ['one fast', 'passed', []],
      ['none matched', 'failed', ['$.missing[*].latency_ms: expected < 500, but the path matches nothing']],
      ['none expected', 'passed', []]
    ])
  })

  it('a captured value with a line break is refused in a URL, never sent reshaped', async () => {
    const result = await run(`
checks:
  - name: source
    url: /line-break
    capture: { id: $.id }
  - name: item
    url: "/items/{{ id }}"
`)
    expect(result.exitCode).toBe(1)
    const { json } = await reports(result)
    expect(json.checks[1]).toMatchObject({
      name: 'item',
      status: 'failed',
      failures: [expect.stringMatching(/^request failed: the URL has a control character \(U\+000A at position \d+\)$/)]
    })
    expect(server.requests.map((r) => r.path)).toEqual(['/line-break'])
  })

  it('groups the readiness wait in the log', async () => {
    const result = await run(LOGIN_AND_PRIVATE, { 'wait-for': '/health' })
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toMatch(/^::group::Readiness: http:\/\/127\.0\.0\.1:\d+\/health$/m)
    expect(result.outputs['ready-ms']).toMatch(/^\d+$/)
  })
})
