import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { cleanup, runAction } from '../../support/runner.js'
import { GITHUB_TOKEN, startFakeGitHub, type FakeGitHub } from '../../support/fakes/github-api.js'
import { leakedSecrets } from './support.js'

// The GitHub REST API faked at HTTP level (request and response shapes from GitHub's REST
// reference); the action's real Octokit talks to it through GITHUB_API_URL.
describe('notify → GitHub deployments, commit status and PR comment (GitHub REST API faked at HTTP level)', () => {
  let github: FakeGitHub
  beforeEach(async () => {
    github = await startFakeGitHub()
  })
  afterEach(async () => github.stop())

  const headSha = 'c0ffee1234567890c0ffee1234567890c0ffee12'
  const event = { action: 'synchronize', number: 7, pull_request: { number: 7, head: { sha: headSha } } }
  const run = (inputs: Record<string, string>) =>
    runAction({
      action: 'notify',
      inputs: { channels: 'github', environment: 'production', version: 'v5.0.0', 'github-token': GITHUB_TOKEN, ...inputs },
      env: { GITHUB_API_URL: github.url, GITHUB_EVENT_NAME: 'pull_request' },
      event
    })

  it('started then success: one deployment created and updated, previous one made inactive, commit status, one PR comment updated in place', async () => {
    const previous = github.seedDeployment('0000000000000000000000000000000000000001', 'production', 'github-actions[bot]', 'success')

    const started = await run({ status: 'started' })
    expect(started.errors).toEqual([])
    expect(JSON.parse(started.outputs.delivered)).toEqual({ github: true })
    const deploymentId = started.outputs['deployment-id']
    const commentId = started.outputs['comment-id']
    expect(deploymentId).toMatch(/^\d+$/)
    expect(github.routes()).toEqual([
      'GET /repos/:owner/:repo/deployments',
      'POST /repos/:owner/:repo/deployments',
      `POST /repos/:owner/:repo/deployments/${deploymentId}/statuses`,
      `POST /repos/:owner/:repo/statuses/${headSha}`,
      'GET /repos/:owner/:repo/issues/7/comments',
      'POST /repos/:owner/:repo/issues/7/comments'
    ])
    const [list, create] = github.recorder.requests
    expect(Object.fromEntries(list.query)).toMatchObject({ sha: headSha, environment: 'production' })
    expect(create.json()).toMatchObject({
      ref: headSha,
      environment: 'production',
      auto_merge: false,
      required_contexts: [],
      payload: { created_by: 'deploy-actions/notify', version: 'v5.0.0' }
    })
    expect(github.recorder.requests[2].json()).toMatchObject({
      state: 'in_progress',
      environment: 'production',
      log_url: 'https://github.com/octo-org/shop/actions/runs/1658821493',
      description: 'Deploying shop v5.0.0 to production'
    })
    expect(github.recorder.requests[3].json()).toEqual({
      state: 'pending',
      context: 'deploy/production',
      target_url: 'https://github.com/octo-org/shop/actions/runs/1658821493',
      description: 'Deploying shop v5.0.0 to production'
    })
    expect(github.recorder.requests[0].headers.authorization).toBe(`token ${GITHUB_TOKEN}`)

    github.recorder.reset()
    const success = await run({ status: 'success', 'environment-url': 'https://shop.example.com' })
    expect(success.errors).toEqual([])
    expect(success.outputs['deployment-id']).toBe(deploymentId)
    expect(success.outputs['comment-id']).toBe(commentId)
    expect(github.routes()).toEqual([
      'GET /repos/:owner/:repo/deployments',
      `POST /repos/:owner/:repo/deployments/${deploymentId}/statuses`,
      'GET /repos/:owner/:repo/deployments',
      `GET /repos/:owner/:repo/deployments/${previous.id}/statuses`,
      `POST /repos/:owner/:repo/deployments/${previous.id}/statuses`,
      `POST /repos/:owner/:repo/statuses/${headSha}`,
      'GET /repos/:owner/:repo/issues/7/comments',
      `PATCH /repos/:owner/:repo/issues/comments/${commentId}`
    ])
    expect(github.recorder.requests[1].json()).toMatchObject({
      state: 'success',
      environment_url: 'https://shop.example.com',
      log_url: 'https://github.com/octo-org/shop/actions/runs/1658821493'
    })
    expect(github.recorder.requests[4].json()).toMatchObject({ state: 'inactive', environment: 'production' })
    expect(github.deployments).toHaveLength(2)
    expect(github.deployments.find((d) => d.id === Number(deploymentId))!.statuses.map((s) => s.state)).toEqual(['success', 'in_progress'])
    expect(previous.statuses[0].state).toBe('inactive')
    expect(github.commitStatuses.map((s) => [s.context, s.state, s.target_url])).toEqual([
      ['deploy/production', 'pending', 'https://github.com/octo-org/shop/actions/runs/1658821493'],
      ['deploy/production', 'success', 'https://shop.example.com']
    ])
    const comments = github.comments.get(7)!
    expect(comments).toHaveLength(1)
    expect(comments[0].body.startsWith('<!-- deploy-actions:notify:production -->\n### ✅ shop v5.0.0 is live on production')).toBe(true)
    expect(success.summary).toContain(
      `| GitHub | ✅ delivered | existing deployment ${deploymentId}: success; previous deployment ${previous.id} inactive; commit status deploy/production: success; updated comment ${commentId} on #7 |`
    )
    for (const r of [started, success]) {
      expect(leakedSecrets(r, [GITHUB_TOKEN])).toEqual([])
      await cleanup(r)
    }
  })

  it('a job with `environment:` (GitHub made the deployment): update adds statuses to it and creates none', async () => {
    const made = github.seedDeployment(headSha, 'production')
    const otherEnv = github.seedDeployment(headSha, 'staging')
    const otherTool = github.seedDeployment(headSha, 'production', 'vercel[bot]') // newer, but another tool's
    const result = await run({ status: 'failure', 'github-deployment': 'update', 'github-commit-status': 'false', 'github-pr-comment': 'off' })
    expect(result.errors).toEqual([])
    expect(result.outputs['deployment-id']).toBe(String(made.id))
    expect(github.routes()).toEqual(['GET /repos/:owner/:repo/deployments', `POST /repos/:owner/:repo/deployments/${made.id}/statuses`])
    expect(made.statuses.map((s) => s.state)).toEqual(['failure'])
    expect(otherEnv.statuses).toEqual([])
    expect(otherTool.statuses).toEqual([])
    await cleanup(result)
  })

  it('update with no deployment to update: a warning that says what to do; create always makes a new one', async () => {
    const missing = await run({ status: 'success', 'github-deployment': 'update', 'github-commit-status': 'false', 'github-pr-comment': 'off' })
    expect(missing.exitCode).toBe(0)
    expect(missing.warnings).toEqual([expect.stringContaining('no deployment of c0ffee1 to production to update (declare `environment:` on the job, or use github-deployment: auto)')])
    expect(github.routes()).toEqual(['GET /repos/:owner/:repo/deployments'])

    github.seedDeployment(headSha, 'production')
    github.recorder.reset()
    const created = await run({ status: 'started', 'github-deployment': 'create', 'github-commit-status': 'false', 'github-pr-comment': 'off' })
    expect(created.errors).toEqual([])
    expect(github.routes()).toEqual(['POST /repos/:owner/:repo/deployments', `POST /repos/:owner/:repo/deployments/${created.outputs['deployment-id']}/statuses`])
    expect(github.deployments).toHaveLength(2)
    for (const r of [missing, created]) await cleanup(r)
  })

  it('finds its comment again by the hidden marker among others, one per environment', async () => {
    github.seedComment(7, 'LGTM')
    const staging = github.seedComment(7, '<!-- deploy-actions:notify:staging -->\nstaging is live')
    const production = github.seedComment(7, '<!-- deploy-actions:notify:production -->\nold text')
    const result = await run({ status: 'success', 'github-deployment': 'off', 'github-commit-status': 'false' })
    expect(result.outputs['comment-id']).toBe(String(production))
    const bodies = Object.fromEntries(github.comments.get(7)!.map((c) => [c.id, c.body]))
    expect(bodies[staging]).toBe('<!-- deploy-actions:notify:staging -->\nstaging is live')
    expect(bodies[production]).toContain('is live on production')
    expect(github.comments.get(7)).toHaveLength(3)
    await cleanup(result)
  })

  it('a part GitHub refuses (403 on comments) fails the channel, naming the part; the deployment still happened', async () => {
    github.refuse(/\/comments$/, { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' } })
    const result = await run({ status: 'success', attempts: '3' })
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.outputs.delivered)).toEqual({ github: false })
    expect(result.outputs['deployment-id']).toBe(String(github.deployments[0].id))
    expect(github.deployments[0].statuses.map((s) => s.state)).toEqual(['success'])
    expect(github.commitStatuses.map((s) => s.state)).toEqual(['success'])
    expect(result.warnings).toEqual([
      'notify: github not delivered: GitHub list comments answered HTTP 403: Resource not accessible by integration — give the job `permissions:` deployments: write, statuses: write and pull-requests: write'
    ])
    expect(github.routes().filter((r) => r.endsWith('/comments'))).toEqual(['GET /repos/:owner/:repo/issues/7/comments']) // a permission error is not retried
    await cleanup(result)
  })

  it('when adding the status fails, the deployment just created is still an output', async () => {
    github.refuse(/^POST .*\/deployments\/\d+\/statuses$/, { status: 422, body: { message: 'Validation Failed' } })
    const result = await run({ status: 'started', 'github-commit-status': 'false', 'github-pr-comment': 'off' })
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual(['notify: github not delivered: GitHub deployment status answered HTTP 422: Validation Failed'])
    expect(result.outputs['deployment-id']).toBe(String(github.deployments[0].id))
    await cleanup(result)
  })

  it('GitHub answering 429 with Retry-After is waited out and retried', async () => {
    github.recorder.enqueue({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'You have exceeded a secondary rate limit' } })
    const result = await run({ status: 'started', 'github-deployment': 'off', 'github-pr-comment': 'off' })
    expect(result.errors).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ github: true })
    const [first, second] = github.recorder.requests
    expect(second.at - first.at).toBeGreaterThanOrEqual(950)
    expect(github.commitStatuses).toHaveLength(1)
    await cleanup(result)
  })

  it('two services deployed from one repository keep two deployments, two commit statuses and two PR comments', async () => {
    for (const service of ['backend', 'frontend']) {
      const started = await run({ status: 'started', service })
      expect(started.errors).toEqual([])
      await cleanup(started)
    }
    for (const service of ['backend', 'frontend']) {
      const done = await run({ status: 'success', service })
      expect(done.errors).toEqual([])
      await cleanup(done)
    }
    expect(github.deployments.map((d) => [d.task, (d.payload as { service?: string }).service, d.statuses.map((s) => s.state)])).toEqual([
      ['deploy:frontend', 'frontend', ['success', 'in_progress']],
      ['deploy:backend', 'backend', ['success', 'in_progress']]
    ])
    expect(github.commitStatuses.map((s) => `${s.context} ${s.state} ${s.description}`)).toEqual([
      'deploy/production/backend pending Deploying backend v5.0.0 to production',
      'deploy/production/frontend pending Deploying frontend v5.0.0 to production',
      'deploy/production/backend success backend v5.0.0 is live on production',
      'deploy/production/frontend success frontend v5.0.0 is live on production'
    ])
    const comments = github.comments.get(7)!
    expect(comments.map((c) => c.body.split('\n').slice(0, 2).join(' | '))).toEqual([
      '<!-- deploy-actions:notify:production:backend --> | ### ✅ backend v5.0.0 is live on production',
      '<!-- deploy-actions:notify:production:frontend --> | ### ✅ frontend v5.0.0 is live on production'
    ])
  })
})

