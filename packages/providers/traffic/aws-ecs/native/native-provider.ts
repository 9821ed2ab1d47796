import type { ECSClient } from '@aws-sdk/client-ecs'
import { waitUntil } from '../../../../core/poll.js'
import { otherColor } from '../../types.js'
import type { Color, DeployRecord, PausedDeployment, PreparedTarget, Release, TrafficLock, TrafficProvider, TrafficStatus } from '../../types.js'
import type { EcsNativeConfig } from '../config.js'
import { EcsModeProvider, type EcsProviderOptions } from '../mode-provider.js'
import { TAG, recordTag } from '../state-tags.js'
import { shortArn } from '../task-definition-mapping.js'
import { EcsServiceApi } from './ecs-service-api.js'
import { colorsOf, ecsBakeMinutes, isRollingBack, isUnderWay, nativeStatus, progressTowards, progressToWeight, serviceProblem, type Goal } from './native-mapping.js'
import { strategyNote, strategySteps, type NativeStrategy } from './native-strategy.js'

/**
 * Blue-green on one ECS service with ECS's own BLUE_GREEN, CANARY or LINEAR deployment strategy (the
 * service's load balancer has an advancedConfiguration: alternate target group, production and test
 * listener rules, a role ECS uses to move them). ECS moves the traffic. With BLUE_GREEN this is one
 * switch (`supportsWeights: false`). With CANARY or LINEAR ECS takes the engine's own steps
 * (`supportsWeights: true`): shift(P) waits until ECS has moved P% of production traffic, and the
 * engine's bake and analysis run while ECS bakes that step (its per-step bake is the engine's bake).
 * The rest is the same for every strategy: prepare registers the revision, starts the service
 * deployment and waits until green runs; shift(100) waits until ECS has moved all production traffic
 * and bakes (blue still up); the engine's bake and analysis run during ECS's bake; promote waits for SUCCESSFUL; a
 * rollback during the bake is StopServiceDeployment(ROLLBACK). A deployment ECS ends on its own with
 * ROLLBACK_SUCCESSFUL / ROLLBACK_FAILED / STOPPED fails the step. The truth is ECS's record (the
 * current service deployment and its revisions); the service's tags keep the lock and the last outcome.
 */

export class NativeBlueGreenProvider extends EcsModeProvider<EcsNativeConfig> implements TrafficProvider {
  readonly supportsWeights: boolean
  readonly trafficNote: string
  private readonly strategy: NativeStrategy
  private readonly api: EcsServiceApi
  /** The service deployment this run started (prepare), followed by shift and promote. */
  private ours?: { arn: string; color: Color; version: string }
  /** Prepare found someone else's deployment under way: a rollback must not stop it. */
  private foundForeign = false
  /** ECS's bake time for this run's deployment: waiting for SUCCESSFUL may take that long beyond ecs-stable-timeout. */
  private ecsBakeMs = 0

