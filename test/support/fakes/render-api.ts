import type { IncomingMessage, ServerResponse } from 'node:http'
import { startBodyServer } from './body-server.js'

/**
 * A fake Render REST API on loopback, shaped after Render's reference (fields the provider reads):
 * - GET /v1/services/{serviceId} → {id, name, type, serviceDetails: {url}}
 * - GET /v1/services/{serviceId}/deploys?limit= → [{deploy, cursor}], newest first
 * - GET /v1/services/{serviceId}/deploys/{deployId} → deploy {id, status, trigger, commit, image, createdAt, finishedAt}
 * - POST /v1/services/{serviceId}/deploys {clearCache, commitId | imageUrl} → 201 deploy (202 without
 *   a body when queued); it moves build_in_progress → update_in_progress → live over `steps` reads,
 *   the previous live deploy becoming deactivated (or ends update_failed, the previous one staying live).
 * - POST /v1/services/{serviceId}/rollback {deployId} → 201, a new deploy (trigger rollback) from an
 *   earlier deploy's artifact; 400 for a deploy that never went live.
 * Bearer API key checked (401 otherwise); `throttle(n)` answers the next n requests 429 + Retry-After.
 */

export const RENDER_KEY = 'rnd_fakeKeyForTests0123456789'
export const RENDER_SERVICE = 'srv-fake0000000000000001'

export interface FakeRenderDeploy {
  id: string
  status: string
  trigger: string
  commit?: { id: string; message: string }
  image?: { ref: string; sha: string }
  createdAt: string
  finishedAt: string | null
  stepsLeft: number
  fails: boolean
}

export interface FakeRender {
  url: string
  /** Newest first. */
  deploys: FakeRenderDeploy[]
  requests: { method: string; path: string; body: unknown; authorized: boolean }[]
  /** Adds a deploy that went live (and deactivates the live one). */
  seedLive(commit: string): FakeRenderDeploy
  throttle(count: number): void
  failNextDeploy(): void
  queueNextDeploy(): void
  live(): FakeRenderDeploy | undefined
  stop(): Promise<void>
}

export async function startFakeRender(options: { steps?: number } = {}): Promise<FakeRender> {
  const steps = options.steps ?? 3
  let throttled = 0
  let failNext = false
  let queueNext = false
  let counter = 0
  const deploys: FakeRenderDeploy[] = []
  const requests: FakeRender['requests'] = []
  const now = (): string => new Date(Date.UTC(2026, 10, 29, 10, 0, counter)).toISOString()
  const newDeploy = (extra: Partial<FakeRenderDeploy>): FakeRenderDeploy => {
    counter++
    const deploy: FakeRenderDeploy = {
      id: `dep-fake${String(counter).padStart(12, '0')}`,
      status: 'build_in_progress',
      trigger: 'api',
      createdAt: now(),
      finishedAt: null,
      stepsLeft: steps,
      fails: false,
      ...extra
    }
    deploys.unshift(deploy)
    return deploy
  }
  const goLive = (deploy: FakeRenderDeploy): void => {
    for (const other of deploys) if (other.status === 'live') other.status = 'deactivated'
    deploy.status = 'live'
    deploy.finishedAt = now()
  }
  const advance = (): void => {
    for (const deploy of deploys) {
      if (!['build_in_progress', 'update_in_progress'].includes(deploy.status)) continue
      if (deploy.stepsLeft > 1) {
        deploy.stepsLeft--
        if (deploy.stepsLeft === 1) deploy.status = 'update_in_progress'
      } else if (deploy.fails) {
        deploy.status = 'update_failed'
        deploy.finishedAt = now()
      } else goLive(deploy)
    }
  }
  const view = (d: FakeRenderDeploy): unknown => ({
    id: d.id,
    status: d.status,
    trigger: d.trigger,
    ...(d.commit ? { commit: { ...d.commit, createdAt: d.createdAt } } : {}),
    ...(d.image ? { image: d.image } : {}),
    createdAt: d.createdAt,
    updatedAt: d.createdAt,
    finishedAt: d.finishedAt
  })
  const send = (res: ServerResponse, status: number, body?: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(body === undefined ? '' : JSON.stringify(body))
  }

  const handle = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const authorized = req.headers.authorization === `Bearer ${RENDER_KEY}`
    const body = text === '' ? undefined : (JSON.parse(text) as Record<string, string>)
    requests.push({ method: req.method ?? 'GET', path: url.pathname, body, authorized })
    if (throttled > 0) {
      throttled--
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' })
      return void res.end(JSON.stringify({ message: 'rate limit exceeded' }))
    }
    if (!authorized) return send(res, 401, { message: 'unauthorized' })
    const base = `/v1/services/${RENDER_SERVICE}`
    if (!url.pathname.startsWith(base)) return send(res, 404, { message: 'service not found' })
    const rest = url.pathname.slice(base.length)
    if (req.method === 'GET') advance()
    if (req.method === 'GET' && rest === '') return send(res, 200, { id: RENDER_SERVICE, name: 'todo-api', type: 'web_service', serviceDetails: { url: 'https://todo-api.onrender.com' } })
    if (req.method === 'GET' && rest === '/deploys')
      return send(
        res,
        200,
        deploys.slice(0, Number(url.searchParams.get('limit') ?? 20)).map((d) => ({ deploy: view(d), cursor: d.id }))
      )
    const one = /^\/deploys\/([^/]+)$/.exec(rest)
    if (req.method === 'GET' && one) {
      const d = deploys.find((x) => x.id === one[1])
      return d ? send(res, 200, view(d)) : send(res, 404, { message: 'deploy not found' })
    }
    if (req.method === 'POST' && rest === '/deploys') {
      const deploy = newDeploy({
        ...(body?.imageUrl ? { image: { ref: body.imageUrl, sha: `sha256:${'a'.repeat(64)}` } } : { commit: { id: body?.commitId ?? 'HEAD', message: 'deploy' } }),
        fails: failNext
      })
      failNext = false
      if (queueNext) {
        queueNext = false
        return send(res, 202)
      }
      return send(res, 201, view(deploy))
    }
    if (req.method === 'POST' && rest === '/rollback') {
      const target = deploys.find((x) => x.id === body?.deployId)
      if (!target || !['live', 'deactivated'].includes(target.status)) return send(res, 400, { message: 'deploy cannot be rolled back to' })
      const deploy = newDeploy({
        trigger: 'rollback',
        status: 'update_in_progress',
        stepsLeft: 2,
        ...(target.commit ? { commit: target.commit } : {}),
        ...(target.image ? { image: target.image } : {}),
        fails: failNext
      })
      failNext = false
      return send(res, 201, view(deploy))
    }
    return send(res, 404, { message: `no route ${req.method} ${url.pathname}` })
  }

  const { port, stop } = await startBodyServer(handle)
  return {
    url: `http://127.0.0.1:${port}`,
    deploys,
    requests,
    seedLive(commit) {
      const deploy = newDeploy({ commit: { id: commit, message: 'seed' } })
      goLive(deploy)
      return deploy
    },
    throttle(count) {
      throttled = count
    },
    failNextDeploy() {
      failNext = true
    },
    queueNextDeploy() {
      queueNext = true
    },
    live: () => deploys.find((d) => d.status === 'live'),
    stop
  }
}
