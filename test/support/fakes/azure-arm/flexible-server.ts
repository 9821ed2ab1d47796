import type { ArmContext, ArmRequest, ArmResourceHandler } from './core.js'

/**
 * Azure Database for PostgreSQL Flexible Server in the fake ARM (REST reference,
 * Microsoft.DBforPostgreSQL api-version 2024-08-01), the shapes the azure-flexible snapshot
 * provider uses:
 *
 *   PUT    …/flexibleServers/{server}/backups/{name}   → 202 + Azure-AsyncOperation + Location + Retry-After
 *   GET    …/flexibleServers/{server}/backups/{name}   → ServerBackup | 404 ResourceNotFound
 *   GET    …/flexibleServers/{server}/backups          → { value: ServerBackup[], nextLink? }
 *   DELETE …/flexibleServers/{server}/backups/{name}   → 202 + Azure-AsyncOperation + Location | 204
 *   GET    …/flexibleServers/{server}                  → Server { location, properties.fullyQualifiedDomainName, state }
 *   PUT    …/flexibleServers/{server}                  → 202 + Azure-AsyncOperation (createMode PointInTimeRestore)
 */

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

export interface FlexibleServerOptions {
  subscriptionId: string
  resourceGroup: string
  serverName: string
  location: string
  /** Backups per list page (nextLink beyond). */
  pageSize: number
}

export interface FlexibleServers {
  handler: ArmResourceHandler
  addBackup: (backup: { name: string; backupType?: string; completedTime?: string; server?: string }) => FakeBackup
  backups: (server?: string) => FakeBackup[]
  server: (name: string) => FakeServer | undefined
}

const PG = 'Microsoft.DBforPostgreSQL'
const ROUTE = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/([^/]+)(?:\/backups(?:\/([^/]+))?)?$/i

export function flexibleServers(options: FlexibleServerOptions): FlexibleServers {
  const { subscriptionId, resourceGroup, serverName, location, pageSize } = options
  const servers = new Map<string, FakeServer>()
  const backups = new Map<string, FakeBackup[]>()

  const serverId = (sub: string, rg: string, name: string): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/${PG}/flexibleServers/${name}`
  const key = (sub: string, rg: string, name: string): string => serverId(sub, rg, name).toLowerCase()
  const backupsOf = (k: string): FakeBackup[] => {
    const list = backups.get(k) ?? []
    backups.set(k, list)
    return list
  }

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
    backupsOf(key(sub, rg, name))
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
  backupsOf(key(subscriptionId, resourceGroup, serverName)).push(
    makeBackup(primary, 'daily_20261120T160516', 'Full', '2026-11-20T16:05:19.902522+00:00'),
    makeBackup(primary, 'daily_20261121T160520', 'Full', '2026-11-21T16:05:23.9243453+00:00')
  )

  function serverRequest({ method, body, res }: ArmRequest, { send, armError, startOperation, operationHeaders }: ArmContext, sub: string, rg: string, name: string): void {
    const server = servers.get(key(sub, rg, name))
    if (method === 'GET') {
      if (!server) return armError(res, 404, 'ResourceNotFound', `The Resource '${PG}/flexibleServers/${name}' under resource group '${rg}' was not found.`)
      return send(res, 200, { id: server.id, name: server.name, type: `${PG}/flexibleServers`, location: server.location, properties: server.properties })
    }
    if (method === 'PUT') {
      if (server) return armError(res, 409, 'ServerAlreadyExists', `Server '${name}' already exists.`)
      let parsed: { location?: string; properties?: { createMode?: string; sourceServerResourceId?: string; pointInTimeUTC?: string } }
      try {
        parsed = JSON.parse(body) as typeof parsed
      } catch {
        return armError(res, 400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.')
      }
      const props = parsed.properties ?? {}
      const newLocation = parsed.location
      if (!newLocation) return armError(res, 400, 'LocationRequired', 'The location property is required for this definition.')
      if (props.createMode !== 'PointInTimeRestore') return armError(res, 400, 'InvalidParameterValue', 'This fake only creates servers with createMode PointInTimeRestore.')
      if (!props.pointInTimeUTC || Number.isNaN(Date.parse(props.pointInTimeUTC))) return armError(res, 400, 'InvalidParameterValue', 'pointInTimeUTC is missing or not a date.')
      const source = props.sourceServerResourceId ? servers.get(props.sourceServerResourceId.toLowerCase()) : undefined
      if (!source) return armError(res, 400, 'SourceServerNotFound', `Source server '${props.sourceServerResourceId ?? ''}' was not found.`)
      const op = startOperation(PG, newLocation, () => {
        addServer(sub, rg, name, newLocation, { restoredFrom: source.id, pointInTimeUTC: props.pointInTimeUTC })
      })
      return send(res, 202, undefined, operationHeaders(sub, op))
    }
    return armError(res, 405, 'MethodNotAllowed', `${method} is not supported on servers by this fake.`)
  }

  function backupRequest({ method, query, res }: ArmRequest, context: ArmContext, sub: string, rg: string, name: string, backupName: string | undefined): void {
    const { send, armError, startOperation, operationHeaders } = context
    const server = servers.get(key(sub, rg, name))
    if (!server) return armError(res, 404, 'ResourceNotFound', `The Resource '${PG}/flexibleServers/${name}' under resource group '${rg}' was not found.`)
    const list = backupsOf(key(sub, rg, name))

    if (!backupName) {
      if (method !== 'GET') return armError(res, 405, 'MethodNotAllowed', `${method} is not supported on the backup collection.`)
      const skip = Number(query.$skiptoken ?? 0)
      const page = list.slice(skip, skip + pageSize)
      const next = skip + pageSize < list.length ? `${context.endpoint()}${server.id}/backups?api-version=${query['api-version']}&$skiptoken=${skip + pageSize}` : undefined
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
      const op = startOperation(PG, server.location, () => {
        list.push(makeBackup(server, backupName, 'Customer On-Demand', new Date().toISOString()))
      })
      return send(res, 202, undefined, operationHeaders(sub, op))
    }
    if (method === 'DELETE') {
      if (!existing) return send(res, 204)
      const op = startOperation(PG, server.location, () => {
        const index = list.indexOf(existing)
        if (index >= 0) list.splice(index, 1)
      })
      return send(res, 202, undefined, operationHeaders(sub, op))
    }
    return armError(res, 405, 'MethodNotAllowed', `${method} is not supported on backups.`)
  }

  const handler: ArmResourceHandler = (req, context) => {
    const m = ROUTE.exec(req.path)
    if (!m) return false
    const [, sub, rg, name, backupName] = m
    if (/\/backups(\/|$)/i.test(req.path)) backupRequest(req, context, sub, rg, name, backupName)
    else serverRequest(req, context, sub, rg, name)
    return true
  }

  return {
    handler,
    addBackup: ({ name, backupType = 'Customer On-Demand', completedTime = new Date().toISOString(), server = serverName }) => {
      const target = servers.get(key(subscriptionId, resourceGroup, server))
      if (!target) throw new Error(`fake ARM: no server ${server}`)
      const backup = makeBackup(target, name, backupType, completedTime)
      backupsOf(key(subscriptionId, resourceGroup, server)).push(backup)
      return backup
    },
    backups: (server = serverName) => [...(backups.get(key(subscriptionId, resourceGroup, server)) ?? [])],
    server: (name) => servers.get(key(subscriptionId, resourceGroup, name))
  }
}
