import type { Logger } from '../../core/log.js'
import type { PollClock, PollResult } from '../../core/poll.js'
import { ColorBook } from './color-book.js'
import type { ClientDeps } from './api-call.js'
import { clientDeps, platformClock, waitWithProgress } from './provider-clock.js'
import { otherColor } from './types.js'
import type { Color, DeployRecord, PausedDeployment, PreparedTarget, Release, TrafficLock, TrafficProvider, TrafficProviderDeps, TrafficStatus } from './types.js'

/**
 * The part every platform without colors or a percentage split shares (Vercel, Render, Railway):
 * the platform keeps one serving deployment, so there is one switch (0% or 100%), nothing to pause,
 * no lock of our own (the platform's own work under way is waited for) and no record to write (the
 * platform's list of deployments is the record, read by status). A subclass says how it reads
 * and moves what serves.
 */
export abstract class SingleSwitchProvider<C extends { pollIntervalMs: number }> implements TrafficProvider {
  abstract readonly name: string
  readonly supportsWeights = false
  protected readonly logger: Logger
  protected readonly clock: PollClock
  protected readonly client: ClientDeps
  protected readonly colors = new ColorBook()

  constructor(
    protected readonly config: C,
    deps: TrafficProviderDeps
  ) {
    this.logger = deps.logger
    this.client = clientDeps(deps)
    this.clock = platformClock(deps, config.pollIntervalMs)
  }

  abstract publicUrl(): string
  abstract status(signal: AbortSignal): Promise<TrafficStatus>
  abstract prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget>
  abstract promote(color: Color, version: string, keepPreviousMs: number, signal: AbortSignal): Promise<void>

  /** Names the platform's own work the lock waits for: "deploy" on the "service". */
  protected abstract readonly underWay: { work: string; on: string }
  /** What of that work is under way (the progress line), or undefined when none is. */
  protected abstract busy(signal: AbortSignal): Promise<string | undefined>
  /** Makes the deployment playing `color` serve all traffic; `rollbackReason` when the engine rolls back. Ends in a known state or says which. */
  protected abstract switchTo(color: Color, signal: AbortSignal, rollbackReason?: string): Promise<void>

  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    const { work, on } = this.underWay
    await this.wait(`a ${work} already under way on the ${on}`, timeoutMs, signal, async () => {
      const busy = await this.busy(signal)
      return busy ? { done: false, status: busy } : { done: true, value: true }
    })
    this.logger.debug(`${this.name}: no ${work} under way; ${owner} goes ahead`)
    return { release: async () => {} }
  }

  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    if (percent !== 100 && percent !== 0) throw new Error(`${this.name} cannot split traffic (asked for ${percent}% on ${color})`)
    await this.switchTo(percent === 100 ? color : otherColor(color), signal)
  }

  async rollback(to: Color, reason: string, signal: AbortSignal): Promise<void> {
    await this.switchTo(to, signal, reason)
  }

  savePaused(paused: PausedDeployment | undefined): Promise<void> {
    // The engine never pauses a provider without weights (one step); there is nothing to persist.
    return paused ? Promise.reject(new Error(`${this.name} has no percentage split, so a deployment cannot be paused between steps`)) : Promise.resolve()
  }

  record(entry: DeployRecord): Promise<void> {
    // The platform keeps the record itself (read by status).
    this.logger.debug(`${this.name}: ${entry.outcome} ${entry.version}`)
    return Promise.resolve()
  }

  async close(): Promise<void> {}

  protected wait<T>(what: string, timeoutMs: number, signal: AbortSignal, check: () => Promise<PollResult<T>>, first?: PollResult<T>): Promise<T> {
    return waitWithProgress(this.clock, this.logger, what, timeoutMs, signal, check, first)
  }
}
