import { describe, expect, test } from '@jest/globals'
import { InputError } from '../../../packages/core/input-error.js'
import { deploymentRef, parseVercelConfig, type VercelRawInputs } from '../../../packages/providers/traffic/vercel/config.js'

const base: VercelRawInputs = { 'vercel-token': 'abcDEF1234567890abcdEFGH', 'vercel-project': 'todo-frontend' }

describe('parseVercelConfig', () => {
  test('the defaults', () => {
    expect(parseVercelConfig(base)).toEqual({
      token: 'abcDEF1234567890abcdEFGH',
      project: 'todo-frontend',
      apiUrl: 'https://api.vercel.com',
      readyTimeoutMs: 900_000,
      promoteTimeoutMs: 300_000,
      pollIntervalMs: 3000
    })
  })

  test.each<[string, VercelRawInputs, unknown]>([
    ['a team id', { 'vercel-team': 'team_abc123' }, { team: { teamId: 'team_abc123' } }],
    ['a team slug', { 'vercel-team': 'octo-org' }, { team: { slug: 'octo-org' } }],
    ['a project id', { 'vercel-project': 'prj_AbC123' }, { project: 'prj_AbC123' }],
    ['a public URL', { 'vercel-public-url': 'https://todo.example.com' }, { publicUrl: 'https://todo.example.com/' }],
    ['an API URL without its trailing slash', { 'vercel-api-url': 'http://127.0.0.1:8080/' }, { apiUrl: 'http://127.0.0.1:8080' }],
    [
      'timeouts',
      { 'vercel-ready-timeout': '20m', 'vercel-promote-timeout': '90s', 'vercel-poll-interval': '500ms' },
      { readyTimeoutMs: 1_200_000, promoteTimeoutMs: 90_000, pollIntervalMs: 500 }
    ]
  ])('%s', (_name, extra, expected) => {
    expect(parseVercelConfig({ ...base, ...extra })).toMatchObject(expected as object)
  })

  test.each<[string, VercelRawInputs, string]>([
    ['no token', { 'vercel-token': '' }, 'Input "vercel-token" is empty'],
    ['a token with "Bearer"', { 'vercel-token': 'Bearer abcDEF1234567890abcd' }, 'Input "vercel-token" is not in the form of a Vercel access token (the value is not shown)'],
    ['a JSON blob as token', { 'vercel-token': '{"token":"abcDEF1234567890"}' }, 'Input "vercel-token" is not in the form of a Vercel access token'],
    ['no project', { 'vercel-project': '' }, 'Input "vercel-project" is empty'],
    ['a project name with spaces', { 'vercel-project': 'Todo Frontend' }, 'Input "vercel-project" is "Todo Frontend", which is not a project id or name'],
    ['a bad team', { 'vercel-team': 'Octo Org!' }, 'Input "vercel-team" is "Octo Org!", which is not a team id or slug'],
    ['a bad public URL', { 'vercel-public-url': 'ftp://todo.example.com' }, 'Input "vercel-public-url"'],
    ['a bad timeout', { 'vercel-ready-timeout': 'soon' }, 'Input "vercel-ready-timeout" is "soon", which is not a duration'],
    ['a control character in the project', { 'vercel-project': 'todo\u0007' }, 'Input "vercel-project"']
  ])('%s is refused, naming the input', (_name, extra, message) => {
    const error = (() => {
      try {
        parseVercelConfig({ ...base, ...extra })
      } catch (e) {
        return e
      }
    })() as InputError
    expect(error).toBeInstanceOf(InputError)
    expect(error.message).toContain(message)
    expect(error.message).not.toContain('abcDEF1234567890')
  })
})

describe('deploymentRef', () => {
  test.each<[string, string | undefined]>([
    ['dpl_AbCdEf123456', 'dpl_AbCdEf123456'],
    ['https://todo-frontend-abc123.vercel.app', 'todo-frontend-abc123.vercel.app'],
    ['https://todo-frontend-abc123.vercel.app/', 'todo-frontend-abc123.vercel.app'],
    ['todo-frontend-ABC123.vercel.app', 'todo-frontend-abc123.vercel.app'],
    ['v1.4.2', undefined],
    ['http://todo-frontend-abc123.vercel.app', undefined],
    ['https://todo.example.com/path', undefined],
    ['dpl_', undefined]
  ])('%s → %s', (raw, expected) => {
    expect(deploymentRef(raw)).toBe(expected)
  })
})
