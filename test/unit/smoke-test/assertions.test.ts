import { describe, expect, test } from '@jest/globals'
import { compare, evaluate, extractCaptures, type ResponseView } from '../../../actions/smoke-test/src/assertions.js'
import type { Assertion, Capture } from '../../../actions/smoke-test/src/check-spec.js'
import { loadJsonPath } from '../../../packages/core/json-path.js'

await loadJsonPath()

const health: ResponseView = {
  status: 200,
  headers: { 'content-type': 'application/json', 'x-app-version': '1.4.2', 'content-length': '120' },
  body: JSON.stringify({
    status: 'healthy',
    version: '1.4.2',
    checks: { database: { status: 'up', latency_ms: 2 } },
    items: [{ id: 1 }, { id: 2 }],
    dependencies: [{ latency_ms: 42.24 }, { latency_ms: 32.17 }, { latency_ms: 612 }]
  }),
  durationMs: 40
}
const json = (path: string, operator: Assertion['operator'], expected: unknown): Assertion => ({ target: { kind: 'json', path }, operator, expected, field: 'expect.json[0]' })
const anyJson = (path: string, operator: Assertion['operator'], expected: unknown): Assertion => ({ ...json(path, operator, expected), any: true })
const header = (name: string, operator: Assertion['operator'], expected: unknown): Assertion => ({ target: { kind: 'header', name }, operator, expected, field: `expect.headers.${name}` })
const body = (operator: Assertion['operator'], expected: unknown): Assertion => ({ target: { kind: 'body' }, operator, expected, field: 'expect.body-contains' })

