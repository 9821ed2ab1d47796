import { describe, expect, test } from '@jest/globals'
import {
  dynamicValues,
  githubExpressionIn,
  placeholderRefs,
  resolveCaptures,
  resolveCapturesTyped,
  resolveEnv,
  withDynamicValues,
  withSampleCaptures
} from '../../../actions/smoke-test/src/placeholders.js'

describe('placeholderRefs', () => {
  test.each([
    ['Bearer {{ token }}', 'headers.Authorization', [{ kind: 'capture', name: 'token', field: 'headers.Authorization', text: '{{ token }}' }]],
    ['{{env.BASE_URL}}/x', 'url', [{ kind: 'env', name: 'BASE_URL', field: 'url', text: '{{env.BASE_URL}}' }]],
    [
      '{{ a }}-{{ env.B }}',
      'url',
      [
        { kind: 'capture', name: 'a', field: 'url', text: '{{ a }}' },
        { kind: 'env', name: 'B', field: 'url', text: '{{ env.B }}' }
      ]
    ],
    ['no placeholders', 'url', []],
    ['{{#each items}}', 'body', []],
    ['{{ two words }}', 'body', []]
  ])('%j in %s', (text, field, refs) => {
    expect(placeholderRefs(text, field)).toEqual(refs)
  })

  test('walks nested values with field paths', () => {
    const refs = placeholderRefs({ user: { id: '{{ id }}' }, tags: ['x', '{{ env.TAG }}'] }, 'json')
    expect(refs.map((r) => [r.field, r.name])).toEqual([
      ['json.user.id', 'id'],
      ['json.tags[1]', 'TAG']
    ])
  })
})

describe('resolution', () => {
  const env = { HOST: 'https://app.example.com', EMPTY: '' }
  const captures = new Map([
    ['token', 'tok_abc'],
    ['id', '7']
  ])
  test.each([
    ['{{ env.HOST }}/api', 'https://app.example.com/api'],
    ['{{ env.EMPTY }}x', 'x'],
    ['{{ env.MISSING }}', '{{ env.MISSING }}'],
    ['Bearer {{ token }}', 'Bearer {{ token }}']
  ])('resolveEnv %j → %j', (text, out) => {
    expect(resolveEnv(text, env)).toBe(out)
  })
  test.each([
    ['Bearer {{ token }}', 'Bearer tok_abc'],
    ['/todos/{{id}}', '/todos/7'],
    ['{{ unknown }}', '{{ unknown }}'],
    ['{{ env.HOST }}', '{{ env.HOST }}']
  ])('resolveCaptures %j → %j', (text, out) => {
    expect(resolveCaptures(text, captures)).toBe(out)
  })
  test('resolves inside objects and arrays, leaving other types alone', () => {
    expect(resolveCaptures({ a: ['{{ id }}', 3, true, null], b: { c: '{{ token }}' } }, captures)).toEqual({ a: ['7', 3, true, null], b: { c: 'tok_abc' } })
  })
  test('withSampleCaptures stands in for captures only', () => {
    expect(withSampleCaptures('https://x/{{ id }}/{{ env.A }}')).toBe('https://x/sample/{{ env.A }}')
  })
  test.each([
    [{ url: '${{ secrets.TOKEN }}' }, { field: 'url', text: '${{ secrets.TOKEN }}' }],
    [{ headers: { Authorization: 'Bearer ${{ env.T }}' } }, { field: 'headers.Authorization', text: '${{ env.T }}' }],
    [{ url: '{{ token }}' }, undefined]
  ])('githubExpressionIn %j', (value, found) => {
    expect(githubExpressionIn(value, '')).toEqual(found)
  })
})

describe('resolveCapturesTyped (JSON bodies)', () => {
  const text = new Map([
    ['id', '7'],
    ['user', '{"name":"Ada"}'],
    ['token', 'tok_1']
  ])
  const typed = new Map<string, unknown>([
    ['id', 7],
    ['user', { name: 'Ada' }],
    ['token', 'tok_1']
  ])
  test.each([
    [{ id: '{{ id }}' }, { id: 7 }],
    [{ id: '{{id}}' }, { id: 7 }],
    [{ user: '{{ user }}' }, { user: { name: 'Ada' } }],
    [{ ref: 'todo-{{ id }}' }, { ref: 'todo-7' }],
    [
      ['{{ id }}', '{{ token }}'],
      [7, 'tok_1']
    ],
    [{ missing: '{{ nope }}' }, { missing: '{{ nope }}' }],
    [
      { n: 3, b: true, z: null },
      { n: 3, b: true, z: null }
    ]
  ])('%j → %j', (value, resolved) => {
    expect(resolveCapturesTyped(value, text, typed)).toEqual(resolved)
  })
})

describe('dynamic placeholders', () => {
  test('{{ uuid }}, {{ now }} and {{ timestamp }} are dynamic, not captures', () => {
    expect(placeholderRefs('{{ uuid }} {{now}} {{ timestamp }} {{ id }}', 'body').map((r) => [r.kind, r.name])).toEqual([
      ['dynamic', 'uuid'],
      ['dynamic', 'now'],
      ['dynamic', 'timestamp'],
      ['capture', 'id']
    ])
  })

  test('values: a UUID, the ISO time and Unix seconds (a number in a JSON body)', () => {
    const values = dynamicValues(Date.UTC(2026, 10, 29, 9, 41, 7, 123), () => '11111111-2222-4333-8444-555555555555')
    expect(Object.fromEntries(values.text)).toEqual({ uuid: '11111111-2222-4333-8444-555555555555', now: '2026-11-29T09:41:07.123Z', timestamp: '1795945267' })
    expect(values.typed.get('timestamp')).toBe(1795945267)
    expect(dynamicValues().text.get('uuid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  test('made once, only when a placeholder asks for one, and the same for every field of that resolution', () => {
    let made = 0
    const make = () => (made++, dynamicValues(0, () => `uuid-${made}`))
    const plain = withDynamicValues(new Map([['id', '7']]), new Map([['id', 7]]), make)
    expect(resolveCaptures('/items/{{ id }}', plain.text)).toBe('/items/7')
    expect(made).toBe(0)
    const values = withDynamicValues(new Map(), new Map(), make)
    expect(resolveCaptures({ header: '{{ uuid }}', body: 'order {{ uuid }} at {{ timestamp }}' }, values.text)).toEqual({ header: 'uuid-1', body: 'order uuid-1 at 0' })
    expect(resolveCapturesTyped({ ts: '{{ timestamp }}', id: '{{ uuid }}' }, values.text, values.typed)).toEqual({ ts: 0, id: 'uuid-1' })
    expect(made).toBe(1)
  })

  test('stand-ins for validation replace dynamic placeholders too', () => {
    expect(withSampleCaptures('https://x.example/orders/{{ uuid }}?at={{ timestamp }}')).toBe('https://x.example/orders/sample?at=sample')
  })
})
