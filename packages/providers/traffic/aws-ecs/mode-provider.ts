import type { ECSClient, TaskDefinition } from '@aws-sdk/client-ecs'
import type { Logger } from '../../../core/log.js'
import { defaultSleep } from '../../../core/poll.js'
import type { TrafficLock } from '../types.js'
import { awsCall, type AwsCall } from './aws-call.js'
import type { EcsSharedConfig } from './config.js'
import { takeTagLock, type TagStore } from './tag-lock.js'
import { TaskDefinitions } from './task-definitions.js'

export interface EcsProviderOptions {
  logger: Logger
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  pollIntervalMs?: number
  maxPollIntervalMs?: number
  /** The template file's definition, read before any call (provider.ts). */
  template?: TaskDefinition
}

/**
 * What the two aws-ecs modes (alb-weights, native) share: the clock, every AWS call through
 * awsCall (retries, per-attempt timeout), the task definition revisions, the deploy lock in a tag
 * and the poll settings of their waits (10 s, doubling up to 30 s, unless the options say otherwise).
 */
export abstract class EcsModeProvider<C extends EcsSharedConfig> {
  readonly name = 'aws-ecs'
  protected readonly logger: Logger
  protected readonly sleep: (ms: number) => Promise<void>
  protected readonly now: () => number
  protected readonly call: AwsCall
  protected readonly revisions: TaskDefinitions

  constructor(
    ecs: ECSClient,
    protected readonly config: C,
    protected readonly options: EcsProviderOptions
  ) {
    this.logger = options.logger
    this.sleep = options.sleep ?? defaultSleep
    this.now = options.now ?? Date.now
    this.call = awsCall(this.logger, this.sleep)
    this.revisions = new TaskDefinitions(ecs, this.call, this.logger, config, options.template)
  }

  publicUrl(): string {
    return this.config.publicUrl
  }

  /** The deploy lock in `store`'s tag, polled at the options' intervals (tag-lock's own defaults otherwise). */
  protected lockTag(store: TagStore, owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    return takeTagLock(store, owner, timeoutMs, signal, {
      logger: this.logger,
      sleep: this.sleep,
      now: this.now,
      ...(this.options.pollIntervalMs !== undefined ? { pollIntervalMs: this.options.pollIntervalMs } : {}),
      ...(this.options.maxPollIntervalMs !== undefined ? { maxPollIntervalMs: this.options.maxPollIntervalMs } : {})
    })
  }

  /** The clock of a wait on ECS (waitUntil's intervalMs, maxIntervalMs, sleep and now). */
  protected waitClock(): { intervalMs: number; maxIntervalMs: number; sleep: (ms: number) => Promise<void>; now: () => number } {
    return { intervalMs: this.options.pollIntervalMs ?? 10_000, maxIntervalMs: this.options.maxPollIntervalMs ?? 30_000, sleep: this.sleep, now: this.now }
  }

  protected imageOf(release: { image?: string }): string {
    if (!release.image) throw new Error('aws-ecs deploys an image; the release has none')
    return release.image
  }
}
