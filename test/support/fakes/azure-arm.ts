import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ArmTokenCredential } from '../../../packages/clouds/azure/credential.js'

/**
 * A local HTTP server speaking the Azure Resource Manager shapes the azure-flexible snapshot
 * provider uses (REST reference, Microsoft.DBforPostgreSQL api-version 2024-08-01):
 *
 *   PUT    …/flexibleServers/{server}/backups/{name}   → 202 + Azure-AsyncOperation + Location + Retry-After
 *   GET    …/flexibleServers/{server}/backups/{name}   → ServerBackup | 404 ResourceNotFound
 *   GET    …/flexibleServers/{server}/backups          → { value: ServerBackup[], nextLink? }
 *   DELETE …/flexibleServers/{server}/backups/{name}   → 202 + Azure-AsyncOperation + Location | 204
 *   GET    …/flexibleServers/{server}                  → Server { location, properties.fullyQualifiedDomainName, state }
 *   PUT    …/flexibleServers/{server}                  → 202 + Azure-AsyncOperation (createMode PointInTimeRestore)
 *   GET    /subscriptions/{sub}/providers/Microsoft.DBforPostgreSQL/locations/{loc}/azureAsyncOperation/{id}
 *          → { name, status: InProgress|Succeeded|Failed, percentComplete, startTime, endTime, error }
 *   GET    …/locations/{loc}/operationResults/{id}     → 202 while running, 200 when done
 *
 * Every call needs `Authorization: Bearer <fake.token>` (401 AuthenticationFailed otherwise) and
 * an api-version (400 MissingApiVersionParameter). An operation stays InProgress for
 * `pollsUntilDone` polls. `throttle()` makes the next matching calls answer 429 + Retry-After;
 * `failNextOperation()` makes the next long-running operation end Failed with that error.
 *
 * It also answers as an Azure App Service managed-identity endpoint (GET /msi/token with the
 * X-IDENTITY-HEADER header → { access_token, expires_on, resource, token_type }), so the REAL
 * @azure/identity credential chain can sign in against it.
 *
 * How to use it
 * - In-process (unit tests):
 *     const fake = await startFakeArm()
 *     const provider = await createSnapshotProvider({ kind: 'azure-flexible', endpoint: fake.endpoint,
 *       subscriptionId: fake.subscriptionId, resourceGroup: fake.resourceGroup,
 *       credential: staticTokenCredential(fake.token), sleep: async () => {} })
 * - Runner level (the db-backup action run as a process by runAction): pass env
 *     DEPLOY_ACTIONS_ARM_ENDPOINT: fake.endpoint         (or the action's own endpoint input → config.endpoint)
 *     IDENTITY_ENDPOINT: fake.identityEndpoint, IDENTITY_HEADER: fake.identityHeader
 *   and no AZURE_CLIENT_SECRET / ACTIONS_ID_TOKEN_REQUEST_* so the credential builder takes its
 *   managed-identity leg; give the subscription/resource group the fake was started with
 *   (fake.subscriptionId, fake.resourceGroup) and the source fake.serverName. With the default
 *   `retryAfterSeconds: 0` the fake answers `Retry-After: 0`, which the provider honours, so a
 *   runner-level backup or restore completes in well under a second of real time.
 */

export interface FakeArmOptions {
  /** The Bearer token every ARM call must carry, and the one /msi/token issues. */
  token?: string
  subscriptionId?: string
  resourceGroup?: string
  serverName?: string
  location?: string
  /** Polls an operation stays InProgress before it ends. Default 2. */
  pollsUntilDone?: number
  /** Retry-After (seconds) on 202 answers and InProgress polls. Default 0. */
  retryAfterSeconds?: number
  /** Backups per list page (nextLink beyond). Default 50. */
  pageSize?: number
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body: string
}

export interface FakeBackup {
  id: string
  name: string
  type: string
  properties: { backupType: string; completedTime: string; source: string }
}

export interface FakeServer {
  id: string
  name: string
  location: string
  subscriptionId: string
  resourceGroup: string
  properties: Record<string, unknown>
}