describe('evaluate', () => {
  test.each<[string, Assertion[], string[]]>([
    ['equals passes', [json('$.status', 'equals', 'healthy')], []],
    ['equals fails', [json('$.status', 'equals', 'starting')], ['$.status: expected equals "starting", got "healthy"']],
    ['number equals a placeholder string', [json('$.checks.database.latency_ms', 'equals', '2')], []],
    ['deep equals on an object', [json('$.checks.database', 'equals', { status: 'up', latency_ms: 2 })], []],
    ['exists true', [json('$.version', 'exists', true)], []],
    ['exists true fails', [json('$.nope', 'exists', true)], ['$.nope: expected to exist']],
    ['exists false fails', [json('$.version', 'exists', false)], ['$.version: expected not to exist, got "1.4.2"']],
    ['missing value', [json('$.nope', 'equals', 1)], ['$.nope: expected equals 1, but the path matches nothing']],
    ['matches', [json('$.version', 'matches', '^1\\.\\d+\\.\\d+$')], []],
    ['matches fails', [json('$.version', 'matches', '^2\\.')], ['$.version: expected matches "^2\\\\.", got "1.4.2"']],
    ['<', [json('$.checks.database.latency_ms', '<', 50)], []],
    ['< fails', [json('$.checks.database.latency_ms', '<', 2)], ['$.checks.database.latency_ms: expected < 2, got 2']],
    ['<=', [json('$.checks.database.latency_ms', '<=', 2)], []],
    ['>', [json('$.checks.database.latency_ms', '>', 1)], []],
    ['>= fails on a string', [json('$.status', '>=', 1)], ['$.status: expected >= 1, got "healthy"']],
    // Several matched nodes: the operator applies to each; all must pass unless `any`.
    ['every match passes', [json('$.dependencies[0:2].latency_ms', '<', 500)], []],
    ['one match of three fails', [json('$.dependencies[*].latency_ms', '<', 500)], ['$.dependencies[*].latency_ms: expected every match < 500, but 1 of 3 did not: [2] 612']],
    ['any: one passing match is enough', [anyJson('$.dependencies[*].latency_ms', '>', 500)], []],
    ['any: no match passes', [anyJson('$.items[*].id', 'equals', 3)], ['$.items[*].id: expected at least one of 2 matches equals 3, got [1,2]']],
    ['empty match fails even for every-match', [json('$.items[?@.id > 5].id', '<', 10)], ['$.items[?@.id > 5].id: expected < 10, but the path matches nothing']],
    ['empty match fails with any', [anyJson('$.items[?@.id > 5].id', '<', 10)], ['$.items[?@.id > 5].id: expected < 10, but the path matches nothing']],
    ['empty match passes exists: false', [json('$.items[?@.id > 5]', 'exists', false)], []],
    ['several matches fail exists: false', [json('$.items[*].id', 'exists', false)], ['$.items[*].id: expected not to exist, got [1,2]']],
    ['a single node that is a list: contains looks inside it', [json('$.items', 'contains', { id: 2 })], []],
    ['a single node that is a list: equals compares the list', [json('$.items', 'equals', [{ id: 1 }, { id: 2 }])], []],
    ['filter', [json('$.items[?@.id == 2].id', 'equals', 2)], []],
    ['header contains', [header('Content-Type', 'contains', 'json')], []],
    ['header equals', [header('x-app-version', 'equals', '1.4.2')], []],
    ['header number compare', [header('content-length', '<', 1000)], []],
    ['header absent', [header('x-missing', 'exists', false)], []],
    ['header missing', [header('x-missing', 'contains', 'a')], ['header x-missing: expected contains "a", but there is no such header']],
    ['body contains', [body('contains', '"healthy"')], []],
    ['body contains fails', [body('contains', 'unhealthy')], [expect.stringMatching(/^body: expected contains "unhealthy", got "\{/) as unknown as string]],
    ['body matches', [body('matches', '"status":\\s*"healthy"')], []]
  ])('%s', (_name, assertions, failures) => {
    expect(evaluate({ statuses: [[200, 299]], assertions }, health)).toEqual(failures)
  })

  test('status, latency budget and non-JSON body all reported', () => {
    const response: ResponseView = { status: 503, headers: {}, body: '<h1>Starting</h1>', durationMs: 812.4 }
    expect(
      evaluate(
        {
          statuses: [
            [200, 299],
            [304, 304]
          ],
          assertions: [json('$.status', 'equals', 'ok')],
          latencyMaxMs: 500
        },
        response
      )
    ).toEqual([
      'expected status 2xx, 304, got 503: <h1>Starting</h1>',
      '$.status: expected equals "ok", but the body is not JSON: <h1>Starting</h1>',
      'took 812 ms, over the 500 ms latency budget'
    ])
  })
})

describe('compare', () => {
  test.each<[Parameters<typeof compare>[0], unknown, unknown, boolean]>([
    ['equals', 1, 1, true],
    ['equals', 1, '1', true],
    ['equals', '1', 1, true],
    ['equals', true, 'true', true],
    ['equals', { a: 1 }, '{"a":1}', false],
    ['equals', [1], [1], true],
    ['contains', 'hello world', 'world', true],
    ['contains', ['a', 'b'], 'b', true],
    ['contains', { a: 1 }, 'a', false],
    ['matches', 'abc', '^a', true],
    ['matches', 42, '^4', true],
    ['<', '10', 11, true],
    ['<', 'ten', 11, false],
    ['>=', 5, '5', true],
    ['>', null, 0, false]
  ])('%s %j %j → %s', (operator, actual, expected, result) => {
    expect(compare(operator, actual, expected)).toBe(result)
  })
})

describe('extractCaptures', () => {
  const login: ResponseView = {
    status: 200,
    headers: { etag: 'W/"abc"', 'set-cookie': 'sid=xyz123; HttpOnly' },
    body: JSON.stringify({ data: { tokens: { accessToken: 'tok_123456', expiresIn: 3600 }, user: { id: 7 } } }),
    durationMs: 5
  }
  test.each<[string, Capture[], Record<string, string>, string[]]>([
    ['JSONPath string', [{ name: 'token', from: 'json', path: '$.data.tokens.accessToken' }], { token: 'tok_123456' }, []],
    ['JSONPath number becomes text', [{ name: 'ttl', from: 'json', path: '$.data.tokens.expiresIn' }], { ttl: '3600' }, []],
    ['JSONPath object becomes JSON', [{ name: 'user', from: 'json', path: '$.data.user' }], { user: '{"id":7}' }, []],
    ['header', [{ name: 'etag', from: 'header', header: 'ETag' }], { etag: 'W/"abc"' }, []],
    ['regex group', [{ name: 'sid', from: 'regex', pattern: '"accessToken":"(tok_\\w+)"' }], { sid: 'tok_123456' }, []],
    ['missing value fails', [{ name: 'token', from: 'json', path: '$.data.token' }], {}, ['capture "token" found no value (at $.data.token)']],
    ['missing header fails', [{ name: 'loc', from: 'header', header: 'location' }], {}, ['capture "loc" found no value (in header location)']]
  ])('%s', (_name, captures, values, failures) => {
    const result = extractCaptures(captures, login)
    expect(Object.fromEntries(result.values)).toEqual(values)
    expect(result.failures).toEqual(failures)
  })
})