  constructor(
    private readonly ecs: ECSClient,
    config: EcsNativeConfig,
    options: EcsProviderOptions
  ) {
    super(ecs, config, options)
    this.strategy = config.strategy ?? { kind: 'BLUE_GREEN' }
    this.supportsWeights = this.strategy.kind !== 'BLUE_GREEN'
    this.trafficNote = strategyNote(this.strategy)
    this.api = new EcsServiceApi(ecs, this.call, config, this.revisions)
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    return nativeStatus(await this.api.readRecord(await this.api.describe(signal), signal))
  }

  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    const arn = (await this.api.describe(signal)).serviceArn!
    const store = {
      kind: 'service tag',
      resource: `ECS service ${this.config.service}`,
      read: (s: AbortSignal) => this.api.tags(arn, s),
      write: (tags: Record<string, string>, s: AbortSignal) => this.api.tag(arn, tags, s),
      remove: (keys: string[], s: AbortSignal) => this.api.untag(arn, keys, s)
    }
    return this.lockTag(store, owner, timeoutMs, signal)
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    const image = this.imageOf(release)
    const service = await this.api.describe(signal)
    const problem = serviceProblem(service, this.config)
    if (problem) throw new Error(problem)
    this.ecsBakeMs = ecsBakeMinutes(service, this.config) * 60_000
    const record = await this.api.readRecord(service, signal)
    if (isUnderWay(record.deployment) || isRollingBack(record.deployment)) {
      this.foundForeign = true
      throw new Error(
        `service deployment ${shortArn(record.deployment!.serviceDeploymentArn ?? '')} of ${this.config.service} is ${record.deployment!.status} (${record.deployment!.lifecycleStage ?? 'no stage'}); wait for it, or stop it with mode: rollback`
      )
    }
    const active = nativeStatus(record).active
    const green = otherColor(active)
    const arn = await this.revisions.register({ ...release, image }, service.taskDefinition, signal, green)
    const deploymentArn = await this.api.start(service, arn, signal, this.strategy)
    this.ours = { arn: deploymentArn, color: green, version: release.version }
    const steps = this.strategy.kind === 'BLUE_GREEN' ? '' : ` in steps ${strategySteps(this.strategy).join(', ')}`
    this.logger.info(
      `ECS deploys ${shortArn(arn)} (${green}) on ${this.config.service} with its ${this.strategy.kind} strategy${steps} (service deployment ${shortArn(deploymentArn)}); ${active} serves production until ECS moves the traffic`
    )
    await this.follow(this.config.testUrl ? 'tested' : 'started', signal)
    return { color: green, version: release.version, directUrl: this.config.testUrl ?? this.config.publicUrl }
  }

  /** ECS moves the traffic on its own: a step is waiting until ECS has moved that much (at 100%: production on green and ECS bakes). */
  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    const steps = strategySteps(this.strategy)
    if (!this.ours || this.ours.color !== color || !steps.includes(percent))
      throw new Error(
        `ECS's ${this.strategy.kind} deployment moves the traffic itself in steps ${steps.join(', ')}; ${percent}% to ${color} is not a step it takes (or no deployment of ${color} is under way in this run)`
      )
    if (percent < 100) {
      await this.follow({ weight: percent }, signal)
      this.logger.info(`ECS moved ${percent}% of production traffic to ${color} (${this.ours.version}); it bakes this step while the analysis runs`)
      return
    }
    await this.follow('shifted', signal)
    this.logger.info(`ECS moved production traffic to ${color} (${this.ours.version}); ${otherColor(color)} stays up through ECS's bake time, where the analysis runs`)
  }

  async promote(color: Color, version: string, keepPreviousMs: number, signal: AbortSignal): Promise<void> {
    if (!this.ours) throw new Error(`no service deployment of ${version} under way in this run to promote`)
    await this.follow('done', signal)
    this.logger.info(`${version} is active on ${color} (${this.config.service}); ECS scaled the previous revision down after its bake time`)
    if (keepPreviousMs > 0) this.logger.info('keep-previous does not apply to ECS native blue/green: mode: rollback deploys the previous revision again')
    const record = await this.api.readRecord(await this.api.describe(signal), signal)
    await this.revisions.deregisterOld(
      [record.target?.arn, record.source?.arn].filter((arn): arn is string => !!arn),
      signal
    )
  }

  async rollback(to: Color, reason: string, signal: AbortSignal): Promise<void> {
    const service = await this.api.describe(signal)
    const record = await this.api.readRecord(service, signal)
    const deployment = record.deployment
    const colors = colorsOf(record)
    let failedVersion: string | undefined
    if (this.foundForeign && !this.ours) {
      this.logger.info(`the service deployment under way is not this run's; left as it is`)
      return
    }
    if (deployment && isUnderWay(deployment)) {
      await this.api.stop(deployment.serviceDeploymentArn!, signal)
      this.logger.info(`Asked ECS to roll back service deployment ${shortArn(deployment.serviceDeploymentArn!)} (production back on ${colors.source})`)
      await this.follow('rolled-back', signal, deployment.serviceDeploymentArn)
      failedVersion = record.target?.version
    } else if (deployment && isRollingBack(deployment)) {
      await this.follow('rolled-back', signal, deployment.serviceDeploymentArn)
      failedVersion = record.target?.version
    } else if (deployment && deployment.status !== 'SUCCESSFUL') {
      // Ended on its own (circuit breaker, alarm, hook): ECS already put production back on the source revision.
      if (deployment.status === 'ROLLBACK_FAILED')
        throw new Error(`ECS could not roll back service deployment ${shortArn(deployment.serviceDeploymentArn ?? '')}: ${deployment.statusReason ?? 'no reason given'}`)
      this.logger.info(`ECS already ended service deployment ${shortArn(deployment.serviceDeploymentArn ?? '')} with ${deployment.status}; production is on ${colors.source}`)
      failedVersion = record.target?.version
    } else {
      const serving = deployment ? colors.target : (record.current?.color ?? 'blue')
      if (serving === to) {
        this.logger.info(`production is already on ${to}`)
        return
      }
      if (!record.source?.arn) throw new Error(`no previous revision of ${this.config.service} to roll back to; production left on ${serving}`)
      failedVersion = record.target?.version
      // The previous revision is a whole new BLUE_GREEN deployment: production is back once ECS has moved it.
      const deploymentArn = await this.api.start(service, record.source.arn, signal)
      this.ours = { arn: deploymentArn, color: to, version: record.source.version ?? shortArn(record.source.arn) }
      this.logger.info(`ECS deploys the previous revision ${shortArn(record.source.arn)} (${to}) again (service deployment ${shortArn(deploymentArn)})`)
      await this.follow('shifted', signal)
    }
    this.logger.info(`All traffic is back on ${to} (${this.config.service})`)
    await this.record({ outcome: 'rolled-back', color: otherColor(to), version: failedVersion ?? this.ours?.version ?? 'unknown', at: new Date(this.now()).toISOString(), reason }, signal)
  }

  savePaused(paused: PausedDeployment | undefined): Promise<void> {
    return paused ? Promise.reject(new Error('ECS native blue/green cannot pause between steps (one switch)')) : Promise.resolve()
  }

  async record(entry: DeployRecord, signal: AbortSignal): Promise<void> {
    await this.api.tag((await this.api.describe(signal)).serviceArn!, { [TAG.last]: recordTag(entry) }, signal)
  }

  close(): Promise<void> {
    this.ecs.destroy()
    return Promise.resolve()
  }

  private stepBakeMs(): number {
    return this.strategy.kind === 'BLUE_GREEN' ? 0 : this.strategy.stepBakeMinutes * 60_000
  }

  /** Follows the service deployment (this run's, or `arn`) until `goal` (or a CANARY / LINEAR step's weight), a progress line per poll; ending badly is a failure. */
  private async follow(goal: Goal | { weight: number }, signal: AbortSignal, arn = this.ours?.arn): Promise<void> {
    if (!arn) throw new Error('no service deployment to follow')
    const what =
      typeof goal === 'object'
        ? `${goal.weight}% of production traffic moved`
        : goal === 'rolled-back'
          ? 'rolled back'
          : goal === 'done'
            ? 'SUCCESSFUL'
            : goal === 'shifted'
              ? 'production traffic moved (BAKE_TIME)'
              : goal === 'tested'
                ? 'green up with test traffic'
                : 'green up'
    let last = ''
    let saidAt = Number.NEGATIVE_INFINITY
    await waitUntil({
      what: `ECS service deployment ${shortArn(arn)} of ${this.config.service}: ${what}`,
      // ECS's own bake times count on top: its bake time before SUCCESSFUL, a CANARY / LINEAR step's bake before the next step.
      timeoutMs: this.config.stableTimeoutMs + (goal === 'done' ? this.ecsBakeMs : 0) + (typeof goal === 'object' || goal === 'shifted' ? this.stepBakeMs() : 0),
      ...this.waitClock(),
      signal,
      timeoutHint: goal === 'rolled-back' ? 'ECS keeps rolling back; check the service deployment in the console' : 'ECS keeps deploying; a rollback stops it',
      // A line per change, and the same again each minute it stays (ECS's bake can hold one status for an hour).
      onProgress: ({ status, elapsedMs }) => {
        if (status !== last || elapsedMs - saidAt >= 60_000) {
          this.logger.info(`  ${this.config.service}: ${status} after ${Math.round(elapsedMs / 1000)} s`)
          saidAt = elapsedMs
        }
        last = status
      },
      check: async () => {
        const deployment = await this.api.deployment(arn, signal)
        const progress = typeof goal === 'object' ? progressToWeight(deployment, goal.weight) : progressTowards(deployment, goal)
        if (progress.state === 'failed') throw new Error(`ECS service ${this.config.service}: ${progress.detail}`)
        if (progress.state === 'reached') {
          this.logger.info(`  ${this.config.service}: ${progress.detail}`)
          return { done: true, value: undefined }
        }
        return { done: false, status: progress.detail }
      }
    })
  }
}
