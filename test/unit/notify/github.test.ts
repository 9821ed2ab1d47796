import { describe, expect, it } from '@jest/globals'
import {
  commentBody,
  commentMarker,
  commitState,
  commitStatusBody,
  createDeploymentBody,
  deploymentState,
  deploymentStatusBody,
  findMarkedComment,
  mapGitHubError,
  newestDeployment,
  previousDeployment,
  isOwnDeployment
} from '../../../packages/providers/notifier/github/github-deployment.js'
import { DEPLOY_STATUSES } from '../../../packages/providers/notifier/notification-content.js'
import { context, message, withContext } from './fixtures.js'

describe('GitHub deployment plan (pure)', () => {
  it.each([
    ['started', 'in_progress', 'pending'],
    ['success', 'success', 'success'],
    ['failure', 'failure', 'failure'],
    ['cancelled', 'error', 'error'],
    ['rolled_back', 'failure', 'failure']
  ] as const)('%s → deployment %s, commit %s', (status, deployment, commit) => {
    expect(deploymentState(status)).toBe(deployment)
    expect(commitState(status)).toBe(commit)
  })

  it('covers every status', () => expect(DEPLOY_STATUSES.map(deploymentState)).not.toContain(undefined))

  it('request bodies follow the REST reference', () => {
    expect(createDeploymentBody(context, message)).toEqual({
      ref: context.sha,
      task: 'deploy',
      environment: 'production',
      description: 'shop v1.4.2 is live on production',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      payload: { created_by: 'deploy-actions/notify', version: 'v1.4.2', run_url: context.runUrl }
    })
    expect(deploymentStatusBody(context, message)).toEqual({
      state: 'success',
      log_url: context.runUrl,
      description: 'shop v1.4.2 is live on production',
      environment: 'production',
      environment_url: 'https://shop.example.com',
      auto_inactive: true
    })
    expect(deploymentStatusBody(withContext({ environmentUrl: undefined }), message)).not.toHaveProperty('environment_url')
    expect(commitStatusBody(context, message)).toMatchObject({ state: 'success', context: 'deploy/production', target_url: 'https://shop.example.com' })
    expect(commitStatusBody(withContext({ status: 'failure' }), message).target_url).toBe(context.runUrl)
    expect(deploymentStatusBody(context, { title: `✅ ${'x'.repeat(300)}`, text: '' }).description).toHaveLength(140)
  })

  const d = (id: number, at: string, login = 'github-actions[bot]', payload: unknown = {}) => ({ id, created_at: at, creator: { login }, payload })
  it.each([
    [[], undefined],
    [[d(1, '2026-01-01T00:00:00Z'), d(3, '2026-01-03T00:00:00Z'), d(2, '2026-01-02T00:00:00Z')], 3],
    [[d(5, '2026-01-01T00:00:00Z'), d(6, '2026-01-01T00:00:00Z')], 6],
    [[d(7, '2026-01-01T00:00:00Z'), d(8, '2026-01-02T00:00:00Z', 'vercel[bot]')], 7],
    [[d(7, '2026-01-01T00:00:00Z', 'vercel[bot]')], undefined],
    [[d(9, '2026-01-01T00:00:00Z', 'release-bot', { created_by: 'deploy-actions/notify' }), d(8, '2026-01-01T00:00:00Z')], 9],
    [[d(9, '2026-01-01T00:00:00Z', 'release-bot', null)], undefined]
  ])('newest own deployment of %p is %p', (list, id) => expect(newestDeployment(list)?.id).toBe(id))

  it('the previous deployment is the newest older than the current one', () => {
    const list = [d(10, '2026-01-03T00:00:00Z'), d(8, '2026-01-02T00:00:00Z'), d(7, '2026-01-01T00:00:00Z'), d(12, '2026-01-04T00:00:00Z')]
    expect(previousDeployment(list, 10)?.id).toBe(8)
    expect(previousDeployment(list, 7)).toBeUndefined()
  })

  it('the PR comment starts with a hidden marker per environment and is found again by it', () => {
    const body = commentBody(context, message)
    expect(body.split('\n')[0]).toBe('<!-- deploy-actions:notify:production -->')
    expect(body).toContain('| Commit | [6dcb09b](https://github.com/octo-org/shop/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e) |')
    const comments = [
      { id: 1, body: 'hi' },
      { id: 2, body: `${commentMarker('staging')}\n…` },
      { id: 3, body: body },
      { id: 4, body: null }
    ]
    expect(findMarkedComment(comments, 'production')).toBe(3)
    expect(findMarkedComment(comments, 'staging')).toBe(2)
    expect(findMarkedComment(comments, 'dev')).toBeUndefined()
  })

  const now = Date.parse('2026-11-22T10:00:00Z')
  const requestError = (status: number, headers: Record<string, string> = {}, message = 'Something') => ({
    status,
    message: `${message} - https://docs.github.com/rest`,
    response: { headers }
  })
  it.each([
    [requestError(429, { 'retry-after': '7' }), { retryable: true, retryAfterMs: 7000 }],
    [requestError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(now / 1000 + 30) }), { retryable: true, retryAfterMs: 30_000 }],
    [
      requestError(403, {}, 'Resource not accessible by integration'),
      { retryable: false, message: expect.stringContaining('HTTP 403: Resource not accessible by integration — give the job `permissions:`') }
    ],
    [requestError(502), { retryable: true, message: 'GitHub create deployment answered HTTP 502: Something' }],
    [requestError(422, {}, 'Validation Failed'), { retryable: false, message: 'GitHub create deployment answered HTTP 422: Validation Failed' }],
    [requestError(404, {}, 'Not Found'), { retryable: false, message: expect.stringContaining('check the repository') }],
    [Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNRESET' } }), { retryable: true, message: 'GitHub create deployment could not be reached: fetch failed (ECONNRESET)' }]
  ])('maps %p', (error, expected) => expect(mapGitHubError(error, 'create deployment', now)).toEqual(expect.objectContaining(expected)))

  it('a service gets its own task, payload, commit status and comment marker', () => {
    const backend = withContext({ service: 'backend' })
    expect(createDeploymentBody(backend, message)).toMatchObject({ task: 'deploy:backend', payload: { created_by: 'deploy-actions/notify', service: 'backend' } })
    expect(commitStatusBody(backend, message).context).toBe('deploy/production/backend')
    expect(commentMarker('production', 'backend')).toBe('<!-- deploy-actions:notify:production:backend -->')
    expect(commentBody(backend, message).startsWith('<!-- deploy-actions:notify:production:backend -->\n')).toBe(true)
    const comments = [
      { id: 1, body: commentMarker('production') },
      { id: 2, body: commentMarker('production', 'frontend') },
      { id: 3, body: commentMarker('production', 'backend') }
    ]
    expect(findMarkedComment(comments, 'production', 'backend')).toBe(3)
    expect(findMarkedComment(comments, 'production', 'frontend')).toBe(2)
    expect(findMarkedComment(comments, 'production')).toBe(1)
  })

  it.each([
    ['GitHub’s own (a job’s environment:), no service', { creator: { login: 'github-actions[bot]' }, payload: {} }, undefined, true],
    ['GitHub’s own, with a service: it cannot say which service it is', { creator: { login: 'github-actions[bot]' }, payload: {} }, 'backend', false],
    [
      'ours for backend, asked for backend',
      { creator: { login: 'github-actions[bot]' }, task: 'deploy:backend', payload: { created_by: 'deploy-actions/notify', service: 'backend' } },
      'backend',
      true
    ],
    [
      'ours for backend, asked for frontend',
      { creator: { login: 'github-actions[bot]' }, task: 'deploy:backend', payload: { created_by: 'deploy-actions/notify', service: 'backend' } },
      'frontend',
      false
    ],
    [
      'ours for backend, asked without a service',
      { creator: { login: 'github-actions[bot]' }, task: 'deploy:backend', payload: { created_by: 'deploy-actions/notify', service: 'backend' } },
      undefined,
      false
    ],
    ['another tool’s', { creator: { login: 'vercel[bot]' }, payload: {} }, undefined, false]
  ])('isOwnDeployment: %s', (_name, deployment, service, expected) => {
    expect(isOwnDeployment({ id: 1, created_at: '2026-01-01T00:00:00Z', ...deployment }, service)).toBe(expected)
  })
})
