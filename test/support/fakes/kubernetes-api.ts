import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A fake Kubernetes API server on loopback, speaking the API reference's shapes for what the
 * kubernetes traffic provider touches:
 * - GET / PATCH /apis/apps/v1/namespaces/{ns}/deployments/{name}, /api/v1/namespaces/{ns}/services/{name},
 *   /apis/networking.k8s.io/v1/namespaces/{ns}/ingresses/{name}. PATCH takes
 *   application/merge-patch+json and application/strategic-merge-patch+json (maps merged, lists
 *   replaced, null deletes; a metadata.resourceVersion that is not current → 409 Conflict) and
 *   application/json-patch+json (add, replace, remove, test; a failed test → 422).
 * - GET /apis/apps/v1/namespaces/{ns}/deployments?watch=true&fieldSelector=metadata.name=…&resourceVersion=…
 *   streams JSON lines {type, object}: every change after resourceVersion (ADDED first when none).
 * - Errors are Status objects {kind: Status, status: Failure, reason, message, code}; bearer token
 *   checked (401); `throttle(n)` answers 429 with Retry-After.
 * After a patch changes a Deployment's spec, its generation grows and a ticker moves its status
 * toward ready (observedGeneration, then updatedReplicas, then availableReplicas), or stalls, or
 * reports ProgressDeadlineExceeded, as set per Deployment with `rollout()`.
 */

export const K8S_TOKEN = 'fake-k8s-token-9f8e7d6c5b4a'
export const K8S_NAMESPACE = 'shop'

type Json = Record<string, unknown>
type Kind = 'deployments' | 'services' | 'ingresses'
export type RolloutBehaviour = 'ready' | 'stall' | 'deadline'

export interface FakeRequest {
  method: string
  path: string
  query: Record<string, string>
  contentType?: string
  body?: unknown
}

export interface FakeKubernetes {
  url: string
  requests: FakeRequest[]
  get(kind: Kind, name: string): Json | undefined
  /** Adds `<app>-blue`/`<app>-green` Deployments, the Service (selecting blue) and, when `ingress` is given, the main and canary Ingresses. */
  seed(options: { app: string; service?: string; ingress?: string; blueImage: string; greenImage?: string; replicas?: number }): void
  rollout(deployment: string, behaviour: RolloutBehaviour): void
  throttle(count: number, retryAfterSeconds?: number): void
  /** The next `count` PATCHes of `kind` (after any throttling) answer `status`. */
  failPatches(kind: Kind, count: number, status: number, match?: (body: unknown) => boolean): void
  /** The next PATCH of `kind` is applied, but answered 504 (the API server's "may still be processing": the client cannot tell it landed). */
  loseNextPatchAnswer(kind: Kind): void
  /** Another writer changes the object just before the next PATCH of it lands (the read resourceVersion is stale → 409). */
  raceNextPatch(kind: Kind): void
  /** The next `count` watches end at once without an event (as a proxy timing out). */
  closeWatches(count: number): void
  /** The next `count` watches answer one ERROR event (410 Expired: the resourceVersion is too old) and end. */
  expireWatches(count: number): void
  patches(kind?: Kind): FakeRequest[]
  writeKubeconfig(options?: { token?: string; namespace?: string }): Promise<string>
  stop(): Promise<void>
}

const GROUP: Record<Kind, string> = { deployments: 'apps', services: '', ingresses: 'networking.k8s.io' }

