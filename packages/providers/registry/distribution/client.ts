import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import { Agent, request } from 'undici'
import { isRetryableStatus } from '../../../core/http.js'
import type { Logger } from '../../../core/log.js'
import { parseRetryAfter } from '../../../core/retry-after.js'
import { retry } from '../../../core/retry.js'
import { apiHost } from '../image-ref.js'
import type { RegistryCredential } from '../types.js'
import { parseAuthChallenge, tokenUrl, type AuthChallenge } from './auth-challenge.js'
import { MANIFEST_TYPES } from './media-types.js'

/**
 * A small client of the OCI distribution API (the calls a push, a tag and a copy need), with
 * Basic and Bearer token auth and every request retried on network errors, 408/429/5xx with
 * backoff, jitter, a per-attempt timeout and Retry-After (packages/core/retry.ts).
 */

export interface ClientOptions {
  credential?: RegistryCredential
  /** Plain HTTP (a registry on loopback or a private network without TLS). */
  insecure?: boolean
  attempts: number
  attemptTimeoutMs: number
  baseDelayMs?: number
  logger: Logger
  signal?: AbortSignal
  sleep?: (ms: number) => Promise<void>
}

export interface Manifest {
  mediaType: string
  digest: string
  body: Buffer
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

interface Response {
  status: number
  headers: Record<string, string>
  body: Buffer
}

export function sha256Digest(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`
}

export class RegistryClient {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 16 })
  private readonly tokens = new Map<string, string>()
  private challenge?: AuthChallenge
  readonly base: string

  constructor(
    readonly host: string,
    private readonly options: ClientOptions
  ) {
    this.base = `${options.insecure ? 'http' : 'https'}://${apiHost(host)}/v2/`
  }

  async close(): Promise<void> {
    await this.agent.close()
  }

  async getManifest(repository: string, reference: string): Promise<Manifest | undefined> {
    const response = await this.send('GET', `${repository}/manifests/${reference}`, repository, 'pull', { headers: { accept: MANIFEST_TYPES.join(', ') }, ok: [200, 404] })
    if (response.status === 404) return undefined
    const mediaType = (response.headers['content-type'] ?? '').split(';')[0].trim()
    return { mediaType, digest: response.headers['docker-content-digest'] ?? sha256Digest(response.body), body: response.body }
  }

  async putManifest(repository: string, reference: string, manifest: { mediaType: string; body: Buffer }): Promise<string> {
    const response = await this.send('PUT', `${repository}/manifests/${reference}`, repository, 'pull,push', {
      headers: { 'content-type': manifest.mediaType },
      body: manifest.body,
      ok: [201]
    })
    return response.headers['docker-content-digest'] ?? sha256Digest(manifest.body)
  }

  async blobExists(repository: string, digest: string): Promise<boolean> {
    const response = await this.send('HEAD', `${repository}/blobs/${digest}`, repository, 'pull', { ok: [200, 404] })
    return response.status === 200
  }

  async getBlob(repository: string, digest: string): Promise<Buffer> {
    const response = await this.send('GET', `${repository}/blobs/${digest}`, repository, 'pull', { ok: [200] })
    if (sha256Digest(response.body) !== digest) throw new RegistryError(`${this.host}/${repository}: blob ${digest} arrived with a different digest`)
    return response.body
  }

  /**
   * Uploads a blob in one PUT (POST for a session, then PUT …?digest=); a retry starts a new
   * session and opens the blob again, so a layer on disk is streamed, never held in memory.
   */
  async pushBlob(repository: string, digest: string, size: number, open: () => Promise<Buffer | Readable>): Promise<void> {
    await this.withRetry(`upload ${digest.slice(0, 19)} to ${this.host}/${repository}`, async (signal) => {
      const started = await this.once('POST', `${repository}/blobs/uploads/`, repository, 'pull,push', { ok: [202], signal })
      const location = started.headers.location
      if (!location) throw new RegistryError(`${this.host}: the upload session has no Location`)
      const url = new URL(location, this.base)
      url.searchParams.set('digest', digest)
      const body = await open()
      await this.once('PUT', url.toString(), repository, 'pull,push', { headers: { 'content-type': 'application/octet-stream' }, body, size, ok: [201], signal })
    })
  }

