import { pollClock, waitUntil, type PollClock, type PollResult } from '../../../core/poll.js'
import { ColorBook } from '../color-book.js'
import {
  otherColor,
  type Color,
  type DeployRecord,
  type PausedDeployment,
  type PreparedTarget,
  type Release,
  type TrafficLock,
  type TrafficProvider,
  type TrafficProviderDeps,
  type TrafficStatus
} from '../types.js'
import type { RailwayConfig } from './config.js'
import { RailwayApi } from './railway-api.js'
import { activeAndPrevious, deploymentProgress, deploymentVersion, isInProgress, toTrafficStatus, type RailwayDeployment } from './railway-mapping.js'

/**
 * Railway: one service instance (service × environment), one serving deployment. prepare deploys
 * a commit (serviceInstanceDeployV2 with commitSha) or an image (serviceInstanceUpdate of the
 * source image, then serviceInstanceDeployV2) and waits for SUCCESS; Railway moves traffic once
 * the new deployment passes its healthcheck, and a failed one leaves the previous serving. The
 * switch is done when prepare returns; shift confirms it. Rollback is deploymentRollback to the
 * previous deployment, waited until SUCCESS.
 */

export function createRailwayProvider(config: RailwayConfig, deps: TrafficProviderDeps): RailwayTrafficProvider {
  return new RailwayTrafficProvider(config, deps)
}

export class RailwayTrafficProvider implements TrafficProvider {
  readonly name = 'railway'
  readonly supportsWeights = false
  private readonly api: RailwayApi
  private readonly colors = new ColorBook()
  private readonly clock: PollClock
  private staticUrl?: string
  /** The image the service instance ran before prepare changed its source (restored when the new one is rolled back). */
  private replacedImage?: string

  constructor(
    private readonly config: RailwayConfig,
    private readonly deps: TrafficProviderDeps
  ) {
    const sleep = deps.sleep ? (ms: number) => deps.sleep!(ms) : undefined
    this.api = new RailwayApi(config, { logger: deps.logger, ...(sleep ? { sleep } : {}) })
    this.clock = pollClock({ ...(sleep ? { sleep } : {}), pollIntervalMs: config.pollIntervalMs, maxPollIntervalMs: Math.max(config.pollIntervalMs, 15_000) })
  }

  publicUrl(): string {
    return this.config.publicUrl ?? (this.staticUrl ? `https://${this.staticUrl}/` : `https://${this.config.serviceId}.up.railway.app/`)
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    return toTrafficStatus(await this.list(signal), this.colors)
  }

  /** Waits while a deployment of the service instance is under way. */
  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    await this.wait('a deployment already under way on the service', timeoutMs, signal, async () => {
      const busy = (await this.list(signal)).find(isInProgress)
      return busy ? { done: false, status: `deployment ${busy.id} ${busy.status}` } : { done: true, value: true }
    })
    this.deps.logger.debug(`railway: no deployment under way; ${owner} goes ahead`)
    return { release: async () => {} }
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    const before = activeAndPrevious(await this.list(signal)).active
    const color = otherColor(before ? this.colors.colorOf(before.id) : 'blue')
    if (release.image) {
      const current = before?.meta?.image
      this.deps.logger.info(`railway: setting the service's image to ${release.image}, then deploying it`)
      await this.api.setImage(release.image, signal)
      if (typeof current === 'string' && current !== release.image) this.replacedImage = current
    } else {
      this.deps.logger.info(`railway: deploying commit ${release.version}`)
    }
    const id = await this.api.deploy(release.image ? undefined : release.version, signal)
    this.colors.set(color, id)
    await this.waitSuccess(id, signal)
    return { color, version: release.version, directUrl: this.publicUrl() }
  }

  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    if (percent !== 100 && percent !== 0) throw new Error(`railway cannot split traffic (asked for ${percent}% on ${color})`)
    await this.bringBack(percent === 100 ? color : otherColor(color), signal)
  }

  promote(color: Color, version: string): Promise<void> {
    this.replacedImage = undefined
    this.deps.logger.info(`railway: ${version} (${color}) serves; the previous deployment stays available to Railway's rollback`)
    return Promise.resolve()
  }

  async rollback(to: Color, _reason: string, signal: AbortSignal): Promise<void> {
    await this.bringBack(to, signal)
    if (this.replacedImage) {
      // The deployment serving is right again; the instance's source must not keep the failed image for the next deploy.
      this.deps.logger.info(`railway: restoring the service's image setting to ${this.replacedImage}`)
      await this.api.setImage(this.replacedImage, signal)
      this.replacedImage = undefined
    }
  }

  savePaused(paused: PausedDeployment | undefined): Promise<void> {
    return paused ? Promise.reject(new Error('railway has no percentage split, so a deployment cannot be paused between steps')) : Promise.resolve()
  }

  record(entry: DeployRecord): Promise<void> {
    // Railway keeps the record: the service instance's deployments (read by status).
    this.deps.logger.debug(`railway: ${entry.outcome} ${entry.version}`)
    return Promise.resolve()
  }

  async close(): Promise<void> {}

  private async bringBack(color: Color, signal: AbortSignal): Promise<void> {
    const active = activeAndPrevious(await this.list(signal)).active
    const target = this.colors.idOf(color)
    if (!target) throw new Error(`no deployment is known for ${color}; the service serves ${active ? this.describe(active) : 'no deployment'}`)
    if (active?.id === target) {
      this.deps.logger.info(`railway: ${this.describe(active)} (${color}) serves`)
      return
    }
    this.deps.logger.info(`railway: rolling back from ${active ? this.describe(active) : 'no deployment'} to deployment ${target} (${color})`)
    try {
      await this.api.rollback(target, signal)
      const started = (await this.list(signal)).find((d) => d.id !== active?.id && d.id !== target && isInProgress(d))
      const id = started?.id ?? target
      this.colors.set(color, id)
      await this.waitSuccess(id, signal)
    } catch (error) {
      const now = activeAndPrevious(await this.list(signal).catch(() => [])).active
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the service serves ${now ? this.describe(now) : 'an unknown deployment'}`, { cause: error })
    }
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

  private describe(deployment: RailwayDeployment): string {
    return `deployment ${deployment.id} (${deploymentVersion(deployment)})`
  }

  private async wait<T>(what: string, timeoutMs: number, signal: AbortSignal, check: () => Promise<PollResult<T>>): Promise<T> {
    return waitUntil({
      what,
      timeoutMs,
      intervalMs: this.clock.intervalMs,
      maxIntervalMs: this.clock.maxIntervalMs,
      check,
      onProgress: ({ status, elapsedMs }) => this.deps.logger.info(`  … waiting for ${what}: ${status} (${Math.round(elapsedMs / 1000)}s)`),
      sleep: this.clock.sleep,
      now: this.clock.now,
      signal
    })
  }
}
