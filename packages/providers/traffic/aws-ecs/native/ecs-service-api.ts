import {
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  ListTagsForResourceCommand,
  StopServiceDeploymentCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type ECSClient,
  type Service,
  type ServiceDeployment,
  type ServiceRevision
} from '@aws-sdk/client-ecs'
import type { AwsCall } from '../aws-call.js'
import type { EcsNativeConfig } from '../config.js'
import { readTagState, type StateTag } from '../state-tags.js'
import { shortArn } from '../task-definition-mapping.js'
import type { TaskDefinitions } from '../task-definitions.js'
import type { NativeRecord } from './native-mapping.js'
import type { NativeStrategy } from './native-strategy.js'

/**
 * The ECS calls of native blue/green, for the one service: describe it, start a BLUE_GREEN, CANARY
 * or LINEAR service deployment (UpdateService), read and stop (ROLLBACK) service deployments, read ECS's record of the
 * current one with the task definitions of its revisions, and the service's tags. Every call through
 * the shared retrying AwsCall.
 */
export class EcsServiceApi {
  constructor(
    private readonly ecs: ECSClient,
    private readonly call: AwsCall,
    private readonly config: Pick<EcsNativeConfig, 'cluster' | 'service' | 'bakeTimeMinutes'>,
    private readonly revisions: TaskDefinitions
  ) {}

  async describe(signal: AbortSignal): Promise<Service> {
    const answer = await this.call(
      'DescribeServices',
      (s) => this.ecs.send(new DescribeServicesCommand({ cluster: this.config.cluster, services: [this.config.service] }), { abortSignal: s }),
      signal
    )
    const service = answer.services?.find((found) => found.serviceName === this.config.service || found.serviceArn === this.config.service)
    if (!service || !service.serviceArn) throw new Error(`ECS service ${this.config.service} was not found in cluster ${this.config.cluster}`)
    return service
  }

  /** Starts a service deployment of `taskDefinition` with the config's strategy (BLUE_GREEN unless told; a rollback's redeploy is always BLUE_GREEN). */
  async start(service: Service, taskDefinition: string, signal: AbortSignal, strategy: NativeStrategy = { kind: 'BLUE_GREEN' }): Promise<string> {
    // A linear or canary configuration is only valid with its own strategy: the service's previous one is dropped.
    const { linearConfiguration: _linear, canaryConfiguration: _canary, ...kept } = service.deploymentConfiguration ?? {}
    const deploymentConfiguration: DeploymentConfiguration = {
      ...kept,
      strategy: strategy.kind,
      ...(this.config.bakeTimeMinutes !== undefined ? { bakeTimeInMinutes: this.config.bakeTimeMinutes } : {}),
      ...(strategy.kind === 'LINEAR' ? { linearConfiguration: { stepPercent: strategy.stepPercent, stepBakeTimeInMinutes: strategy.stepBakeMinutes } } : {}),
      ...(strategy.kind === 'CANARY' ? { canaryConfiguration: { canaryPercent: strategy.canaryPercent, canaryBakeTimeInMinutes: strategy.stepBakeMinutes } } : {})
    }
    const updated = await this.call(
      'UpdateService',
      (s) => this.ecs.send(new UpdateServiceCommand({ cluster: this.config.cluster, service: this.config.service, taskDefinition, deploymentConfiguration }), { abortSignal: s }),
      signal
    )
    const arn = updated.service?.currentServiceDeployment ?? (await this.latestDeploymentArn(signal))
    if (!arn) throw new Error(`ECS started no service deployment for ${shortArn(taskDefinition)} on ${this.config.service}`)
    return arn
  }

  async latestDeploymentArn(signal: AbortSignal): Promise<string | undefined> {
    const listed = await this.call(
      'ListServiceDeployments',
      (s) => this.ecs.send(new ListServiceDeploymentsCommand({ cluster: this.config.cluster, service: this.config.service, maxResults: 1 }), { abortSignal: s }),
      signal
    )
    return listed.serviceDeployments?.[0]?.serviceDeploymentArn
  }

  async deployment(arn: string, signal: AbortSignal): Promise<ServiceDeployment | undefined> {
    const answer = await this.call('DescribeServiceDeployments', (s) => this.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }), { abortSignal: s }), signal)
    return answer.serviceDeployments?.[0]
  }

  /** ECS's record for status(): the current service deployment with what its revisions run, and the service's tags. */
  async readRecord(service: Service, signal: AbortSignal): Promise<NativeRecord> {
    const state = readTagState(await this.tags(service.serviceArn!, signal))
    const arn = service.currentServiceDeployment ?? (await this.latestDeploymentArn(signal))
    const deployment = arn ? await this.deployment(arn, signal) : undefined
    if (!deployment) return { current: await this.revisions.info(service.taskDefinition, signal), state }
    const sourceArn = deployment.sourceServiceRevisions?.[0]?.arn
    const targetArn = deployment.targetServiceRevision?.arn
    const wanted = [sourceArn, targetArn].filter((a): a is string => !!a)
    const revisions: { serviceRevisions?: ServiceRevision[] } = wanted.length
      ? await this.call('DescribeServiceRevisions', (s) => this.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: wanted }), { abortSignal: s }), signal)
      : {}
    const taskDefinitionOf = (revisionArn: string | undefined): string | undefined =>
      revisionArn ? revisions.serviceRevisions?.find((revision) => revision.serviceRevisionArn === revisionArn)?.taskDefinition : undefined
    const [source, target] = await Promise.all([this.revisions.info(taskDefinitionOf(sourceArn), signal), this.revisions.info(taskDefinitionOf(targetArn), signal)])
    return { deployment, ...(source ? { source } : {}), ...(target ? { target } : {}), state }
  }

  async tags(arn: string, signal: AbortSignal): Promise<StateTag[]> {
    const answer = await this.call('ListTagsForResource', (s) => this.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }), { abortSignal: s }), signal)
    return (answer.tags ?? []).map((tag) => ({ Key: tag.key, Value: tag.value }))
  }

  async tag(arn: string, tags: Record<string, string>, signal: AbortSignal): Promise<void> {
    const list = Object.entries(tags).map(([key, value]) => ({ key, value }))
    await this.call('TagResource', (s) => this.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: list }), { abortSignal: s }), signal)
  }

  async untag(arn: string, keys: string[], signal: AbortSignal): Promise<void> {
    await this.call('UntagResource', (s) => this.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: keys }), { abortSignal: s }), signal)
  }

  async stop(arn: string, signal: AbortSignal): Promise<void> {
    await this.call('StopServiceDeployment', (s) => this.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }), { abortSignal: s }), signal)
  }
}
