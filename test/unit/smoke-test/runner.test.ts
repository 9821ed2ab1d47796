import { describe, expect, jest, test } from '@jest/globals'
import type { HttpRequest, HttpResponse } from '../../../packages/core/http.js'
import { silentLogger } from '../../../packages/core/log.js'
import { redact } from '../../../packages/core/redact.js'
import { maskHeaderValue, runCheck, type CheckContext } from '../../../actions/smoke-test/src/check-runner.js'
import type { CheckSpec } from '../../../actions/smoke-test/src/check-spec.js'
import { waitForReady } from '../../../actions/smoke-test/src/readiness.js'
import { runLoad } from '../../../actions/smoke-test/src/load.js'
import { loadPlan } from '../../../actions/smoke-test/src/pacing.js'
import { dynamicValues } from '../../../actions/smoke-test/src/placeholders.js'
import { runSuite } from '../../../actions/smoke-test/src/suite.js'

const answer = (status: number, body: unknown, headers: Record<string, string> = {}, durationMs = 12): HttpResponse => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  durationMs
})

const spec = (overrides: Partial<CheckSpec>): CheckSpec => ({
  name: 'check',
  method: 'GET',
  url: 'https://shop.example.com/health',
  headers: {},
  statuses: [[200, 299]],
  assertions: [],
  captures: [],
  timeoutMs: 1000,
  retries: 0,
  uses: [],
  ...overrides
})

function context(responses: (HttpResponse | Error)[]) {
  const sent: HttpRequest[] = []
  const masked: string[] = []
  const send = jest.fn(async (request: HttpRequest) => {
    sent.push(request)
    const next = responses.shift()
    if (next instanceof Error) throw next
    if (!next) throw new Error('no more answers')
    return next
  })
  const ctx: CheckContext = {
    send,
    logger: silentLogger,
    captures: new Map(),
    typedCaptures: new Map(),
    mask: (value) => void masked.push(value),
    isSecretHeader: (name) => ['authorization', 'cookie'].includes(name.toLowerCase()),
    redact: (text) => redact(text, masked),
    sleep: async () => {}
  }
  return { ctx, sent, masked }
}

