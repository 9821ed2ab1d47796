import type { IncomingMessage, ServerResponse } from 'node:http'
import { startBodyServer } from './body-server.js'

/**
 * A fake Railway public GraphQL API (POST /graphql/v2 {query, variables}) on loopback, answering
 * the operations the provider sends with the shapes of Railway's schema:
 * - query deployments(input: {serviceId, environmentId}, first) → {deployments: {edges: [{node}]}}, newest first
 * - query deployment(id) → {deployment: {id, status, createdAt, staticUrl, canRollback, meta}}
 * - mutation serviceInstanceUpdate(serviceId, environmentId, input: {source: {image}}) → true
 * - mutation serviceInstanceDeployV2(serviceId, environmentId, commitSha) → the new deployment id;
 *   BUILDING → DEPLOYING → SUCCESS over `steps` reads (the previous SUCCESS becomes REMOVED), or FAILED
 * - mutation deploymentRollback(id) → true; a new deployment (meta.reason rollback) from a REMOVED one
 * GraphQL errors come back with HTTP 200 and an `errors` list, as Railway sends them. A project token
 * in Project-Access-Token is checked; `throttle(n)` answers the next n requests 429 + Retry-After.
 */

export const RAILWAY_TOKEN = '0b7c6f1e-3d2a-4c5b-9e8f-7a6b5c4d3e2f'
export const RAILWAY_SERVICE = '9db36734-b056-420b-aa82-e00d5b7baa95'
export const RAILWAY_ENVIRONMENT = 'afb6f15b-2e93-4e5e-ac9d-0a7f259d34c3'

export interface FakeRailwayDeployment {
  id: string
  status: string
  createdAt: string
  staticUrl: string
  canRollback: boolean
  meta: Record<string, unknown>
  stepsLeft: number
  fails: boolean
}

export interface FakeRailway {
  url: string
  deployments: FakeRailwayDeployment[]
  operations: { name: string; variables: Record<string, unknown>; authorized: boolean }[]
  instanceImage?: string
  seedSuccess(meta: Record<string, unknown>): FakeRailwayDeployment
  serving(): FakeRailwayDeployment | undefined
  throttle(count: number): void
  failNextDeployment(): void
  stop(): Promise<void>
}

/** `serviceId`/`environmentId`: the service instance the project has (default RAILWAY_SERVICE in RAILWAY_ENVIRONMENT). */
export async function startFakeRailway(options: { steps?: number; serviceId?: string; environmentId?: string } = {}): Promise<FakeRailway> {
  const steps = options.steps ?? 3
  const instance = { serviceId: options.serviceId ?? RAILWAY_SERVICE, environmentId: options.environmentId ?? RAILWAY_ENVIRONMENT }
  let throttled = 0
  let failNext = false
  let counter = 0
  const state = { instanceImage: undefined as string | undefined }
  const deployments: FakeRailwayDeployment[] = []
  const operations: FakeRailway['operations'] = []
  const create = (meta: Record<string, unknown>, status = 'BUILDING', stepsLeft = steps): FakeRailwayDeployment => {
    counter++
    const deployment: FakeRailwayDeployment = {
      id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      status,
      createdAt: new Date(Date.UTC(2026, 10, 29, 10, counter)).toISOString(),
      staticUrl: 'todo-api-production.up.railway.app',
      canRollback: true,
      meta,
      stepsLeft,
      fails: failNext
    }
    failNext = false
    deployments.unshift(deployment)
    return deployment
  }
  const succeed = (deployment: FakeRailwayDeployment): void => {
    for (const other of deployments) if (other.status === 'SUCCESS') other.status = 'REMOVED'
    deployment.status = 'SUCCESS'
  }
  const advance = (): void => {
    for (const d of deployments) {
      if (!['BUILDING', 'DEPLOYING'].includes(d.status)) continue
      if (d.stepsLeft > 1) {
        d.stepsLeft--
        if (d.stepsLeft === 1) d.status = 'DEPLOYING'
      } else if (d.fails) d.status = 'FAILED'
      else succeed(d)
    }
  }
  const view = ({ stepsLeft: _s, fails: _f, ...d }: FakeRailwayDeployment): unknown => d
  const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }

  const handle = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const authorized = req.headers['project-access-token'] === RAILWAY_TOKEN
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://fake').pathname !== '/graphql/v2') return reply(res, 404, { message: 'not found' })
    const { query, variables = {} } = JSON.parse(text) as { query: string; variables?: Record<string, unknown> }
    const name = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous'
    operations.push({ name, variables, authorized })
    if (throttled > 0) {
      throttled--
      return reply(res, 429, { errors: [{ message: 'Rate limit exceeded' }] }, { 'retry-after': '0' })
    }
    if (!authorized) return reply(res, 200, { errors: [{ message: 'Not Authorized' }], data: null })
    const input = (variables.input ?? {}) as Record<string, unknown>
    const serviceId = (variables.serviceId ?? input.serviceId) as string | undefined
    if (serviceId !== undefined && (serviceId !== instance.serviceId || (variables.environmentId ?? input.environmentId) !== instance.environmentId))
      return reply(res, 200, { errors: [{ message: 'Service instance not found' }], data: null })
    switch (name) {
      case 'deployments':
        advance()
        return reply(res, 200, { data: { deployments: { edges: deployments.slice(0, Number(variables.first ?? 20)).map((d) => ({ node: view(d) })) } } })
      case 'deployment': {
        advance()
        const d = deployments.find((x) => x.id === variables.id)
        return d ? reply(res, 200, { data: { deployment: view(d) } }) : reply(res, 200, { errors: [{ message: 'Deployment not found' }], data: null })
      }
      case 'serviceInstanceUpdate':
        state.instanceImage = ((input.source ?? {}) as { image?: string }).image
        return reply(res, 200, { data: { serviceInstanceUpdate: true } })
      case 'serviceInstanceDeployV2': {
        const meta = variables.commitSha ? { commitHash: variables.commitSha, reason: 'deploy' } : { image: state.instanceImage, reason: 'deploy' }
        return reply(res, 200, { data: { serviceInstanceDeployV2: create(meta).id } })
      }
      case 'deploymentRollback': {
        const target = deployments.find((x) => x.id === variables.id)
        if (!target || target.status !== 'REMOVED' || !target.canRollback) return reply(res, 200, { errors: [{ message: 'Deployment cannot be rolled back to' }], data: null })
        create({ ...target.meta, reason: 'rollback' }, 'DEPLOYING', 2)
        return reply(res, 200, { data: { deploymentRollback: true } })
      }
    }
    return reply(res, 200, { errors: [{ message: `Cannot query field "${name}"` }], data: null })
  }

  const { port, stop } = await startBodyServer(handle)
  const fake: FakeRailway = {
    url: `http://127.0.0.1:${port}/graphql/v2`,
    deployments,
    operations,
    get instanceImage() {
      return state.instanceImage
    },
    seedSuccess(meta) {
      if (typeof meta.image === 'string') state.instanceImage = meta.image
      const d = create(meta, 'BUILDING')
      succeed(d)
      return d
    },
    serving: () => deployments.find((d) => d.status === 'SUCCESS'),
    throttle(count) {
      throttled = count
    },
    failNextDeployment() {
      failNext = true
    },
    stop
  }
  return fake
}
