import { RedeployProvider } from '../redeploy-provider.js'
import { otherColor, type Color, type PreparedTarget, type Release, type TrafficProviderDeps, type TrafficStatus } from '../types.js'
import type { RenderConfig } from './config.js'
import { RenderApi } from './render-api.js'
import { deployProgress, deployRequest, deployVersion, liveAndPrevious, toTrafficStatus, type RenderDeploy, type RenderService } from './render-mapping.js'

/**
 * Render: one service, one live deploy. prepare triggers a deploy of the image or commit and waits
 * until it is live (Render moves traffic only once the new instance passes the service's health
 * check; a failed deploy leaves the previous one serving). The switch is therefore done when
 * prepare returns; shift confirms it. Rollback is Render's rollback endpoint: a new deploy from
 * the previous deploy's artifact, waited until live. Render keeps the record: its list of deploys.
 */

const IN_PROGRESS = new Set(['created', 'queued', 'build_in_progress', 'update_in_progress', 'pre_deploy_in_progress'])

export function createRenderProvider(config: RenderConfig, deps: TrafficProviderDeps): RenderTrafficProvider {
  return new RenderTrafficProvider(config, deps)
}

export class RenderTrafficProvider extends RedeployProvider<RenderConfig, RenderDeploy> {
  readonly name = 'render'
  protected readonly words = { unit: 'deploy', none: 'no live deploy', serves: 'is live' }
  private readonly api = new RenderApi(this.config, this.client)
  private service?: RenderService

  publicUrl(): string {
    const url = this.config.publicUrl ?? this.service?.serviceDetails?.url
    return url ? (url.endsWith('/') ? url : `${url}/`) : `https://${this.config.serviceId}.onrender.com/`
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    this.service ??= await this.api.getService(signal)
    return toTrafficStatus(await this.api.listDeploys(signal), this.colors)
  }

  /** A deploy under way on the service (Render would queue ours behind it). */
  protected async busy(signal: AbortSignal): Promise<string | undefined> {
    const busy = (await this.api.listDeploys(signal)).find((d) => IN_PROGRESS.has(d.status))
    return busy ? `deploy ${busy.id} ${busy.status}` : undefined
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    const before = liveAndPrevious(await this.api.listDeploys(signal)).live
    const active = before ? this.colors.colorOf(before.id) : 'blue'
    const color = otherColor(active)
    const body = deployRequest(release)
    this.logger.info(`render: deploying ${'imageUrl' in body ? `image ${body.imageUrl}` : `commit ${body.commitId}`} to ${this.config.serviceId}`)
    const started = (await this.api.triggerDeploy(body, signal)) ?? (await this.newestDeploy(before?.id, signal))
    this.colors.set(color, started.id)
    await this.waitLive(started, signal)
    return { color, version: release.version, directUrl: this.publicUrl() }
  }

  promote(color: Color, version: string): Promise<void> {
    this.logger.info(`render: ${version} (${color}) is live; the previous deploy stays available to Render's rollback`)
    return Promise.resolve()
  }

  protected async serving(signal: AbortSignal): Promise<RenderDeploy | undefined> {
    return liveAndPrevious(await this.api.listDeploys(signal)).live
  }

  protected versionOf(deploy: RenderDeploy): string {
    return deployVersion(deploy)
  }

  protected async redeploy(color: Color, target: string, live: RenderDeploy | undefined, signal: AbortSignal): Promise<void> {
    const started = (await this.api.rollback(target, signal)) ?? (await this.newestDeploy(live?.id, signal))
    this.colors.set(color, started.id)
    await this.waitLive(started, signal)
  }

  private async waitLive(deploy: RenderDeploy, signal: AbortSignal): Promise<RenderDeploy> {
    return this.wait(
      `Render deploy ${deploy.id} to go live`,
      this.config.deployTimeoutMs,
      signal,
      async () => deployProgress(await this.api.getDeploy(deploy.id, signal)),
      deployProgress(deploy)
    )
  }

  /** After a 202 (queued, no body): the newest deploy that is not the one live before. */
  private async newestDeploy(previousLive: string | undefined, signal: AbortSignal): Promise<RenderDeploy> {
    const newest = (await this.api.listDeploys(signal)).find((d) => d.id !== previousLive)
    if (!newest) throw new Error('Render accepted the deploy but lists no new deploy')
    return newest
  }
}