describe('runCheck (HTTP faked at the send function)', () => {
  test('a capture is masked, stored, and read by the next check in a header', async () => {
    const { ctx, sent, masked } = context([answer(200, { data: { tokens: { accessToken: 'tok_secret_1' } } }), answer(200, { email: 'demo@example.com' })])
    const login = await runCheck(
      spec({ name: 'login', method: 'POST', body: { kind: 'json', value: { email: 'demo@example.com' } }, captures: [{ name: 'token', from: 'json', path: '$.data.tokens.accessToken' }] }),
      ctx
    )
    expect(login).toMatchObject({ status: 'passed', captured: ['token'], attempts: 1, httpStatus: 200 })
    expect(masked).toEqual(['tok_secret_1'])
    const me = await runCheck(spec({ name: 'me', url: 'https://shop.example.com/api/me?t={{ token }}', headers: { Authorization: 'Bearer {{ token }}' }, uses: ['token'] }), ctx)
    expect(sent[0].body).toBe('{"email":"demo@example.com"}')
    expect(sent[1].headers).toEqual({ Authorization: 'Bearer tok_secret_1' })
    expect(masked).toEqual(['tok_secret_1', 'Bearer tok_secret_1', 'tok_secret_1'])
    expect(me.url).toBe('https://shop.example.com/api/me?t=***')
  })

  test('in a JSON body, a field that is only a placeholder keeps the captured type', async () => {
    const { ctx, sent } = context([answer(200, { data: { id: 7, done: false, tags: ['a'] } }), answer(201, {})])
    await runCheck(
      spec({
        name: 'create',
        captures: [
          { name: 'id', from: 'json', path: '$.data.id' },
          { name: 'done', from: 'json', path: '$.data.done' },
          { name: 'tags', from: 'json', path: '$.data.tags' }
        ]
      }),
      ctx
    )
    await runCheck(
      spec({
        name: 'update',
        method: 'PATCH',
        body: { kind: 'json', value: { id: '{{ id }}', done: '{{done}}', tags: '{{ tags }}', label: 'todo {{ id }}' } },
        uses: ['id', 'done', 'tags']
      }),
      ctx
    )
    expect(JSON.parse(sent[1].body as string)).toEqual({ id: 7, done: false, tags: ['a'], label: 'todo 7' })
  })

  test('retries until the check passes, counting attempts', async () => {
    const { ctx } = context([answer(503, 'starting'), new Error('connect ECONNREFUSED 127.0.0.1:1'), answer(200, 'ok')])
    expect(await runCheck(spec({ retries: 3 }), ctx)).toMatchObject({ status: 'passed', attempts: 3, failures: [] })
  })

  test('gives up after the last retry with the last reasons', async () => {
    const { ctx } = context([answer(500, 'a'), answer(502, { error: 'bad gateway' })])
    expect(await runCheck(spec({ retries: 1 }), ctx)).toMatchObject({ status: 'failed', attempts: 2, httpStatus: 502, failures: ['expected status 2xx, got 502: {"error":"bad gateway"}'] })
  })

  test('a network error fails with its code', async () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })
    const { ctx } = context([error])
    expect(await runCheck(spec({}), ctx)).toMatchObject({ status: 'failed', attempts: 1, httpStatus: undefined, failures: ['request failed: connect ECONNREFUSED 127.0.0.1:9'] })
  })

  test('a capture with no value fails the check and stores nothing', async () => {
    const { ctx } = context([answer(200, { data: {} })])
    const result = await runCheck(spec({ captures: [{ name: 'token', from: 'json', path: '$.data.tokens.accessToken' }] }), ctx)
    expect(result).toMatchObject({ status: 'failed', failures: ['capture "token" found no value (at $.data.tokens.accessToken)'] })
    expect(ctx.captures.size).toBe(0)
  })

  test('captured values in failure reasons are redacted', async () => {
    const { ctx } = context([answer(200, { token: 'tok_leaky_value' })])
    ctx.mask('tok_leaky_value')
    const result = await runCheck(spec({ assertions: [{ target: { kind: 'json', path: '$.token' }, operator: 'equals', expected: 'x', field: 'expect.json[0].equals' }] }), ctx)
    expect(result.failures).toEqual(['$.token: expected equals "x", got "***"'])
  })

  test.each([
    ['Bearer tok_abc', ['Bearer tok_abc', 'tok_abc']],
    ['Basic dXNlcjpwYXNz', ['Basic dXNlcjpwYXNz', 'dXNlcjpwYXNz']],
    ['sid=abc; theme=dark', ['sid=abc; theme=dark']],
    ['ab', []]
  ])('maskHeaderValue(%j) masks %j', (value, expected) => {
    const masked: string[] = []
    maskHeaderValue(value, (v) => masked.push(v))
    expect(masked).toEqual(expected)
  })
})

