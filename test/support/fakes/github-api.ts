import { startRecorder, type RecordedRequest, type Recorder, type ScriptedResponse } from './http-recorder.js'

/**
 * A fake GitHub REST API at HTTP level for the notify tests, with request and response shapes from
 * GitHub's REST reference: deployments (list with sha/environment filters, newest first; create →
 * 201), deployment statuses (create → 201, list newest first), commit statuses (create → 201),
 * issue comments (list, create → 201, update → 200). State is kept so a second run sees what the
 * first one made. Requests without the expected token get 401 Bad credentials.
 */

export const GITHUB_TOKEN = 'ghs_fakeTokenForNotifyTests0123456789'

export interface FakeDeployment {
  id: number
  sha: string
  ref: string
  environment: string
  task?: string
  description: string | null
  creator: { login: string }
  created_at: string
  payload: unknown
  production_environment?: boolean
  required_contexts?: unknown
  statuses: { id: number; state: string; description: string; environment: string; environment_url: string; log_url: string; created_at: string }[]
}

export interface FakeGitHub {
  url: string
  recorder: Recorder
  deployments: FakeDeployment[]
  commitStatuses: { sha: string; state: string; context: string; description: string; target_url: string }[]
  comments: Map<number, { id: number; body: string }[]>
  /** Pretend GitHub created a deployment for a job with `environment:`. */
  seedDeployment(sha: string, environment: string, login?: string, state?: string): FakeDeployment
  seedComment(issue: number, body: string): number
  /** Answers requests whose "METHOD /path" matches with this response instead (a permission error, say). */
  refuse(route: RegExp, response: ScriptedResponse): void
  /** Requests as "METHOD /path" lines, the way the tests assert on them. */
  routes(): string[]
  stop(): Promise<void>
}

