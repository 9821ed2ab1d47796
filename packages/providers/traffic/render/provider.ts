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
import type { RenderConfig } from './config.js'
import { RenderApi } from './render-api.js'
import { deployProgress, deployRequest, deployVersion, liveAndPrevious, toTrafficStatus, type RenderDeploy, type RenderService } from './render-mapping.js'

/**
 * Render: one service, one live deploy. prepare triggers a deploy of the image or commit and waits
 * until it is live (Render moves traffic only once the new instance passes the service's health
 * check; a failed deploy leaves the previous one serving). The switch is therefore done when
 * prepare returns; shift confirms it. Rollback is Render's rollback endpoint: a new deploy from
 * the previous deploy's artifact, waited until live.
 */

const IN_PROGRESS = new Set(['created', 'queued', 'build_in_progress', 'update_in_progress', 'pre_deploy_in_progress'])

export function createRenderProvider(config: RenderConfig, deps: TrafficProviderDeps): RenderTrafficProvider {
  return new RenderTrafficProvider(config, deps)
}

export class RenderTrafficProvider implements TrafficProvider {
  readonly name = 'render'
  readonly supportsWeights = false
  private readonly api: RenderApi
  private readonly colors = new ColorBook()
  private readonly clock: PollClock
  private service?: RenderService

  constructor(
    private readonly config: RenderConfig,
    private readonly deps: TrafficProviderDeps
  ) {
    const sleep = deps.sleep ? (ms: number) => deps.sleep!(ms) : undefined
    this.api = new RenderApi(config, { logger: deps.logger, ...(sleep ? { sleep } : {}) })
    this.clock = pollClock({ ...(sleep ? { sleep } : {}), pollIntervalMs: config.pollIntervalMs, maxPollIntervalMs: Math.max(config.pollIntervalMs, 15_000) })
  }

  publicUrl(): string {
    const url = this.config.publicUrl ?? this.service?.serviceDetails?.url
    return url ? (url.endsWith('/') ? url : `${url}/`) : `https://${this.config.serviceId}.onrender.com/`
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    this.service ??= await this.api.getService(signal)
    return toTrafficStatus(await this.api.listDeploys(signal), this.colors)
  }

  /** Waits while a deploy of the service is under way (Render would queue ours behind it). */
  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    await this.wait('a deploy already under way on the service', timeoutMs, signal, async () => {
      const busy = (await this.api.listDeploys(signal)).find((d) => IN_PROGRESS.has(d.status))
      return busy ? { done: false, status: `deploy ${busy.id} ${busy.status}` } : { done: true, value: true }
    })
    this.deps.logger.debug(`render: no deploy under way; ${owner} goes ahead`)
    return { release: async () => {} }
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    const before = liveAndPrevious(await this.api.listDeploys(signal)).live
    const active = before ? this.colors.colorOf(before.id) : 'blue'
    const color = otherColor(active)
    const body = deployRequest(release)
    this.deps.logger.info(`render: deploying ${'imageUrl' in body ? `image ${body.imageUrl}` : `commit ${body.commitId}`} to ${this.config.serviceId}`)
    const started = (await this.api.triggerDeploy(body, signal)) ?? (await this.newestDeploy(before?.id, signal))
    this.colors.set(color, started.id)
    await this.waitLive(started, signal)
    return { color, version: release.version, directUrl: this.publicUrl() }
  }

  /** The deploy went live in prepare; the switch confirms it still is (or brings it back). */
  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    if (percent !== 100 && percent !== 0) throw new Error(`render cannot split traffic (asked for ${percent}% on ${color})`)
    await this.bringBack(percent === 100 ? color : otherColor(color), signal)
  }

  promote(color: Color, version: string): Promise<void> {
    this.deps.logger.info(`render: ${version} (${color}) is live; the previous deploy stays available to Render's rollback`)
    return Promise.resolve()
  }

  async rollback(to: Color, _reason: string, signal: AbortSignal): Promise<void> {
    await this.bringBack(to, signal)
  }

  savePaused(paused: PausedDeployment | undefined): Promise<void> {
    return paused ? Promise.reject(new Error('render has no percentage split, so a deployment cannot be paused between steps')) : Promise.resolve()
  }

  record(entry: DeployRecord): Promise<void> {
    // Render keeps the record: its list of deploys (read by status).
    this.deps.logger.debug(`render: ${entry.outcome} ${entry.version}`)
    return Promise.resolve()
  }

  async close(): Promise<void> {}

  /** Makes the deploy playing `color` live again with Render's rollback; no call when it is live. Ends in a known state or says which. */
  private async bringBack(color: Color, signal: AbortSignal): Promise<void> {
    const live = liveAndPrevious(await this.api.listDeploys(signal)).live
    const target = this.colors.idOf(color)
    if (!target) throw new Error(`no deploy is known for ${color}; the service serves ${live ? this.describe(live) : 'no live deploy'}`)
    if (live?.id === target) {
      this.deps.logger.info(`render: ${this.describe(live)} (${color}) is live`)
      return
    }
    this.deps.logger.info(`render: rolling back from ${live ? this.describe(live) : 'no live deploy'} to deploy ${target} (${color})`)
    try {
      const started = (await this.api.rollback(target, signal)) ?? (await this.newestDeploy(live?.id, signal))
      this.colors.set(color, started.id)
      await this.waitLive(started, signal)
    } catch (error) {
      const now = liveAndPrevious(await this.api.listDeploys(signal).catch(() => [])).live
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the service serves ${now ? this.describe(now) : 'an unknown deploy'}`, { cause: error })
    }
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

  private describe(deploy: RenderDeploy): string {
    return `deploy ${deploy.id} (${deployVersion(deploy)})`
  }

  private async wait<T>(what: string, timeoutMs: number, signal: AbortSignal, check: () => Promise<PollResult<T>>, first?: PollResult<T>): Promise<T> {
    if (first?.done) return first.value
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