export async function startFakeKubernetes(options: { tickMs?: number } = {}): Promise<FakeKubernetes> {
  const objects = new Map<string, Json>()
  const history = new Map<string, { rv: number; object: Json }[]>()
  const behaviours = new Map<string, RolloutBehaviour>()
  const watchers = new Set<{ name: string; res: ServerResponse }>()
  const requests: FakeRequest[] = []
  const failures: { kind: Kind; status: number; match?: (body: unknown) => boolean }[] = []
  const races = new Set<Kind>()
  const lostAnswers = new Set<Kind>()
  let throttled = 0
  let retryAfter = 1
  let closeWatches = 0
  let expireWatches = 0
  let rv = 100
  const dirs: string[] = []
  const key = (kind: Kind, name: string): string => `${kind}/${name}`

  const store = (kind: Kind, object: Json, type: 'ADDED' | 'MODIFIED' = 'MODIFIED'): void => {
    rv++
    const meta = object.metadata as Json
    meta.resourceVersion = String(rv)
    const name = meta.name as string
    objects.set(key(kind, name), object)
    if (kind !== 'deployments') return
    const snapshot = structuredClone(object)
    const list = history.get(name) ?? []
    list.push({ rv, object: snapshot })
    history.set(name, list)
    for (const watcher of watchers) if (watcher.name === name) watcher.res.write(`${JSON.stringify({ type, object: snapshot })}\n`)
  }

  const deployment = (name: string, color: string, image: string, replicas: number): Json => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: K8S_NAMESPACE, uid: `uid-${name}`, generation: 1, labels: { app: name.replace(/-(blue|green)$/, ''), 'deploy-actions/color': color } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name.replace(/-(blue|green)$/, ''), 'deploy-actions/color': color } },
      template: {
        metadata: { labels: { app: name.replace(/-(blue|green)$/, ''), 'deploy-actions/color': color } },
        spec: { containers: [{ name: 'web', image, ports: [{ containerPort: 8080 }] }] }
      },
      progressDeadlineSeconds: 600
    },
    status: readyStatus(1, replicas)
  })

  // Moves every Deployment whose status lags its spec one step toward ready (or stalls / gives up).
  const tick = (): void => {
    for (const [id, object] of objects) {
      if (!id.startsWith('deployments/')) continue
      const meta = object.metadata as Json
      const spec = object.spec as Json
      const status = object.status as Json
      const want = spec.replicas as number
      const generation = meta.generation as number
      const behaviour = behaviours.get(meta.name as string) ?? 'ready'
      const observed = (status.observedGeneration as number) >= generation
      if (observed && (status.conditions as Json[] | undefined)?.some((c) => c.reason === 'ProgressDeadlineExceeded')) continue
      let next: Json | undefined
      if (!observed)
        next = {
          ...status,
          observedGeneration: generation,
          updatedReplicas: 0,
          replicas: (status.replicas as number) + 1,
          conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }]
        }
      else if ((status.updatedReplicas as number) < want) next = { ...status, updatedReplicas: (status.updatedReplicas as number) + 1 }
      else if (behaviour === 'deadline')
        next = {
          ...status,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${meta.name as string}-7d4b9c" has timed out progressing.` }]
        }
      else if (behaviour === 'stall') continue
      else if ((status.availableReplicas as number) < want || (status.replicas as number) !== want) next = readyStatus(generation, want)
      if (next) store('deployments', { ...object, status: next })
    }
  }
  const ticker = setInterval(tick, options.tickMs ?? 15)

  const server = createServer((req, res) => void handle(req, res))
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake')
    let text = ''
    for await (const chunk of req) text += chunk
    const contentType = req.headers['content-type']?.split(';')[0]
    let body: unknown
    try {
      body = text === '' ? undefined : JSON.parse(text)
    } catch {
      return status(res, 400, 'BadRequest', 'the body is not JSON')
    }
    const request: FakeRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(contentType ? { contentType } : {}),
      ...(body !== undefined ? { body } : {})
    }
    requests.push(request)
    if (req.headers.authorization !== `Bearer ${K8S_TOKEN}`) return status(res, 401, 'Unauthorized', 'Unauthorized')
    if (throttled > 0) {
      throttled--
      res.setHeader('retry-after', String(retryAfter))
      return status(res, 429, 'TooManyRequests', 'the server has received too many requests and has asked us to try again later')
    }
    const route = /^\/(?:apis\/apps\/v1|api\/v1|apis\/networking\.k8s\.io\/v1)\/namespaces\/([^/]+)\/(deployments|services|ingresses)(?:\/([^/]+))?$/.exec(url.pathname)
    if (!route) return status(res, 404, 'NotFound', 'the server could not find the requested resource')
    const [, namespace, kind, name] = route as unknown as [string, string, Kind, string | undefined]
    if (namespace !== K8S_NAMESPACE) return status(res, 404, 'NotFound', `namespaces "${namespace}" not found`)
    if (!name) {
      if (kind === 'deployments' && req.method === 'GET' && url.searchParams.get('watch') === 'true') return watch(url, res)
      return status(res, 405, 'MethodNotAllowed', 'only watches of deployments are served')
    }
    const current = objects.get(key(kind, name))
    const notFound = (): void => status(res, 404, 'NotFound', `${kind}${GROUP[kind] ? `.${GROUP[kind]}` : ''} "${name}" not found`, { name, group: GROUP[kind], kind })
    if (req.method === 'GET') return current ? json(res, 200, current) : notFound()
    if (req.method !== 'PATCH') return status(res, 405, 'MethodNotAllowed', `${req.method} is not served`)
    if (!current) return notFound()
    const failure = failures.findIndex((f) => f.kind === kind && (!f.match || f.match(body)))
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1)
      return status(res, f.status, f.status === 403 ? 'Forbidden' : f.status === 422 ? 'Invalid' : 'InternalError', `patch of ${kind} "${name}" refused by the fake (${f.status})`)
    }
    if (races.delete(kind)) store(kind, structuredClone(current))
    const latest = objects.get(key(kind, name))!
    let patched: Json
    if (contentType === 'application/json-patch+json') {
      if (!Array.isArray(body)) return status(res, 400, 'BadRequest', 'a JSON patch is an array of operations')
      try {
        patched = applyJsonPatch(latest, body as Json[])
      } catch (error) {
        return status(res, 422, 'Invalid', (error as Error).message)
      }
    } else if (contentType === 'application/merge-patch+json' || contentType === 'application/strategic-merge-patch+json') {
      const wanted = ((body as Json | undefined)?.metadata as Json | undefined)?.resourceVersion
      if (wanted !== undefined && wanted !== (latest.metadata as Json).resourceVersion)
        return status(
          res,
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${kind} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
          {
            name,
            kind
          }
        )
      patched = mergePatch(latest, body) as Json
      ;(patched.metadata as Json).resourceVersion = (latest.metadata as Json).resourceVersion
    } else
      return status(
        res,
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`
      )
    if (kind === 'deployments' && JSON.stringify(patched.spec) !== JSON.stringify(latest.spec)) (patched.metadata as Json).generation = ((latest.metadata as Json).generation as number) + 1
    store(kind, patched)
    if (lostAnswers.delete(kind)) return status(res, 504, 'Timeout', 'The server was unable to return a response in the time allotted, but may still be processing the request')
    return json(res, 200, objects.get(key(kind, name)))
  }

  function watch(url: URL, res: ServerResponse): void {
    const name = /^metadata\.name=(.+)$/.exec(url.searchParams.get('fieldSelector') ?? '')?.[1]
    if (!name) return status(res, 400, 'BadRequest', 'the fake serves watches of one Deployment (fieldSelector=metadata.name=…)')
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' })
    if (closeWatches > 0) {
      closeWatches--
      res.end()
      return
    }
    if (expireWatches > 0) {
      // What the API server sends when resourceVersion is older than it keeps (410 Gone as a watch event).
      expireWatches--
      res.end(`${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version', reason: 'Expired', code: 410 } })}\n`)
      return
    }
    const since = url.searchParams.get('resourceVersion')
    if (since === null || since === '0') {
      const object = objects.get(key('deployments', name))
      if (object) res.write(`${JSON.stringify({ type: 'ADDED', object })}\n`)
    } else {
      for (const entry of history.get(name) ?? []) if (entry.rv > Number(since)) res.write(`${JSON.stringify({ type: 'MODIFIED', object: entry.object })}\n`)
    }
    const watcher = { name, res }
    watchers.add(watcher)
    res.on('close', () => watchers.delete(watcher))
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    requests,
    get: (kind, name) => objects.get(key(kind, name)),
    seed({ app, service = app, ingress, blueImage, greenImage = blueImage, replicas = 2 }) {
      store('deployments', deployment(`${app}-blue`, 'blue', blueImage, replicas), 'ADDED')
      store('deployments', deployment(`${app}-green`, 'green', greenImage, replicas), 'ADDED')
      store('services', {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: service, namespace: K8S_NAMESPACE, uid: `uid-${service}`, labels: { app } },
        spec: { selector: { app, 'deploy-actions/color': 'blue' }, ports: [{ port: 80, targetPort: 8080 }], type: 'ClusterIP' }
      })
      for (const color of ['blue', 'green']) {
        store('services', {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: `${app}-${color}`, namespace: K8S_NAMESPACE, labels: { app } },
          spec: { selector: { app, 'deploy-actions/color': color }, ports: [{ port: 80, targetPort: 8080 }] }
        })
      }
      if (!ingress) return
      const rules = (backend: string): Json[] => [
        { host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] } }
      ]
      store('ingresses', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: ingress, namespace: K8S_NAMESPACE },
        spec: { ingressClassName: 'nginx', rules: rules(service) }
      })
      store('ingresses', {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: `${ingress}-canary`, namespace: K8S_NAMESPACE, annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '0' } },
        spec: { ingressClassName: 'nginx', rules: rules(`${app}-green`) }
      })
    },
    rollout: (name, behaviour) => void behaviours.set(name, behaviour),
    throttle(count, seconds = 1) {
      throttled = count
      retryAfter = seconds
    },
    failPatches(kind, count, code, match) {
      for (let i = 0; i < count; i++) failures.push({ kind, status: code, ...(match ? { match } : {}) })
    },
    raceNextPatch: (kind) => void races.add(kind),
    loseNextPatchAnswer: (kind) => void lostAnswers.add(kind),
    closeWatches(count) {
      closeWatches = count
    },
    expireWatches(count) {
      expireWatches = count
    },
    patches: (kind) => requests.filter((r) => r.method === 'PATCH' && (!kind || r.path.includes(`/${kind}/`))),
    async writeKubeconfig({ token = K8S_TOKEN, namespace = K8S_NAMESPACE } = {}) {
      const dir = await mkdtemp(join(tmpdir(), 'fake-kube-'))
      dirs.push(dir)
      const file = join(dir, 'config')
      await writeFile(
        file,
        [
          'apiVersion: v1',
          'kind: Config',
          'clusters:',
          '- name: fake',
          '  cluster:',
          `    server: ${url}`,
          // The client refuses plain HTTP unless told to skip TLS verification (the fake has no TLS).
          '    insecure-skip-tls-verify: true',
          'contexts:',
          '- name: fake-ci',
          '  context:',
          '    cluster: fake',
          '    user: deployer',
          `    namespace: ${namespace}`,
          'current-context: fake-ci',
          'users:',
          '- name: deployer',
          '  user:',
          `    token: ${token}`,
          ''
        ].join('\n')
      )
      return file
    },
    async stop() {
      clearInterval(ticker)
      for (const watcher of watchers) watcher.res.end()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      for (const dir of dirs) await rm(dir, { recursive: true, force: true })
    }
  }
}

