import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { errorMessage } from '../../../../packages/core/error-message.js'

/**
 * The Azure Resource Manager part every fake resource shares: one local HTTP server that checks
 * `Authorization: Bearer <token>` (401 AuthenticationFailed) and `api-version` (400
 * MissingApiVersionParameter), records every request, answers 429 + Retry-After while a
 * `throttle()` rule lasts, runs long-running operations (202 + Azure-AsyncOperation + Location +
 * Retry-After; the operation stays InProgress for `pollsUntilDone` polls, or ends Failed after
 * `failNextOperation()`), and answers as an Azure App Service managed-identity endpoint
 * (GET /msi/token with X-IDENTITY-HEADER) so the REAL @azure/identity chain can sign in.
 *
 * Resources are handlers beside this file (flexible-server.ts; App Service and others go next to
 * it): each matches its own paths and uses the context's send / armError / startOperation.
 *
 *   GET /subscriptions/{sub}/providers/{namespace}/locations/{loc}/azureAsyncOperation/{id}
 *       → { name, status: InProgress|Succeeded|Failed, percentComplete, startTime, endTime, error }
 *   GET …/locations/{loc}/operationResults/{id}     → 202 while running, 200 when done
 */

export interface ArmCoreOptions {
  /** The Bearer token every ARM call must carry, and the one /msi/token issues. */
  token?: string
  /** Polls an operation stays InProgress before it ends. Default 2. */
  pollsUntilDone?: number
  /** Retry-After (seconds) on 202 answers and InProgress polls. Default 0. */
  retryAfterSeconds?: number
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  body: string
}

export interface ArmRequest extends RecordedRequest {
  res: ServerResponse
}

export interface ArmOperation {
  id: string
  namespace: string
  location: string
  status: 'InProgress' | 'Succeeded' | 'Failed'
  polls: number
  startTime: string
  endTime?: string
  error?: { code: string; message: string }
  complete: () => void
}

/** What a resource handler is given. */
export interface ArmContext {
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  endpoint: () => string
  send: (res: ServerResponse, status: number, body?: unknown, headers?: Record<string, string>) => void
  armError: (res: ServerResponse, status: number, code: string, message: string, headers?: Record<string, string>) => void
  /** Starts a long-running operation; `complete` runs when it succeeds. Answer 202 with `operationHeaders`. */
  startOperation: (namespace: string, location: string, complete: () => void) => ArmOperation
  operationHeaders: (subscriptionId: string, op: ArmOperation) => Record<string, string>
}

/** One kind of resource: returns false when the path is not its own. */
export type ArmResourceHandler = (req: ArmRequest, context: ArmContext) => boolean

export interface ArmCore {
  endpoint: string
  identityEndpoint: string
  identityHeader: string
  token: string
  requests: RecordedRequest[]
  throttle: (rule: { times: number; retryAfterSeconds: number; method?: string; pathIncludes?: string }) => void
  failNextOperation: (error: { code: string; message: string }) => void
  stop: () => Promise<void>
}

export async function startArmCore(handlers: ArmResourceHandler[], options: ArmCoreOptions = {}): Promise<ArmCore> {
  const token = options.token ?? 'fake-arm-token'
  const identityHeader = `fake-identity-header-${randomUUID()}`
  const pollsUntilDone = options.pollsUntilDone ?? 2
  const retryAfter = String(options.retryAfterSeconds ?? 0)
  const requests: RecordedRequest[] = []
  const throttles: Array<{ times: number; retryAfterSeconds: number; method?: string; pathIncludes?: string }> = []
  const operations = new Map<string, ArmOperation>()
  let nextFailure: { code: string; message: string } | undefined
  let endpoint = ''

  function send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    const text = body === undefined ? '' : JSON.stringify(body)
    res.writeHead(status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), 'x-ms-request-id': randomUUID(), ...headers })
    res.end(text)
  }

  function armError(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}): void {
    send(res, status, { error: { code, message } }, headers)
  }

  function startOperation(namespace: string, location: string, complete: () => void): ArmOperation {
    const op: ArmOperation = { id: randomUUID(), namespace, location, status: 'InProgress', polls: 0, startTime: new Date().toISOString(), complete }
    if (nextFailure) {
      op.error = nextFailure
      nextFailure = undefined
    }
    operations.set(op.id, op)
    return op
  }

  function advance(op: ArmOperation): void {
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

  function operationHeaders(sub: string, op: ArmOperation): Record<string, string> {
    const base = `${endpoint}/subscriptions/${sub}/providers/${op.namespace}/locations/${op.location}`
    return {
      'Azure-AsyncOperation': `${base}/azureAsyncOperation/${op.id}?api-version=2024-08-01`,
      Location: `${base}/operationResults/${op.id}?api-version=2024-08-01`,
      'Retry-After': retryAfter
    }
  }

  const context: ArmContext = { endpoint: () => endpoint, send, armError, startOperation, operationHeaders }

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
    if (!query['api-version']) return armError(res, 400, 'MissingApiVersionParameter', 'The api-version query parameter (?api-version=) is required for all requests.')

    const m = /^\/subscriptions\/([^/]+)\/providers\/([^/]+)\/locations\/([^/]+)\/(azureAsyncOperation|operationResults)\/([^/]+)$/i.exec(path)
    if (m && method === 'GET') {
      const op = operations.get(m[5])
      if (!op) return armError(res, 404, 'ResourceNotFound', `Operation ${m[5]} not found.`)
      advance(op)
      const polling: Record<string, string> = op.status === 'InProgress' ? { 'Retry-After': retryAfter } : {}
      if (m[4] === 'azureAsyncOperation') {
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
      if (op.status === 'Failed') return armError(res, 400, op.error?.code ?? 'Failed', op.error?.message ?? 'failed')
      return send(res, 200)
    }

    const request: ArmRequest = { method, path, query, headers, body, res }
    for (const handler of handlers) if (handler(request, context)) return
    return armError(res, 404, 'InvalidResourceType', `No route for ${method} ${path} in the fake ARM server.`)
  }

  const http = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'))
      } catch (error) {
        armError(res, 500, 'InternalServerError', errorMessage(error))
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
    requests,
    throttle: (rule) => {
      throttles.push({ ...rule })
    },
    failNextOperation: (error) => {
      nextFailure = error
    },
    stop: async () => {
      http.closeAllConnections()
      await new Promise<void>((resolve) => http.close(() => resolve()))
    }
  }
}