  async listTags(repository: string): Promise<string[]> {
    const response = await this.send('GET', `${repository}/tags/list`, repository, 'pull', { ok: [200, 404] })
    if (response.status === 404) return []
    return (JSON.parse(response.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []
  }

  private send(method: string, path: string, repository: string, actions: string, init: RequestInit): Promise<Response> {
    return this.withRetry(`${method} ${this.host}/${path.split('/').slice(-2).join('/')}`, (signal) => this.once(method, path, repository, actions, { ...init, signal }))
  }

  private withRetry<T>(what: string, operation: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { attempts, attemptTimeoutMs, baseDelayMs = 500, logger, signal, sleep } = this.options
    return retry(operation, {
      attempts,
      attemptTimeoutMs,
      baseDelayMs,
      signal,
      sleep,
      isRetryable: (error) => !(error instanceof RegistryError) || (error.status !== undefined && isRetryableStatus(error.status)),
      onRetry: ({ attempt, delayMs, error }) =>
        logger.info(`${what}: attempt ${attempt} failed (${error instanceof Error ? error.message : String(error)}); retrying in ${(delayMs / 1000).toFixed(1)} s`)
    })
  }

  /** One request, answering the registry's 401 challenge once (Basic, or a Bearer token for the scope). */
  private async once(method: string, path: string, repository: string, actions: string, init: RequestInit & { signal: AbortSignal }): Promise<Response> {
    const url = /^https?:/.test(path) ? path : `${this.base}${path}`
    const scope = `repository:${repository}:${actions}`
    let response = await this.raw(method, url, init, await this.authorization(scope, init.signal))
    if (response.status === 401 && !(init.body && !Buffer.isBuffer(init.body))) {
      this.challenge = parseAuthChallenge(response.headers['www-authenticate'])
      this.tokens.delete(scope)
      const authorization = await this.authorization(scope, init.signal)
      if (authorization) response = await this.raw(method, url, init, authorization)
    }
    if (!init.ok.includes(response.status)) {
      const detail = response.body.toString('utf8').trim().replace(/\s+/g, ' ').slice(0, 200)
      const hint = response.status === 401 || response.status === 403 ? ' (check the registry credentials and their permission to push)' : ''
      throw new RegistryError(
        `${method} ${this.host}/${repository} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}${hint}`,
        response.status,
        parseRetryAfter(response.headers['retry-after'])
      )
    }
    return response
  }

  private async authorization(scope: string, signal: AbortSignal): Promise<string | undefined> {
    const credential = this.options.credential
    const challenge = this.challenge
    if (!challenge) return undefined
    if (challenge.scheme === 'basic') return credential ? `Basic ${basic(credential)}` : undefined
    const cached = this.tokens.get(scope)
    if (cached) return `Bearer ${cached}`
    const url = tokenUrl(challenge, scope)
    if (!url) return undefined
    const response = await this.raw('GET', url, { ok: [200], signal }, credential ? `Basic ${basic(credential)}` : undefined)
    if (response.status !== 200)
      throw new RegistryError(
        `${this.host}: the token service answered HTTP ${response.status} for ${scope} (check the registry credentials)`,
        response.status,
        parseRetryAfter(response.headers['retry-after'])
      )
    const body = JSON.parse(response.body.toString('utf8')) as { token?: string; access_token?: string }
    const token = body.token ?? body.access_token
    if (!token) throw new RegistryError(`${this.host}: the token service gave no token`)
    this.tokens.set(scope, token)
    return `Bearer ${token}`
  }

  private async raw(method: string, url: string, init: RequestInit & { signal: AbortSignal }, authorization: string | undefined): Promise<Response> {
    const headers: Record<string, string> = { ...(init.headers ?? {}) }
    if (authorization) headers.authorization = authorization
    if (init.body) headers['content-length'] = String(Buffer.isBuffer(init.body) ? init.body.length : init.size)
    const response = await request(url, { method, headers, body: init.body, signal: init.signal, dispatcher: this.agent })
    const chunks: Buffer[] = []
    for await (const chunk of response.body) chunks.push(chunk as Buffer)
    const flat: Record<string, string> = {}
    for (const [name, value] of Object.entries(response.headers)) if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
    return { status: response.statusCode, headers: flat, body: Buffer.concat(chunks) }
  }
}

interface RequestInit {
  headers?: Record<string, string>
  /** A stream is sent once: it cannot answer a 401 challenge again (the POST before it already did). */
  body?: Buffer | Readable
  /** Length of a streamed body. */
  size?: number
  ok: number[]
  signal?: AbortSignal
}

function basic(credential: RegistryCredential): string {
  return Buffer.from(`${credential.username}:${credential.password}`).toString('base64')
}
