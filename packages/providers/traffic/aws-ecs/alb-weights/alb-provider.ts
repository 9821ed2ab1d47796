import { DescribeServicesCommand, ECSClient, UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs'
import {
  AddTagsCommand,
  DescribeListenersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyListenerCommand,
  ModifyRuleCommand,
  RemoveTagsCommand,
  type Action,
  type Tag
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { waitUntil } from '../../../../core/poll.js'
import { otherColor } from '../../types.js'
import type { Color, DeployRecord, PausedDeployment, PreparedTarget, Release, TrafficLock, TrafficProvider, TrafficStatus } from '../../types.js'
import type { EcsAlbConfig } from '../config.js'
import { EcsModeProvider, type EcsProviderOptions } from '../mode-provider.js'
import { TAG, pausedTag, readTagState, recordTag } from '../state-tags.js'
import { shortArn } from '../task-definition-mapping.js'
import { deploymentState, forwardOnly, readWeights, withWeights } from './alb-mapping.js'

/**
 * Blue-green on ECS with two services behind one ALB listener (@aws-sdk/client-ecs and
 * @aws-sdk/client-elastic-load-balancing-v2, the official SDKs). Blue and green are the two target
 * groups; each color's ECS service is registered in its own. The listener's weighted forward
 * action is the traffic split, the services' task definitions are the versions, and the rest of the
 * state (active color, kept previous version, a paused deployment, the last outcome, the deploy
 * lock) lives in the listener's tags, so `status()` reads the truth from AWS on every run.
 *
 * SDK retries are off (clouds/aws/client-config.ts): every call goes through retry() with backoff,
 * jitter, a per-attempt timeout and the run's signal; waits have a deadline and report progress.
 */

export class AlbWeightsProvider extends EcsModeProvider<EcsAlbConfig> implements TrafficProvider {
  readonly supportsWeights = true

  constructor(
    private readonly ecs: ECSClient,
    private readonly elb: ElasticLoadBalancingV2Client,
    config: EcsAlbConfig,
    options: EcsProviderOptions
  ) {
    super(ecs, config, options)
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    const [actions, tags, services] = await Promise.all([this.forwardActions(signal), this.listenerTags(signal), this.services(signal)])
    const weights = readWeights(actions, this.config.targetGroups)
    const state = readTagState(tags)
    const active: Color = state.active ?? (weights.green > weights.blue ? 'green' : 'blue')
    const idle = otherColor(active)
    const [activeVersion, idleVersion] = await Promise.all([this.serviceVersion(services[active], signal), this.serviceVersion(services[idle], signal)])
    // The previous version counts only while the idle service still runs exactly what promote kept (prepare replaces it).
    const keptRunning = (services[idle]?.desiredCount ?? 0) > 0 && state.previousVersion !== undefined && idleVersion === state.previousVersion
    return {
      active,
      ...(activeVersion ? { activeVersion } : {}),
      ...(keptRunning && weights[active] === 100 && !state.paused ? { previousVersion: state.previousVersion } : {}),
      weights,
      ...(state.paused ? { paused: state.paused } : {}),
      history: state.last ? [state.last] : []
    }
  }

  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    const store = {
      kind: 'listener tag',
      resource: shortArn(this.config.listenerArn),
      read: (s: AbortSignal) => this.listenerTags(s),
      write: (tags: Record<string, string>, s: AbortSignal) => this.addTags(tags, s),
      remove: (keys: string[], s: AbortSignal) => this.removeTags(keys, s)
    }
    const lock = await this.lockTag(store, owner, timeoutMs, signal)
    await this.stopExpiredPrevious(signal)
    return lock
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    const image = this.imageOf(release)
    const status = await this.status(signal)
    const idle = otherColor(status.active)
    const services = await this.services(signal)
    const activeService = services[status.active]
    const idleService = services[idle]
    if (!idleService) throw new Error(`the ${idle} service ${this.config.services[idle]} was not found in cluster ${this.config.cluster}`)

    const arn = await this.revisions.register({ ...release, image }, activeService?.taskDefinition ?? idleService.taskDefinition, signal)

    if (this.config.testListenerArn) await this.pointTestListener(idle, signal)
    const desiredCount = this.config.desiredCount ?? Math.max(activeService?.desiredCount ?? 1, 1)
    await this.call(
      'UpdateService',
      (s) =>
        this.ecs.send(new UpdateServiceCommand({ cluster: this.config.cluster, service: this.config.services[idle], taskDefinition: arn, desiredCount, forceNewDeployment: true }), {
          abortSignal: s
        }),
      signal
    )
    this.logger.info(`${this.config.services[idle]} (${idle}) deploys ${shortArn(arn)} with ${desiredCount} ${desiredCount === 1 ? 'task' : 'tasks'}; ${status.active} keeps all traffic`)
    await this.waitStable(idle, arn, signal)
    return { color: idle, version: release.version, directUrl: this.config.testUrl ?? this.config.publicUrl }
  }

  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    const actions = await this.forwardActions(signal)
    try {
      await this.setForwardActions(withWeights(actions, this.config.targetGroups, color, percent), signal)
    } catch (error) {
      // ModifyListener applies whole or not at all: read back which, so the failure says where traffic is.
      const now = await this.forwardActions(AbortSignal.timeout(60_000))
        .then((read) => readWeights(read, this.config.targetGroups))
        .catch(() => undefined)
      const where = now ? `the listener sends ${now.blue}% to blue and ${now.green}% to green` : 'the listener could not be read back'
      throw new Error(`${error instanceof Error ? error.message : String(error)}; ${where}`, { cause: error })
    }
  }

  async promote(color: Color, version: string, keepPreviousMs: number, signal: AbortSignal): Promise<void> {
    const weights = readWeights(await this.forwardActions(signal), this.config.targetGroups)
    if (weights[color] !== 100) await this.shift(color, 100, signal)
    const previous = otherColor(color)
    const services = await this.services(signal)
    const previousVersion = await this.serviceVersion(services[previous], signal)
    if (keepPreviousMs > 0 && previousVersion && (services[previous]?.desiredCount ?? 0) > 0) {
      await this.addTags({ [TAG.active]: color, [TAG.previous]: previousVersion, [TAG.keepUntil]: String(this.now() + keepPreviousMs) }, signal)
      this.logger.info(
        `${this.config.services[previous]} (${previous}, ${previousVersion}) keeps running for an instant rollback; the first run after ${new Date(this.now() + keepPreviousMs).toISOString()} stops it (the next deploy replaces it)`
      )
    } else {
      await this.addTags({ [TAG.active]: color }, signal)
      await this.removeTags([TAG.previous, TAG.keepUntil], signal)
      await this.scale(previous, 0, signal)
    }
    await this.removeTags([TAG.paused], signal)
    this.logger.info(`${version} is active on ${color} (${this.config.services[color]})`)
    await this.deregisterOld(signal)
  }

  async rollback(to: Color, reason: string, signal: AbortSignal): Promise<void> {
    const failed = otherColor(to)
    const services = await this.services(signal)
    const back = services[to]
    if (!back) throw new Error(`the ${to} service ${this.config.services[to]} was not found; traffic left as it is`)
    const failedVersion = await this.serviceVersion(services[failed], signal)
    if ((back.desiredCount ?? 0) === 0 || (back.runningCount ?? 0) < (back.desiredCount ?? 0)) {
      // The way back needs running tasks first: scale the previous definition up before moving traffic.
      const desiredCount = this.config.desiredCount ?? Math.max(back.desiredCount ?? 0, services[failed]?.desiredCount ?? 0, 1)
      await this.scale(to, desiredCount, signal)
      if (back.taskDefinition) await this.waitStable(to, back.taskDefinition, signal)
    }
    await this.shift(to, 100, signal)
    this.logger.info(`All traffic is back on ${to} (${this.config.services[to]})`)
    await this.addTags(
      { [TAG.active]: to, [TAG.last]: recordTag({ outcome: 'rolled-back', color: failed, version: failedVersion ?? 'unknown', at: new Date(this.now()).toISOString(), reason }) },
      signal
    )
    await this.removeTags([TAG.paused, TAG.previous, TAG.keepUntil], signal)
    await this.scale(failed, 0, signal)
  }

  async savePaused(paused: PausedDeployment | undefined, signal: AbortSignal): Promise<void> {
    if (paused) await this.addTags({ [TAG.paused]: pausedTag(paused) }, signal)
    else await this.removeTags([TAG.paused], signal)
  }

  async record(entry: DeployRecord, signal: AbortSignal): Promise<void> {
    await this.addTags({ [TAG.last]: recordTag(entry) }, signal)
  }

  close(): Promise<void> {
    this.ecs.destroy()
    this.elb.destroy()
    return Promise.resolve()
  }

  /** No process outlives the job to stop the kept previous color: the first run holding the lock after keep-previous ran out does. */
  private async stopExpiredPrevious(signal: AbortSignal): Promise<void> {
    const state = readTagState(await this.listenerTags(signal))
    if (!state.active || state.keepUntil === undefined || state.keepUntil > this.now() || state.paused) return
    const weights = readWeights(await this.forwardActions(signal), this.config.targetGroups)
    if (weights[state.active] !== 100) return
    const previous = otherColor(state.active)
    this.logger.info(
      `keep-previous ran out at ${new Date(state.keepUntil).toISOString()}: stopping ${this.config.services[previous]} (${previous}, ${state.previousVersion ?? 'unknown version'})`
    )
    await this.scale(previous, 0, signal)
    await this.removeTags([TAG.previous, TAG.keepUntil], signal)
  }

  // ---- waits ------------------------------------------------------------------------------------

  /** Until the color's service runs `taskDefinitionArn` on every task, healthy in its target group; the circuit breaker rolling back is a failure. */
  private async waitStable(color: Color, taskDefinitionArn: string, signal: AbortSignal): Promise<void> {
    const name = this.config.services[color]
    await waitUntil({
      what: `ECS service ${name} on ${shortArn(taskDefinitionArn)}`,
      timeoutMs: this.config.stableTimeoutMs,
      ...this.waitClock(),
      signal,
      timeoutHint: `ECS keeps deploying it; ${color} gets no traffic until it is stable`,
      onProgress: ({ status, percent, elapsedMs }) => this.logger.info(`  ${name}: ${status}${percent !== undefined ? ` (${percent}%)` : ''} after ${Math.round(elapsedMs / 1000)} s`),
      check: async () => {
        const service = (await this.services(signal))[color]
        const healthy = await this.healthyTargets(color, signal)
        const state = deploymentState(service, taskDefinitionArn, healthy)
        if (state.state === 'failed') throw new Error(`ECS service ${name}: ${state.detail}`)
        if (state.state === 'stable') {
          this.logger.info(`  ${name} is stable: ${state.detail}`)
          return { done: true, value: undefined }
        }
        return { done: false, status: state.detail, ...(state.percent !== undefined ? { percent: state.percent } : {}) }
      }
    })
  }

  private async healthyTargets(color: Color, signal: AbortSignal): Promise<number> {
    const health = await this.call(
      'DescribeTargetHealth',
      (s) => this.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: this.config.targetGroups[color] }), { abortSignal: s }),
      signal
    )
    return (health.TargetHealthDescriptions ?? []).filter((target) => target.TargetHealth?.State === 'healthy').length
  }

  // ---- ECS --------------------------------------------------------------------------------------

  private async services(signal: AbortSignal): Promise<Record<Color, Service | undefined>> {
    const { services } = this.config
    const answer = await this.call(
      'DescribeServices',
      (s) => this.ecs.send(new DescribeServicesCommand({ cluster: this.config.cluster, services: [services.blue, services.green] }), { abortSignal: s }),
      signal
    )
    const find = (ref: string): Service | undefined => answer.services?.find((service) => service.serviceName === ref || service.serviceArn === ref)
    return { blue: find(services.blue), green: find(services.green) }
  }

  private async serviceVersion(service: Service | undefined, signal: AbortSignal): Promise<string | undefined> {
    return (await this.revisions.info(service?.taskDefinition, signal))?.version
  }

  private async scale(color: Color, desiredCount: number, signal: AbortSignal): Promise<void> {
    await this.call(
      'UpdateService',
      (s) => this.ecs.send(new UpdateServiceCommand({ cluster: this.config.cluster, service: this.config.services[color], desiredCount }), { abortSignal: s }),
      signal
    )
    this.logger.info(`${this.config.services[color]} (${color}) scaled to ${desiredCount}`)
  }

  /** Revisions of the family beyond ecs-keep-revisions, except those the services use. */
  private async deregisterOld(signal: AbortSignal): Promise<void> {
    const services = await this.services(signal).catch(() => undefined)
    const inUse = [services?.blue?.taskDefinition, services?.green?.taskDefinition].filter((arn): arn is string => !!arn)
    await this.revisions.deregisterOld(inUse, signal)
  }

  // ---- ELBv2 ------------------------------------------------------------------------------------

  private async forwardActions(signal: AbortSignal): Promise<Action[]> {
    if (this.config.ruleArn) {
      const rules = await this.call('DescribeRules', (s) => this.elb.send(new DescribeRulesCommand({ RuleArns: [this.config.ruleArn!] }), { abortSignal: s }), signal)
      return rules.Rules?.[0]?.Actions ?? []
    }
    const listeners = await this.call('DescribeListeners', (s) => this.elb.send(new DescribeListenersCommand({ ListenerArns: [this.config.listenerArn] }), { abortSignal: s }), signal)
    return listeners.Listeners?.[0]?.DefaultActions ?? []
  }

  private async setForwardActions(actions: Action[], signal: AbortSignal): Promise<void> {
    if (this.config.ruleArn) await this.call('ModifyRule', (s) => this.elb.send(new ModifyRuleCommand({ RuleArn: this.config.ruleArn!, Actions: actions }), { abortSignal: s }), signal)
    else await this.call('ModifyListener', (s) => this.elb.send(new ModifyListenerCommand({ ListenerArn: this.config.listenerArn, DefaultActions: actions }), { abortSignal: s }), signal)
  }

  private async pointTestListener(color: Color, signal: AbortSignal): Promise<void> {
    const arn = this.config.testListenerArn!
    const listeners = await this.call('DescribeListeners', (s) => this.elb.send(new DescribeListenersCommand({ ListenerArns: [arn] }), { abortSignal: s }), signal)
    const actions = forwardOnly(listeners.Listeners?.[0]?.DefaultActions, this.config.targetGroups[color])
    await this.call('ModifyListener', (s) => this.elb.send(new ModifyListenerCommand({ ListenerArn: arn, DefaultActions: actions }), { abortSignal: s }), signal)
    this.logger.info(`Test listener ${shortArn(arn)} forwards to the ${color} target group`)
  }

  private async listenerTags(signal: AbortSignal): Promise<Tag[]> {
    const answer = await this.call('DescribeTags', (s) => this.elb.send(new DescribeTagsCommand({ ResourceArns: [this.config.listenerArn] }), { abortSignal: s }), signal)
    return answer.TagDescriptions?.[0]?.Tags ?? []
  }

  private async addTags(tags: Record<string, string>, signal: AbortSignal): Promise<void> {
    const Tags = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
    await this.call('AddTags', (s) => this.elb.send(new AddTagsCommand({ ResourceArns: [this.config.listenerArn], Tags }), { abortSignal: s }), signal)
  }

  private async removeTags(keys: string[], signal: AbortSignal): Promise<void> {
    await this.call('RemoveTags', (s) => this.elb.send(new RemoveTagsCommand({ ResourceArns: [this.config.listenerArn], TagKeys: keys }), { abortSignal: s }), signal)
  }
}
