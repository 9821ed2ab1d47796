import { apiCall, type ClientDeps } from '../api-call.js'
import type { RenderConfig } from './config.js'
import type { RenderDeploy, RenderService } from './render-mapping.js'

/** The Render REST endpoints the provider needs (https://api.render.com/v1). */
export class RenderApi {
  constructor(
    private readonly config: RenderConfig,
    private readonly deps: ClientDeps
  ) {}

  getService(signal: AbortSignal): Promise<RenderService> {
    return this.call('GET', '', undefined, signal, 'read')
  }

  /** Newest first. */
  async listDeploys(signal: AbortSignal): Promise<RenderDeploy[]> {
    const page = await this.call<{ deploy: RenderDeploy; cursor: string }[]>('GET', '/deploys?limit=20', undefined, signal, 'read')
    return (page ?? []).map((entry) => entry.deploy)
  }

  getDeploy(id: string, signal: AbortSignal): Promise<RenderDeploy> {
    return this.call('GET', `/deploys/${encodeURIComponent(id)}`, undefined, signal, 'read')
  }

  /** 201 with the new deploy, or 202 when Render queued it behind another (no body then). */
  triggerDeploy(body: { imageUrl: string } | { commitId: string }, signal: AbortSignal): Promise<RenderDeploy | undefined> {
    return this.call('POST', '/deploys', { clearCache: 'do_not_clear', ...body }, signal, 'deploy')
  }

  rollback(deployId: string, signal: AbortSignal): Promise<RenderDeploy | undefined> {
    return this.call('POST', '/rollback', { deployId }, signal, 'deploy')
  }

  private call<T>(method: 'GET' | 'POST', path: string, body: unknown, signal: AbortSignal, access: 'read' | 'deploy'): Promise<T> {
    return apiCall<T>({
      platform: 'Render',
      method,
      url: `${this.config.apiUrl}/v1/services/${encodeURIComponent(this.config.serviceId)}${path}`,
      token: this.config.apiKey,
      ...(body !== undefined ? { body } : {}),
      signal,
      ...this.deps,
      access: `${access} service ${this.config.serviceId} (an API key of a workspace member who can deploy it)`
    })
  }
}
