import { HttpStatusError, httpRequestWithRetry } from '../../../core/http.js'
import type { Logger } from '../../../core/log.js'
import type { VercelConfig } from './config.js'
import type { VercelDeployment, VercelProject } from './vercel-mapping.js'

/**
 * The four Vercel REST endpoints the provider needs, over packages/core/http.ts: bearer token,
 * team scope, retries with backoff and jitter, a per-attempt timeout and Retry-After on 429.
 */

export interface VercelApiDeps {
  logger: Logger
  sleep?: (ms: number) => Promise<void>
}

export class VercelApi {
  constructor(
    private readonly config: VercelConfig,
    private readonly deps: VercelApiDeps
  ) {}

  getProject(signal: AbortSignal): Promise<VercelProject> {
    // rollbackInfo asks newer API versions to include lastAliasRequest (the last promote or rollback and its job status).
    return this.call<VercelProject>('GET', `/v9/projects/${encodeURIComponent(this.config.project)}`, { rollbackInfo: 'true' }, signal)
  }

  getDeployment(idOrUrl: string, signal: AbortSignal): Promise<VercelDeployment> {
    return this.call<VercelDeployment>('GET', `/v13/deployments/${encodeURIComponent(idOrUrl)}`, {}, signal)
  }

  /** Points every production domain at an existing deployment, without rebuilding it (201 or 202). */
  async promote(projectId: string, deploymentId: string, signal: AbortSignal): Promise<void> {
    await this.call('POST', `/v10/projects/${encodeURIComponent(projectId)}/promote/${encodeURIComponent(deploymentId)}`, {}, signal)
  }

  /** Instant rollback: production domains back to an earlier production deployment (201). */
  async rollback(projectId: string, deploymentId: string, description: string, signal: AbortSignal): Promise<void> {
    await this.call('POST', `/v1/projects/${encodeURIComponent(projectId)}/rollback/${encodeURIComponent(deploymentId)}`, { description: description.slice(0, 200) }, signal)
  }

  private async call<T>(method: string, path: string, query: Record<string, string>, signal: AbortSignal): Promise<T> {
    const url = new URL(`${this.config.apiUrl}${path}`)
    for (const [name, value] of Object.entries({ ...query, ...(this.config.team ?? {}) })) url.searchParams.set(name, value)
    const what = `Vercel API ${method} ${path}`
    try {
      const response = await httpRequestWithRetry(
        {
          url: url.toString(),
          method,
          headers: { authorization: `Bearer ${this.config.token}`, accept: 'application/json', ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
          ...(method === 'POST' ? { body: '{}' } : {}),
          timeoutMs: 30_000
        },
        what,
        {
          attempts: 6,
          baseDelayMs: 1000,
          maxDelayMs: 30_000,
          signal,
          ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
          onRetry: ({ attempt, delayMs, error }) =>
            this.deps.logger.info(`  ${what}: ${error instanceof HttpStatusError ? `HTTP ${error.status}` : 'no answer'}; retry ${attempt} in ${Math.round(delayMs / 100) / 10}s`)
        }
      )
      return (response.body.trim() === '' ? {} : JSON.parse(response.body)) as T
    } catch (error) {
      if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403)) {
        throw new Error(
          `${what} answered HTTP ${error.status}: the token cannot ${method === 'GET' ? 'read' : 'change'} project ${this.config.project}${this.config.team ? ' in that team' : ''} (see docs/providers/vercel.md for the access it needs)`,
          { cause: error }
        )
      }
      throw error
    }
  }
}
