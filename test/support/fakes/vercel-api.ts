import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake Vercel REST API on loopback, shaped after Vercel's reference (the fields the provider
 * reads; Vercel answers with many more):
 * - GET /v9/projects/{idOrName} → {id, name, targets: {production: {id, url, alias}}, lastAliasRequest}
 * - GET /v13/deployments/{idOrUrl} → {id, url, readyState, projectId, target, meta}; a building
 *   deployment reports BUILDING for `buildPolls` reads, then READY (or ERROR).
 * - POST /v10/projects/{projectId}/promote/{deploymentId} → 202; lastAliasRequest becomes
 *   {type: promote, jobStatus: in-progress} and completes after `aliasPolls` project reads
 *   (or fails, leaving production where it was).
 * - POST /v1/projects/{projectId}/rollback/{deploymentId}?description= → 201 for an earlier
 *   production deployment, 409 otherwise.
 * Bearer token checked (403 otherwise); `throttle(n)` answers the next n requests 429 with Retry-After.
 */

export const VERCEL_TOKEN = 'vc0fakeTokenForTests1234'

export interface FakeDeployment {
  id: string
  url: string
  readyState: 'BUILDING' | 'READY' | 'ERROR' | 'CANCELED'
  /** Reads left before a BUILDING deployment turns `finalState`. */
  buildPolls: number
  finalState: 'READY' | 'ERROR'
  sha: string
}

export interface FakeVercelOptions {
  /** The project's name (default todo-frontend). */
  projectName?: string
  aliasPolls?: number
  retryAfter?: string
}

export interface FakeVercel {
  url: string
  project: { id: string; name: string; production?: string; history: string[]; lastAliasRequest: Record<string, unknown> | null }
  deployments: Map<string, FakeDeployment>
  requests: { method: string; path: string; authorized: boolean }[]
  addDeployment(id: string, options?: Partial<FakeDeployment>): FakeDeployment
  /** Makes production serve `id` as if an earlier promote had finished (previous production kept in history). */
  setProduction(id: string): void
  throttle(count: number): void
  /** The next promote (or rollback) request fails in Vercel's aliasing job. */
  failNextAlias(): void
  stop(): Promise<void>
}

