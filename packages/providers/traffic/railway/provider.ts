import { RedeployProvider } from '../redeploy-provider.js'
import { otherColor, type Color, type PreparedTarget, type Release, type TrafficProviderDeps, type TrafficStatus } from '../types.js'
import type { RailwayConfig } from './config.js'
import { RailwayApi } from './railway-api.js'
import { activeAndPrevious, deploymentProgress, deploymentVersion, isInProgress, toTrafficStatus, type RailwayDeployment } from './railway-mapping.js'

/**
 * Railway: one service instance (service × environment), one serving deployment. prepare deploys
 * a commit (serviceInstanceDeployV2 with commitSha) or an image (serviceInstanceUpdate of the
 * source image, then serviceInstanceDeployV2) and waits for SUCCESS; Railway moves traffic once
 * the new deployment passes its healthcheck, and a failed one leaves the previous serving. The
 * switch is done when prepare returns; shift confirms it. Rollback is deploymentRollback to the
 * previous deployment, waited until SUCCESS. Railway keeps the record: the instance's deployments.
 */

export function createRailwayProvider(config: RailwayConfig, deps: TrafficProviderDeps): RailwayTrafficProvider {
  return new RailwayTrafficProvider(config, deps)
}

export class RailwayTrafficProvider extends RedeployProvider<RailwayConfig, RailwayDeployment> {
  readonly name = 'railway'
  protected readonly words = { unit: 'deployment', none: 'no deployment', serves: 'serves' }
  private readonly api = new RailwayApi(this.config, this.client)
  private staticUrl?: string
  /** The image the service instance ran before prepare changed its source (restored when the new one is rolled back). */
  private replacedImage?: string

  publicUrl(): string {
    return this.config.publicUrl ?? (this.staticUrl ? `https://${this.staticUrl}/` : `https://${this.config.serviceId}.up.railway.app/`)
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    return toTrafficStatus(await this.list(signal), this.colors)
  }

  /** A deployment under way on the service instance. */
  protected async busy(signal: AbortSignal): Promise<string | undefined> {
    const busy = (await this.list(signal)).find(isInProgress)
    return busy ? `deployment ${busy.id} ${busy.status}` : undefined
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    const before = activeAndPrevious(await this.list(signal)).active
    const color = otherColor(before ? this.colors.colorOf(before.id) : 'blue')
    if (release.image) {
      const current = before?.meta?.image
      this.logger.info(`railway: setting the service's image to ${release.image}, then deploying it`)
      await this.api.setImage(release.image, signal)
      if (typeof current === 'string' && current !== release.image) this.replacedImage = current
    } else {
      this.logger.info(`railway: deploying commit ${release.version}`)
    }
    const id = await this.api.deploy(release.image ? undefined : release.version, signal)
    this.colors.set(color, id)
    await this.waitSuccess(id, signal)
    return { color, version: release.version, directUrl: this.publicUrl() }
  }

  promote(color: Color, version: string): Promise<void> {
    this.replacedImage = undefined
    this.logger.info(`railway: ${version} (${color}) serves; the previous deployment stays available to Railway's rollback`)
    return Promise.resolve()
  }

  override async rollback(to: Color, reason: string, signal: AbortSignal): Promise<void> {
    await super.rollback(to, reason, signal)
    if (this.replacedImage) {
      // The deployment serving is right again; the instance's source must not keep the failed image for the next deploy.
      this.logger.info(`railway: restoring the service's image setting to ${this.replacedImage}`)
      await this.api.setImage(this.replacedImage, signal)
      this.replacedImage = undefined
    }
  }

  protected async serving(signal: AbortSignal): Promise<RailwayDeployment | undefined> {
    return activeAndPrevious(await this.list(signal)).active
  }

  protected versionOf(deployment: RailwayDeployment): string {
    return deploymentVersion(deployment)
  }

  protected async redeploy(color: Color, target: string, active: RailwayDeployment | undefined, signal: AbortSignal): Promise<void> {
    await this.api.rollback(target, signal)
    const started = (await this.list(signal)).find((d) => d.id !== active?.id && d.id !== target && isInProgress(d))
    const id = started?.id ?? target
    this.colors.set(color, id)
    await this.waitSuccess(id, signal)
  }

  private async list(signal: AbortSignal): Promise<RailwayDeployment[]> {
    const deployments = await this.api.deployments(signal)
    const serving = activeAndPrevious(deployments).active
    if (serving?.staticUrl) this.staticUrl = serving.staticUrl
    return deployments
  }

  private waitSuccess(id: string, signal: AbortSignal): Promise<RailwayDeployment> {
    return this.wait(`Railway deployment ${id} to succeed`, this.config.deployTimeoutMs, signal, async () => deploymentProgress(await this.api.deployment(id, signal)))
  }
}
