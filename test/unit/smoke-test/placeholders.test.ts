import { describe, expect, test } from '@jest/globals'
import { githubExpressionIn, placeholderRefs, resolveCaptures, resolveCapturesTyped, resolveEnv, withSampleCaptures } from '../../../actions/smoke-test/src/placeholders.js'

describe('placeholderRefs', () => {
  test.each([
    ['Bearer {{ token }}', 'headers.Authorization', [{ kind: 'capture', name: 'token', field: 'headers.Authorization', text: '{{ token }}' }]],
    ['{{env.BASE_URL}}/x', 'url', [{ kind: 'env', name: 'BASE_URL', field: 'url', text: '{{env.BASE_URL}}' }]],
    ['{{ a }}-{{ env.B }}', 'url', [{ kind: 'capture', name: 'a', field: 'url', text: '{{ a }}' }, { kind: 'env', name: 'B', field: 'url', text: '{{ env.B }}' }]],
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
  const captures = new Map([['token', 'tok_abc'], ['id', '7']])
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
  const text = new Map([['id', '7'], ['user', '{"name":"Ada"}'], ['token', 'tok_1']])
  const typed = new Map<string, unknown>([['id', 7], ['user', { name: 'Ada' }], ['token', 'tok_1']])
  test.each([
    [{ id: '{{ id }}' }, { id: 7 }],
    [{ id: '{{id}}' }, { id: 7 }],
    [{ user: '{{ user }}' }, { user: { name: 'Ada' } }],
    [{ ref: 'todo-{{ id }}' }, { ref: 'todo-7' }],
    [['{{ id }}', '{{ token }}'], [7, 'tok_1']],
    [{ missing: '{{ nope }}' }, { missing: '{{ nope }}' }],
    [{ n: 3, b: true, z: null }, { n: 3, b: true, z: null }]
  ])('%j → %j', (value, resolved) => {
    expect(resolveCapturesTyped(value, text, typed)).toEqual(resolved)
  })
})