export interface FakeArm {
  endpoint: string
  identityEndpoint: string
  identityHeader: string
  token: string
  subscriptionId: string
  resourceGroup: string
  serverName: string
  location: string
  requests: RecordedRequest[]
  /** The next `times` calls (matching method / path fragment when given) answer 429 + Retry-After. */
  throttle(rule: { times: number; retryAfterSeconds: number; method?: string; pathIncludes?: string }): void
  /** The next long-running operation ends Failed with this error. */
  failNextOperation(error: { code: string; message: string }): void
  addBackup(backup: { name: string; backupType?: string; completedTime?: string; server?: string }): FakeBackup
  backups(server?: string): FakeBackup[]
  server(name: string): FakeServer | undefined
  stop(): Promise<void>
}

interface Operation {
  id: string
  location: string
  status: 'InProgress' | 'Succeeded' | 'Failed'
  polls: number
  startTime: string
  endTime?: string
  error?: { code: string; message: string }
  complete: () => void
}

/** A credential that always returns the given token: inject it through SnapshotProviderConfig.credential. */
export function staticTokenCredential(token: string): ArmTokenCredential {
  return { getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) }
}

const PG = 'Microsoft.DBforPostgreSQL'

export async function startFakeArm(options: FakeArmOptions = {}): Promise<FakeArm> {
  const token = options.token ?? 'fake-arm-token'
  const identityHeader = `fake-identity-header-${randomUUID()}`
  const subscriptionId = options.subscriptionId ?? '00000000-0000-0000-0000-0000000000aa'
  const resourceGroup = options.resourceGroup ?? 'rg-deploy'
  const serverName = options.serverName ?? 'shop-pg'
  const location = options.location ?? 'westeurope'
  const pollsUntilDone = options.pollsUntilDone ?? 2
  const retryAfter = String(options.retryAfterSeconds ?? 0)
  const pageSize = options.pageSize ?? 50

  const requests: RecordedRequest[] = []
  const throttles: Array<{ times: number; retryAfterSeconds: number; method?: string; pathIncludes?: string }> = []
  const operations = new Map<string, Operation>()
  const servers = new Map<string, FakeServer>()
  const backups = new Map<string, FakeBackup[]>()
  let nextFailure: { code: string; message: string } | undefined
  let endpoint = ''

  const serverId = (sub: string, rg: string, name: string): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/${PG}/flexibleServers/${name}`
  const key = (sub: string, rg: string, name: string): string => serverId(sub, rg, name).toLowerCase()

  function addServer(sub: string, rg: string, name: string, loc: string, extra: Record<string, unknown> = {}): FakeServer {
    const server: FakeServer = {
      id: serverId(sub, rg, name),
      name,
      location: loc,
      subscriptionId: sub,
      resourceGroup: rg,
      properties: {
        fullyQualifiedDomainName: `${name}.postgres.database.azure.com`,
        version: '16',
        state: 'Ready',
        administratorLogin: 'pgadmin',
        ...extra
      }
    }
    servers.set(key(sub, rg, name), server)
    backups.set(key(sub, rg, name), backups.get(key(sub, rg, name)) ?? [])
    return server
  }

  function makeBackup(server: FakeServer, name: string, backupType: string, completedTime: string): FakeBackup {
    return {
      id: `${server.id}/backups/${name}`,
      name,
      type: `${PG}/flexibleServers/backups`,
      properties: { backupType, completedTime, source: backupType === 'Full' ? 'Automatic' : 'Customer Initiated' }
    }
  }

  const primary = addServer(subscriptionId, resourceGroup, serverName, location)
  backups.get(key(subscriptionId, resourceGroup, serverName))!.push(
    makeBackup(primary, 'daily_20261120T160516', 'Full', '2026-11-20T16:05:19.902522+00:00'),
    makeBackup(primary, 'daily_20261121T160520', 'Full', '2026-11-21T16:05:23.9243453+00:00')
  )

  function startOperation(loc: string, complete: () => void): Operation {
    const op: Operation = { id: randomUUID(), location: loc, status: 'InProgress', polls: 0, startTime: new Date().toISOString(), complete }
    if (nextFailure) {
      op.error = nextFailure
      nextFailure = undefined
    }
    operations.set(op.id, op)
    return op
  }

  function advance(op: Operation): void {
    if (op.status !== 'InProgress') return
    op.polls += 1
    if (op.polls < pollsUntilDone) return
    op.endTime = new Date().toISOString()
    if (op.error) {
      op.status = 'Failed'
    } else {
      op.status = 'Succeeded'
      op.complete()
    }
  }

  function operationHeaders(sub: string, op: Operation): Record<string, string> {
    const base = `${endpoint}/subscriptions/${sub}/providers/${PG}/locations/${op.location}`
    return {
      'Azure-AsyncOperation': `${base}/azureAsyncOperation/${op.id}?api-version=2024-08-01`,
      Location: `${base}/operationResults/${op.id}?api-version=2024-08-01`,
      'Retry-After': retryAfter
    }
  }

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), 'x-ms-request-id': randomUUID(), ...headers })
    res.end(text)
  }

  function armError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
    send(res, status, { error: { code, message } }, headers)
  }

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', 'http://fake')
    const method = (req.method ?? 'GET').toUpperCase()
    const path = decodeURIComponent(url.pathname)
    const query = Object.fromEntries(url.searchParams)
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]))
    requests.push({ method, path, query, headers, body })

    // Azure App Service managed identity endpoint (api-version 2019-08-01).
    if (path === '/msi/token') {
      if (headers['x-identity-header'] !== identityHeader) return armError(res, 401, 'Unauthorized', 'missing or wrong X-IDENTITY-HEADER')
      return send(res, 200, {
        access_token: token,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: query.resource ?? '',
        token_type: 'Bearer',
        client_id: query.client_id ?? '00000000-0000-0000-0000-00000000c11e'
      })
    }

    const throttle = throttles.find((t) => t.times > 0 && (!t.method || t.method === method) && (!t.pathIncludes || path.includes(t.pathIncludes)))
    if (throttle) {
      throttle.times -= 1
      return armError(res, 429, 'TooManyRequests', 'The request is being throttled.', { 'Retry-After': String(throttle.retryAfterSeconds) })
    }
    if (headers.authorization !== `Bearer ${token}`) {
      return armError(res, 401, 'AuthenticationFailed', 'Authentication failed. The Authorization header is missing or invalid.')
    }
    if (!query['api-version']) return armError(res, 400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.")

    let m = /^\/subscriptions\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/locations\/([^/]+)\/(azureAsyncOperation|operationResults)\/([^/]+)$/i.exec(path)
    if (m && method === 'GET') {
      const op = operations.get(m[4])
      if (!op) return armError(res, 404, 'ResourceNotFound', `Operation ${m[4]} not found.`)
      advance(op)
      const polling: Record<string, string> = op.status === 'InProgress' ? { 'Retry-After': retryAfter } : {}
      if (m[3] === 'azureAsyncOperation') {
        return send(
          res,
          200,
          {
            name: op.id,
            status: op.status,
            startTime: op.startTime,
            ...(op.endTime ? { endTime: op.endTime } : {}),
            ...(op.status === 'InProgress' ? { percentComplete: Math.round((op.polls / pollsUntilDone) * 100) } : {}),
            ...(op.status === 'Failed' ? { error: op.error } : {})
          },
          polling
        )
      }
      if (op.status === 'InProgress') return send(res, 202, undefined, { ...operationHeaders(m[1], op) })
      if (op.status === 'Failed') return armError(res, 400, op.error!.code, op.error!.message)
      return send(res, 200)
    }

    m = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)(?:\/backups(?:\/([^/]+))?)?$/i.exec(path)
    if (!m) return armError(res, 404, 'InvalidResourceType', `No route for ${method} ${path} in the fake ARM server.`)
    const [, sub, rg, name, backupName] = m
    const isBackups = /\/backups(\/|$)/i.test(path)
    const server = servers.get(key(sub, rg, name))

    if (!isBackups) {
      if (method === 'GET') {
        if (!server) return armError(res, 404, 'ResourceNotFound', `The Resource '${PG}/flexibleServers/${name}' under resource group '${rg}' was not found.`)
        return send(res, 200, { id: server.id, name: server.name, type: `${PG}/flexibleServers`, location: server.location, properties: server.properties })
      }
      if (method === 'PUT') {
        if (server) return armError(res, 409, 'ServerAlreadyExists', `Server '${name}' already exists.`)
        let parsed: { location?: string; properties?: { createMode?: string; sourceServerResourceId?: string; pointInTimeUTC?: string } }
        try {
          parsed = JSON.parse(body)
        } catch {
          return armError(res, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')
        }
        const props = parsed.properties ?? {}
        if (!parsed.location) return armError(res, 400, 'LocationRequired', 'The location property is required for this definition.')
        if (props.createMode !== 'PointInTimeRestore') return armError(res, 400, 'InvalidParameterValue', 'This fake only creates servers with createMode PointInTimeRestore.')
        if (!props.pointInTimeUTC || Number.isNaN(Date.parse(props.pointInTimeUTC))) return armError(res, 400, 'InvalidParameterValue', 'pointInTimeUTC is missing or not a date.')
        const source = props.sourceServerResourceId ? servers.get(props.sourceServerResourceId.toLowerCase()) : undefined
        if (!source) return armError(res, 400, 'SourceServerNotFound', `Source server '${props.sourceServerResourceId ?? ''}' was not found.`)
        const op = startOperation(parsed.location, () => {
          addServer(sub, rg, name, parsed.location!, { restoredFrom: source.id, pointInTimeUTC: props.pointInTimeUTC })
        })
        return send(res, 202, undefined, operationHeaders(sub, op))
      }
      return armError(res, 405, 'MethodNotAllowed', `${method} is not supported on servers by this fake.`)
    }

    if (!server) return armError(res, 404, 'ResourceNotFound', `The Resource '${PG}/flexibleServers/${name}' under resource group '${rg}' was not found.`)
    const list = backups.get(key(sub, rg, name))!

    if (!backupName) {
      if (method !== 'GET') return armError(res, 405, 'MethodNotAllowed', `${method} is not supported on the backup collection.`)
      const skip = Number(query.$skiptoken ?? 0)
      const page = list.slice(skip, skip + pageSize)
      const next = skip + pageSize < list.length ? `${endpoint}${server.id}/backups?api-version=${query['api-version']}&$skiptoken=${skip + pageSize}` : undefined
      return send(res, 200, { value: page, ...(next ? { nextLink: next } : {}) })
    }

    if (!/^[-\w._]+$/.test(backupName)) return armError(res, 400, 'InvalidResourceName', `The backup name '${backupName}' is invalid.`)
    const existing = list.find((b) => b.name === backupName)
    if (method === 'GET') {
      if (!existing) return armError(res, 404, 'ResourceNotFound', `The backup '${backupName}' was not found.`)
      return send(res, 200, existing)
    }
    if (method === 'PUT') {
      if (existing) return send(res, 200, existing)
      const op = startOperation(server.location, () => {
        list.push(makeBackup(server, backupName, 'Customer On-Demand', new Date().toISOString()))
      })
      return send(res, 202, undefined, operationHeaders(sub, op))
    }
    if (method === 'DELETE') {
      if (!existing) return send(res, 204)
      const op = startOperation(server.location, () => {
        const index = list.indexOf(existing)
        if (index >= 0) list.splice(index, 1)
      })
      return send(res, 202, undefined, operationHeaders(sub, op))
    }
    return armError(res, 405, 'MethodNotAllowed', `${method} is not supported on backups.`)
  }

  const http = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'))
      } catch (error) {
        armError(res, 500, 'InternalServerError', error instanceof Error ? error.message : String(error))
      }
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(http.address() as AddressInfo).port}`

  return {
    endpoint,
    identityEndpoint: `${endpoint}/msi/token`,
    identityHeader,
    token,
    subscriptionId,
    resourceGroup,
    serverName,
    location,
    requests,
    throttle: (rule) => {
      throttles.push({ ...rule })
    },
    failNextOperation: (error) => {
      nextFailure = error
    },
    addBackup: ({ name, backupType = 'Customer On-Demand', completedTime = new Date().toISOString(), server = serverName }) => {
      const target = servers.get(key(subscriptionId, resourceGroup, server))
      if (!target) throw new Error(`fake ARM: no server ${server}`)
      const backup = makeBackup(target, name, backupType, completedTime)
      backups.get(key(subscriptionId, resourceGroup, server))!.push(backup)
      return backup
    },
    backups: (server = serverName) => [...(backups.get(key(subscriptionId, resourceGroup, server)) ?? [])],
    server: (name) => servers.get(key(subscriptionId, resourceGroup, name)),
    stop: async () => {
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    }
  }
}
