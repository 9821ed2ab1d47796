import {
  DeregisterTaskDefinitionCommand,
  DescribeTaskDefinitionCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type ECSClient,
  type TaskDefinition
} from '@aws-sdk/client-ecs'
import type { Logger } from '../../../core/log.js'
import type { Color, Release } from '../types.js'
import type { AwsCall } from './aws-call.js'
import type { EcsSharedConfig } from './config.js'
import { colorOf, familyOf, registerRequest, revisionsToDeregister, shortArn, versionOf } from './task-definition-mapping.js'

/** What a revision runs, read from its definition and tags. */
export interface RevisionInfo {
  arn: string
  version?: string
  color?: Color
}

/**
 * The task definition revisions both modes work with: register one for a release (from the template
 * file or a running definition), read what a revision runs, and deregister the family's old
 * revisions beyond ecs-keep-revisions (never one in use; a failure there only warns).
 */
export class TaskDefinitions {
  constructor(
    private readonly ecs: ECSClient,
    private readonly call: AwsCall,
    private readonly logger: Logger,
    private readonly config: Pick<EcsSharedConfig, 'container' | 'keepRevisions'>,
    private readonly template?: TaskDefinition
  ) {}

  async describe(arn: string | undefined, signal: AbortSignal): Promise<{ taskDefinition?: TaskDefinition; tags?: Array<{ key?: string; value?: string }> }> {
    if (!arn) return {}
    return this.call('DescribeTaskDefinition', (s) => this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn, include: ['TAGS'] }), { abortSignal: s }), signal)
  }

  async info(arn: string | undefined, signal: AbortSignal): Promise<RevisionInfo | undefined> {
    if (!arn) return undefined
    const { taskDefinition, tags } = await this.describe(arn, signal)
    const version = versionOf(taskDefinition, tags, this.config.container)
    const color = colorOf(tags)
    return { arn, ...(version ? { version } : {}), ...(color ? { color } : {}) }
  }

  /** Registers `release.image` over the template file, else over the definition `currentArn` runs. */
  async register(release: Release & { image: string }, currentArn: string | undefined, signal: AbortSignal, color?: Color): Promise<string> {
    const source = this.template ?? (await this.describe(currentArn, signal)).taskDefinition
    if (!source) throw new Error('no task definition to start from: neither a template file nor a service definition')
    const registered = await this.call(
      'RegisterTaskDefinition',
      (s) => this.ecs.send(new RegisterTaskDefinitionCommand(registerRequest(source, release.image, release.version, this.config.container, color)), { abortSignal: s }),
      signal
    )
    const arn = registered.taskDefinition?.taskDefinitionArn
    if (!arn) throw new Error('RegisterTaskDefinition returned no ARN')
    this.logger.info(`Registered ${shortArn(arn)} with ${release.image}`)
    return arn
  }

  async deregisterOld(inUse: string[], signal: AbortSignal): Promise<void> {
    if (this.config.keepRevisions <= 0) return
    try {
      const family = inUse[0] ? familyOf(inUse[0]) : undefined
      if (!family) return
      const arns: string[] = []
      let nextToken: string | undefined
      do {
        const page = await this.call(
          'ListTaskDefinitions',
          (s) => this.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: 'ACTIVE', sort: 'DESC', nextToken }), { abortSignal: s }),
          signal
        )
        arns.push(...(page.taskDefinitionArns ?? []).filter((arn) => familyOf(arn) === family))
        nextToken = page.nextToken
      } while (nextToken)
      const old = revisionsToDeregister(arns, inUse, this.config.keepRevisions)
      for (const arn of old) await this.call('DeregisterTaskDefinition', (s) => this.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }), { abortSignal: s }), signal)
      if (old.length > 0)
        this.logger.info(`Deregistered ${old.length} old ${old.length === 1 ? 'revision' : 'revisions'} of ${family} (keeping ${this.config.keepRevisions}): ${old.map(shortArn).join(', ')}`)
    } catch (error) {
      this.logger.warning(`old task definition revisions were not deregistered: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}