/** `prefix` is the API's path on the host: '' as on api.github.com, '/api/v3' as on GitHub Enterprise Server. */
export async function startFakeGitHub(owner = 'octo-org', repo = 'shop', prefix = ''): Promise<FakeGitHub> {
  const deployments: FakeDeployment[] = []
  const commitStatuses: FakeGitHub['commitStatuses'] = []
  const comments: FakeGitHub['comments'] = new Map()
  let nextId = 1000
  let clock = Date.parse('2026-11-22T00:00:00Z')
  const now = (): string => new Date((clock += 1000)).toISOString()
  const base = `${prefix}/repos/${owner}/${repo}`

  const deploymentJson = (d: FakeDeployment, url: string) => ({
    url: `${url}${base}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task ?? 'deploy',
    payload: d.payload ?? {},
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: { login: d.creator.login, id: 41898282, type: 'Bot' },
    created_at: d.created_at,
    updated_at: d.created_at,
    statuses_url: `${url}${base}/deployments/${d.id}/statuses`,
    repository_url: `${url}${base}`,
    transient_environment: false,
    production_environment: d.production_environment ?? d.environment === 'production'
  })

  const seedDeployment: FakeGitHub['seedDeployment'] = (sha, environment, login = 'github-actions[bot]', state) => {
    const d: FakeDeployment = { id: ++nextId, sha, ref: sha, environment, description: null, creator: { login }, created_at: now(), payload: {}, statuses: [] }
    if (state) d.statuses.unshift({ id: ++nextId, state, description: '', environment, environment_url: '', log_url: '', created_at: now() })
    deployments.unshift(d)
    return d
  }

  const handle = (r: RecordedRequest, url: string): ScriptedResponse => {
    const auth = r.headers.authorization ?? ''
    if (auth !== `token ${GITHUB_TOKEN}` && auth !== `Bearer ${GITHUB_TOKEN}`) {
      return { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } }
    }
    if (!r.path.startsWith(`${base}/`)) return { status: 404, body: { message: 'Not Found' } }
    const path = r.path.slice(base.length)
    let m: RegExpExecArray | null
    if (path === '/deployments' && r.method === 'GET') {
      const sha = r.query.get('sha')
      const env = r.query.get('environment')
      const perPage = Number(r.query.get('per_page') ?? 30)
      const list = deployments.filter((d) => (!sha || d.sha === sha) && (!env || d.environment === env)).slice(0, perPage)
      return { status: 200, body: list.map((d) => deploymentJson(d, url)) }
    }
    if (path === '/deployments' && r.method === 'POST') {
      const body = r.json<{ ref?: string; task?: string; environment?: string; description?: string; payload?: unknown; production_environment?: boolean; required_contexts?: unknown }>()
      if (!body.ref) return { status: 422, body: { message: 'Invalid request.\n\n"ref" wasn\'t supplied.' } }
      const d: FakeDeployment = {
        id: ++nextId,
        sha: body.ref,
        ref: body.ref,
        environment: body.environment ?? 'production',
        task: body.task ?? 'deploy',
        description: body.description ?? null,
        creator: { login: 'github-actions[bot]' },
        created_at: now(),
        payload: body.payload,
        production_environment: body.production_environment,
        required_contexts: body.required_contexts,
        statuses: []
      }
      deployments.unshift(d)
      return { status: 201, body: deploymentJson(d, url) }
    }
    if ((m = /^\/deployments\/(\d+)\/statuses$/.exec(path))) {
      const d = deployments.find((x) => x.id === Number(m![1]))
      if (!d) return { status: 404, body: { message: 'Not Found' } }
      if (r.method === 'GET')
        return { status: 200, body: d.statuses.slice(0, Number(r.query.get('per_page') ?? 30)).map((s) => ({ ...s, url: `${url}${base}/deployments/${d.id}/statuses/${s.id}` })) }
      const body = r.json<{ state: string; description?: string; environment?: string; environment_url?: string; log_url?: string }>()
      const valid = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success']
      if (!valid.includes(body.state)) return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'DeploymentStatus', field: 'state', code: 'invalid' }] } }
      const status = {
        id: ++nextId,
        state: body.state,
        description: body.description ?? '',
        environment: body.environment ?? d.environment,
        environment_url: body.environment_url ?? '',
        log_url: body.log_url ?? '',
        created_at: now()
      }
      d.statuses.unshift(status)
      return {
        status: 201,
        body: {
          ...status,
          url: `${url}${base}/deployments/${d.id}/statuses/${status.id}`,
          deployment_url: `${url}${base}/deployments/${d.id}`,
          target_url: status.log_url,
          creator: { login: 'github-actions[bot]' }
        }
      }
    }
    if ((m = /^\/statuses\/([0-9a-f]{40})$/.exec(path)) && r.method === 'POST') {
      const body = r.json<{ state: string; context?: string; description?: string; target_url?: string }>()
      if (!['error', 'failure', 'pending', 'success'].includes(body.state)) return { status: 422, body: { message: 'Validation Failed' } }
      const status = { sha: m[1], state: body.state, context: body.context ?? 'default', description: body.description ?? '', target_url: body.target_url ?? '' }
      commitStatuses.push(status)
      return { status: 201, body: { id: ++nextId, ...status, url: `${url}${base}/statuses/${m[1]}`, created_at: now(), creator: { login: 'github-actions[bot]' } } }
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(path))) {
      const issue = Number(m[1])
      const list = comments.get(issue) ?? []
      if (r.method === 'GET')
        return {
          status: 200,
          body: list.map((c) => ({ id: c.id, body: c.body, user: { login: 'someone' }, html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${c.id}` }))
        }
      const body = r.json<{ body?: string }>()
      const comment = { id: ++nextId, body: body.body ?? '' }
      comments.set(issue, [...list, comment])
      return { status: 201, body: { ...comment, user: { login: 'github-actions[bot]' }, created_at: now() } }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(path)) && r.method === 'PATCH') {
      const id = Number(m[1])
      const comment = [...comments.values()].flat().find((c) => c.id === id)
      if (!comment) return { status: 404, body: { message: 'Not Found' } }
      comment.body = r.json<{ body: string }>().body
      return { status: 200, body: { ...comment, user: { login: 'github-actions[bot]' }, updated_at: now() } }
    }
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } }
  }

  const refusals: [RegExp, ScriptedResponse][] = []
  let recorderUrl = ''
  const recorder = await startRecorder((r) => refusals.find(([route]) => route.test(`${r.method} ${r.path}`))?.[1] ?? handle(r, recorderUrl))
  recorderUrl = recorder.url
  return {
    url: recorder.url,
    recorder,
    deployments,
    commitStatuses,
    comments,
    seedDeployment,
    seedComment: (issue, body) => {
      const id = ++nextId
      comments.set(issue, [...(comments.get(issue) ?? []), { id, body }])
      return id
    },
    refuse: (route, response) => void refusals.push([route, response]),
    routes: () => recorder.requests.map((r) => `${r.method} ${r.path.replace(base, '/repos/:owner/:repo')}`),
    stop: () => recorder.stop()
  }
}