export async function startFakeVercel(options: FakeVercelOptions = {}): Promise<FakeVercel> {
  const aliasPolls = options.aliasPolls ?? 2
  let throttled = 0
  let failAlias = false
  let pending: { to: string; from: string | null; pollsLeft: number; fail: boolean } | undefined
  const fake: Omit<FakeVercel, 'url' | 'stop'> = {
    project: { id: 'prj_fake1234', name: options.projectName ?? 'todo-frontend', history: [], lastAliasRequest: null },
    deployments: new Map(),
    requests: [],
    addDeployment(id, extra = {}) {
      const deployment: FakeDeployment = {
        id,
        url: `todo-frontend-${id.slice(4, 12).toLowerCase()}.vercel.app`,
        readyState: 'READY',
        buildPolls: 0,
        finalState: 'READY',
        sha: `${id.slice(4)}0000000000`,
        ...extra
      }
      fake.deployments.set(id, deployment)
      return deployment
    },
    setProduction(id) {
      if (fake.project.production) fake.project.history.push(fake.project.production)
      fake.project.lastAliasRequest = { fromDeploymentId: fake.project.production ?? null, toDeploymentId: id, jobStatus: 'succeeded', requestedAt: Date.now(), type: 'promote' }
      fake.project.production = id
    },
    throttle(count) {
      throttled = count
    },
    failNextAlias() {
      failAlias = true
    }
  }

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(body === undefined ? '' : JSON.stringify(body))
  }
  const error = (res: ServerResponse, status: number, code: string, message: string): void => send(res, status, { error: { code, message } })

  const advanceAlias = (): void => {
    if (!pending) return
    if (pending.pollsLeft > 0) {
      pending.pollsLeft--
      return
    }
    const request = fake.project.lastAliasRequest as Record<string, unknown>
    if (pending.fail) request.jobStatus = 'failed'
    else {
      if (request.type === 'promote' && fake.project.production) fake.project.history.push(fake.project.production)
      fake.project.production = pending.to
      request.jobStatus = 'succeeded'
    }
    pending = undefined
  }

  const projectBody = (): unknown => {
    const production = fake.project.production ? fake.deployments.get(fake.project.production) : undefined
    return {
      id: fake.project.id,
      name: fake.project.name,
      accountId: 'team_fake',
      framework: 'nextjs',
      targets: production ? { production: { id: production.id, url: production.url, alias: ['todo-frontend.vercel.app', 'todo.example.com'], readyState: production.readyState } } : {},
      lastAliasRequest: fake.project.lastAliasRequest
    }
  }

  const deploymentBody = (d: FakeDeployment): unknown => ({
    id: d.id,
    uid: d.id,
    url: d.url,
    name: fake.project.name,
    readyState: d.readyState,
    projectId: fake.project.id,
    target: fake.project.production === d.id || fake.project.history.includes(d.id) ? 'production' : null,
    meta: { githubCommitSha: d.sha, githubCommitRef: 'main' },
    createdAt: 1_700_000_000_000
  })

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const authorized = req.headers.authorization === `Bearer ${VERCEL_TOKEN}`
    fake.requests.push({ method: req.method ?? 'GET', path: url.pathname, authorized })
    if (throttled > 0) {
      throttled--
      return error(res, 429, 'rate_limited', 'Too many requests')
    }
    if (!authorized) return error(res, 403, 'forbidden', 'Not authorized')
    let match: RegExpExecArray | null
    if (req.method === 'GET' && (match = /^\/v9\/projects\/([^/]+)$/.exec(url.pathname))) {
      const id = decodeURIComponent(match[1])
      if (id !== fake.project.id && id !== fake.project.name) return error(res, 404, 'not_found', 'Project not found')
      advanceAlias()
      return send(res, 200, projectBody())
    }
    if (req.method === 'GET' && (match = /^\/v13\/deployments\/([^/]+)$/.exec(url.pathname))) {
      const ref = decodeURIComponent(match[1])
      const d = fake.deployments.get(ref) ?? [...fake.deployments.values()].find((x) => x.url === ref)
      if (!d) return error(res, 404, 'not_found', 'Deployment not found')
      if (d.readyState === 'BUILDING') {
        if (d.buildPolls > 0) d.buildPolls--
        else d.readyState = d.finalState
      }
      return send(res, 200, deploymentBody(d))
    }
    const promote = /^\/v10\/projects\/([^/]+)\/promote\/([^/]+)$/.exec(url.pathname)
    const rollback = /^\/v1\/projects\/([^/]+)\/rollback\/([^/]+)$/.exec(url.pathname)
    if (req.method === 'POST' && (promote || rollback)) {
      const [, projectId, deploymentId] = (promote ?? rollback) as RegExpExecArray
      if (projectId !== fake.project.id) return error(res, 404, 'not_found', 'Project not found')
      const d = fake.deployments.get(deploymentId)
      if (!d || d.readyState !== 'READY') return error(res, 400, 'bad_request', 'Deployment is not ready')
      if (pending) return error(res, 409, 'conflict', 'A promote or rollback is already in progress')
      if (rollback && !fake.project.history.includes(deploymentId)) return error(res, 409, 'invalid_rollback', 'Can only roll back to a previous production deployment')
      fake.project.lastAliasRequest = {
        fromDeploymentId: fake.project.production ?? null,
        toDeploymentId: deploymentId,
        jobStatus: 'in-progress',
        requestedAt: Date.now(),
        type: promote ? 'promote' : 'rollback'
      }
      pending = { to: deploymentId, from: fake.project.production ?? null, pollsLeft: aliasPolls, fail: failAlias }
      failAlias = false
      return send(res, promote ? 202 : 201)
    }
    return error(res, 404, 'not_found', `no route ${req.method} ${url.pathname}`)
  }

  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const retryAfter = options.retryAfter ?? '0'
      if (throttled > 0) {
        // Retry-After in whole seconds, as Vercel sends it.
        res.setHeader('retry-after', retryAfter)
      }
      handle(req, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  }
}

/** A fake whose production runs dpl_Blue00001, promoted after dpl_Older0001 (the one an instant rollback goes back to). */
export async function startFakeVercelInProduction(): Promise<FakeVercel> {
  const fake = await startFakeVercel()
  fake.addDeployment('dpl_Blue00001')
  fake.addDeployment('dpl_Older0001')
  fake.setProduction('dpl_Older0001')
  fake.setProduction('dpl_Blue00001')
  return fake
}
