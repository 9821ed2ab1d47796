import { apiCall, type ClientDeps } from '../api-call.js'
import type { VercelConfig } from './config.js'
import type { VercelDeployment, VercelProject } from './vercel-mapping.js'

/**
 * The four Vercel REST endpoints the provider needs, over api-call.ts: bearer token, team scope,
 * retries with backoff and jitter, a per-attempt timeout and Retry-After on 429.
 */

export class VercelApi {
  constructor(
    private readonly config: VercelConfig,
    private readonly deps: ClientDeps
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

  private async call<T>(method: 'GET' | 'POST', path: string, query: Record<string, string>, signal: AbortSignal): Promise<T> {
    const url = new URL(`${this.config.apiUrl}${path}`)
    for (const [name, value] of Object.entries({ ...query, ...(this.config.team ?? {}) })) url.searchParams.set(name, value)
    const answer = await apiCall<T>({
      platform: 'Vercel',
      method,
      url: url.toString(),
      token: this.config.token,
      // Vercel's POST endpoints take their parameters in the path and query: the body is an empty object.
      ...(method === 'POST' ? { body: {} } : {}),
      signal,
      ...this.deps,
      access: `${method === 'GET' ? 'read' : 'change'} project ${this.config.project}${this.config.team ? ' in that team' : ''} (see docs/providers/vercel.md for the access it needs)`
    })
    return answer ?? ({} as T)
  }
}