describe('notify → GitHub Enterprise Server (REST API under /api/v3 faked at HTTP level)', () => {
  it('honours GITHUB_API_URL and GITHUB_SERVER_URL: every call goes to the server’s /api/v3, links point at the server', async () => {
    const ghes = await startFakeGitHub('octo-org', 'shop', '/api/v3')
    const result = await runAction({
      action: 'notify',
      inputs: { channels: 'github', environment: 'staging', status: 'success', 'github-token': GITHUB_TOKEN, 'github-pr-comment': '3' },
      env: { GITHUB_API_URL: `${ghes.url}/api/v3`, GITHUB_SERVER_URL: 'https://github.example.com' }
    })
    expect(result.errors).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ github: true })
    expect(ghes.recorder.requests.length).toBeGreaterThanOrEqual(5)
    expect(ghes.recorder.requests.every((r) => r.path.startsWith('/api/v3/repos/octo-org/shop/'))).toBe(true)
    expect(ghes.deployments[0].statuses[0]).toMatchObject({ state: 'success', log_url: 'https://github.example.com/octo-org/shop/actions/runs/1658821493' })
    expect(ghes.comments.get(3)![0].body).toContain('https://github.example.com/octo-org/shop/commit/')
    await cleanup(result)
    await ghes.stop()
  })
})