describe('waitForReady (clock and sleep faked)', () => {
  function clock() {
    let now = 0
    const sleeps: number[] = []
    return { now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)), advance: (ms: number) => (now += ms), sleeps }
  }
  /** waitForReady on the faked clock, for target app, 5 s per attempt and no jitter. */
  const waitOn = (c: ReturnType<typeof clock>, probe: Parameters<typeof waitForReady>[0]['probe'], timeoutMs = 60_000) =>
    waitForReady({ target: 'app', timeoutMs, attemptTimeoutMs: 5000, logger: silentLogger, now: c.now, sleep: c.sleep, random: () => 1, probe })

  test('polls with growing delays until the probe passes, and reports the time', async () => {
    const c = clock()
    const answers = [['got 503'], ['got 503'], ['got 503'], []]
    const result = await waitOn(c, async () => (c.advance(10), answers.shift() as string[]))
    expect(c.sleeps).toEqual([250, 500, 1000])
    expect(result).toEqual({ target: 'app', passed: true, readyMs: 1790, waitedMs: 1790, attempts: 4, timeoutMs: 60_000 })
  })

  test('delays stop growing at the cap', async () => {
    const c = clock()
    let calls = 0
    await waitOn(c, async () => (++calls < 7 ? ['no'] : []))
    expect(c.sleeps).toEqual([250, 500, 1000, 2000, 2000, 2000])
  })

  test('gives up at the timeout with the last reason, keeping a fair limit for the last try', async () => {
    const c = clock()
    const limits: number[] = []
    const result = await waitOn(c, async (limit) => (limits.push(limit), c.advance(5), ['expected status 2xx, got 503']), 3000)
    expect(result).toMatchObject({ passed: false, failure: 'expected status 2xx, got 503', timeoutMs: 3000 })
    expect(limits.every((l) => l >= 250)).toBe(true)
    expect(result.waitedMs).toBeLessThanOrEqual(3000)
    expect(result.readyMs).toBeUndefined()
  })
})

describe('runLoad (clock, sleep and HTTP faked)', () => {
  test('sends the planned number of requests on schedule and classifies answers', async () => {
    let now = 0
    const sentAt: number[] = []
    const statuses = [200, 500, 200, 404, 200]
    const result = await runLoad({
      plan: loadPlan(1000, 5),
      request: { method: 'GET', url: 'https://shop.example.com/api/version', headers: {} },
      statuses: [[200, 299]],
      timeoutMs: 1000,
      logger: silentLogger,
      now: () => now,
      sleep: async (ms) => void (now += ms),
      send: async () => {
        sentAt.push(now)
        const status = statuses.shift() as number
        return answer(status, '', {}, 20)
      }
    })
    expect(sentAt).toEqual([0, 200, 400, 600, 800])
    expect(result.samples.map((s) => [s.ok, s.error])).toEqual([
      [true, undefined],
      [false, 'HTTP 500'],
      [true, undefined],
      [false, 'HTTP 404'],
      [true, undefined]
    ])
    expect(result.elapsedMs).toBe(1000)
  })

  test('a late loop catches up instead of lowering the rate', async () => {
    let now = 0
    const sentAt: number[] = []
    await runLoad({
      plan: loadPlan(1000, 10),
      request: { method: 'GET', url: 'https://x/', headers: {} },
      statuses: [[200, 299]],
      timeoutMs: 1000,
      logger: silentLogger,
      now: () => now,
      // Each sleep oversleeps by 250 ms, as a busy event loop would.
      sleep: async (ms) => void (now += ms + 250),
      send: async () => (sentAt.push(now), answer(200, ''))
    })
    // Every wake-up sends all the requests that fell due while it overslept, so the ten go out
    // within the planned second (one per wake-up would stretch them over 3.15 s).
    expect(sentAt).toEqual([0, 350, 350, 350, 650, 650, 650, 950, 950, 950])
  })
})

describe('retries and dynamic values in runCheck (HTTP faked at the send function)', () => {
  test('a POST is sent once even with retries unless it says retry-unsafe; the same check retried with it', async () => {
    const once = context([answer(503, ''), answer(503, ''), answer(503, '')])
    expect(await runCheck(spec({ method: 'POST', retries: 2 }), once.ctx)).toMatchObject({ status: 'failed', attempts: 1 })
    expect(once.sent).toHaveLength(1)
    const thrice = context([answer(503, ''), answer(503, ''), answer(200, '')])
    expect(await runCheck(spec({ method: 'POST', retries: 2, retryUnsafe: true }), thrice.ctx)).toMatchObject({ status: 'passed', attempts: 3 })
    const put = context([answer(503, ''), answer(200, '')])
    expect(await runCheck(spec({ method: 'PUT', retries: 1 }), put.ctx)).toMatchObject({ status: 'passed', attempts: 2 })
  })

  test('one set of dynamic values per check run: request and expectation agree, across retries', async () => {
    const { ctx, sent } = context([answer(500, ''), answer(200, { id: 'uuid-1' })])
    let made = 0
    ctx.dynamic = () => dynamicValues(0, () => `uuid-${++made}`)
    const check = spec({
      method: 'PUT',
      url: 'https://x.example/orders/{{ uuid }}',
      retries: 1,
      assertions: [{ target: { kind: 'json', path: '$.id' }, operator: 'equals', expected: '{{ uuid }}', field: 'expect.json[0]' }]
    })
    expect(await runCheck(check, ctx)).toMatchObject({ status: 'passed', attempts: 2 })
    expect(sent.map((r) => r.url)).toEqual(['https://x.example/orders/uuid-1', 'https://x.example/orders/uuid-1'])
    expect(made).toBe(1)
  })
})