function readyStatus(generation: number, replicas: number): Json {
  return {
    observedGeneration: generation,
    replicas,
    updatedReplicas: replicas,
    readyReplicas: replicas,
    availableReplicas: replicas,
    conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }]
  }
}

function json(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function status(res: ServerResponse, code: number, reason: string, message: string, details?: Json): void {
  json(res, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code })
}

/** RFC 7386: objects merged key by key, null deletes, anything else (lists included) replaces. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch)
  const result: Json = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Json) } : {}
  for (const [name, value] of Object.entries(patch as Json)) {
    if (value === null) delete result[name]
    else result[name] = mergePatch(result[name], value)
  }
  return result
}

/** RFC 6902 add / replace / remove / test over JSON pointers (~1 is "/", ~0 is "~"). */
function applyJsonPatch(target: Json, ops: Json[]): Json {
  const doc = structuredClone(target)
  for (const op of ops) {
    const parts = String(op.path)
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    const last = parts.pop()!
    let parent: unknown = doc
    for (const part of parts) {
      parent = (parent as Record<string, unknown>)?.[part]
      if (parent === undefined) throw new Error(`the path ${String(op.path)} does not exist`)
    }
    const container = parent as Record<string, unknown>
    if (op.op === 'test') {
      if (JSON.stringify(container[last]) !== JSON.stringify(op.value)) throw new Error(`the test of ${String(op.path)} failed`)
    } else if (op.op === 'replace') {
      if (!(last in container)) throw new Error(`the path ${String(op.path)} does not exist`)
      container[last] = op.value
    } else if (op.op === 'add') container[last] = op.value
    else if (op.op === 'remove') delete container[last]
    else throw new Error(`the operation ${String(op.op)} is not supported by the fake`)
  }
  return doc
}