describe('runSuite as a library (HTTP, grouping and clock injected)', () => {
  test('readiness and the load phase run in groups; load-check repeats that check with its capture, fresh dynamic values per request', async () => {
    const groups: string[] = []
    const sent: HttpRequest[] = []
    let now = 0
    const login = spec({ name: 'login', method: 'POST', url: 'https://x.example/login', captures: [{ name: 'token', from: 'json', path: '$.token' }] })
    const me = spec({ name: 'me', url: 'https://x.example/me?r={{ uuid }}', headers: { Authorization: 'Bearer {{ token }}' }, uses: ['token'] })
    let made = 0
    const result = await runSuite(
      {
        plan: { checks: [login, me], dependsOn: { login: [], me: ['login'] } },
        concurrency: 2,
        wait: { target: { kind: 'url', url: 'https://x.example/ready', headers: {}, timeoutMs: 1000 }, timeoutMs: 5000 },
        budgets: {},
        load: { durationMs: 1000, rate: 3, request: { kind: 'check', check: 'me' }, statuses: [[200, 299]], timeoutMs: 1000, thresholds: { maxErrorRate: 0 } }
      },
      {
        send: async (request) => (sent.push(request), request.url.endsWith('/login') ? answer(200, { token: 'tok_abc123' }) : answer(200, {})),
        logger: silentLogger,
        mask: () => {},
        isSecretHeader: () => false,
        redact: (text) => text,
        now: () => now,
        sleep: async (ms) => void (now += ms),
        group: async (name, fn) => (groups.push(name), fn()),
        dynamic: () => dynamicValues(0, () => `u${++made}`)
      }
    )
    expect(groups).toEqual(['Readiness: https://x.example/ready', 'Load phase: GET https://x.example/me?r=u2 (check "me") at 3/s for 1.00 s'])
    expect(result.readiness).toMatchObject({ passed: true, readyMs: 0 })
    expect(result.load).toMatchObject({ check: 'me', verdict: { requests: 3, errors: 0 } })
    const loadRequests = sent.slice(3)
    expect(loadRequests.map((r) => [r.url, r.headers?.Authorization])).toEqual([
      ['https://x.example/me?r=u3', 'Bearer tok_abc123'],
      ['https://x.example/me?r=u4', 'Bearer tok_abc123'],
      ['https://x.example/me?r=u5', 'Bearer tok_abc123']
    ])
  })

  test('a cancelled run starts no further check', async () => {
    const controller = new AbortController()
    controller.abort()
    const sent: HttpRequest[] = []
    const result = await runSuite(
      { plan: { checks: [spec({ name: 'a' }), spec({ name: 'b' })], dependsOn: { a: [], b: [] } }, concurrency: 1, budgets: {} },
      { send: async (request) => (sent.push(request), answer(200, '')), logger: silentLogger, mask: () => {}, isSecretHeader: () => false, redact: (text) => text, signal: controller.signal }
    )
    expect(sent).toEqual([])
    expect(result.checks.map((c) => [c.name, c.status, c.failures])).toEqual([
      ['a', 'skipped', ['not run: the job was cancelled']],
      ['b', 'skipped', ['not run: the job was cancelled']]
    ])
  })
})
