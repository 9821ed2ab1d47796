import {
  DeregisterTaskDefinitionCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  type Deployment,
  type RegisterTaskDefinitionCommandInput,
  type Service,
  type TaskDefinition
} from '@aws-sdk/client-ecs'
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
  type Action
} from '@aws-sdk/client-elastic-load-balancing-v2'
import { mockClient } from 'aws-sdk-client-mock'

/**
 * An in-memory AWS account for the aws-ecs traffic provider, at the SDK level (aws-sdk-client-mock
 * on ECSClient and ElasticLoadBalancingV2Client): a cluster with two services (blue on revision 7
 * of meal-planner-api, green idle on revision 6), their two target groups, one ALB listener with a
 * weighted forward action and its tags. A service deployment goes IN_PROGRESS → COMPLETED over
 * `pollsUntilStable` DescribeServices calls; with `circuitBreaker` the next deployment ends FAILED
 * and ECS rolls the service back to its previous definition, as the deployment circuit breaker does.
 *
 * Faults: `throttle[operation] = n` answers n ThrottlingExceptions first; `failAt[operation] = [k]`
 * fails the k-th call (1-based) with AccessDenied (not retryable).
 */

export const ACCOUNT = '123456789012'
export const FAMILY_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/meal-planner-api`
const ELB = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}`
export const TARGET_GROUPS = { blue: `${ELB}:targetgroup/api-blue/0123456789abcdef`, green: `${ELB}:targetgroup/api-green/fedcba9876543210` }
export const LISTENER = `${ELB}:listener/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2`
export const TEST_LISTENER = `${ELB}:listener/app/api/50dc6c495c0c9188/0467ef3c8400ae65`
export const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/meal-planner-api`
/** The blue-green-swap inputs that name this account's cluster, two services, their target groups and the listener (keeping 3 revisions). */
export const ALB_INPUTS = {
  'ecs-cluster': 'meal-planner-production',
  'ecs-blue-service': 'api-blue',
  'ecs-green-service': 'api-green',
  'ecs-blue-target-group': TARGET_GROUPS.blue,
  'ecs-green-target-group': TARGET_GROUPS.green,
  'ecs-listener': LISTENER,
  'ecs-keep-revisions': '3',
  'public-url': 'https://api.mealplanner.com'
}

interface FakeService {
  name: string
  targetGroup: string
  taskDefinition: string
  desiredCount: number
  deployments: Deployment[]
  pending: number
  breaker: boolean
  events: Array<{ message: string }>
}

type Handler = (input: any) => unknown // eslint-disable-line @typescript-eslint/no-explicit-any

export class FakeEcsAccount {
  /** Operation name → what the account answers (loopback HTTP fake: test/support/fakes/aws-ecs-http.ts). */
  readonly handlers: Record<string, Handler> = {}
  private readonly mocks: Array<{ restore(): void }> = []
  /** Mutating calls in order, with a short argument: `ModifyListener green=10`. */
  readonly calls: string[] = []
  readonly throttle: Record<string, number> = {}
  readonly failAt: Record<string, number[]> = {}
  circuitBreaker = false
  pollsUntilStable = 3
  listenerActions: Action[]
  testListenerActions: Action[] = [{ Type: 'forward', TargetGroupArn: TARGET_GROUPS.green }]
  readonly tags = new Map<string, string>()
  readonly definitions = new Map<string, { definition: TaskDefinition; tags: Array<{ key: string; value: string }>; active: boolean }>()
  readonly services: Record<'api-blue' | 'api-green', FakeService>
  private readonly counts: Record<string, number> = {}
  private deploymentId = 0

  /** `sdk`: install on the SDK clients through aws-sdk-client-mock (false: only `handlers`, for the HTTP fake). */
  constructor(sdk = true) {
    for (let revision = 1; revision <= 7; revision++) this.addDefinition(`${IMAGE}:rev${revision}`, revision === 7 ? 'v7' : `v${revision}`)
    this.listenerActions = [
      {
        Type: 'forward',
        Order: 1,
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: TARGET_GROUPS.blue, Weight: 100 },
            { TargetGroupArn: TARGET_GROUPS.green, Weight: 0 }
          ]
        }
      }
    ]
    this.services = {
      'api-blue': this.service('api-blue', TARGET_GROUPS.blue, `${FAMILY_ARN}:7`, 2),
      'api-green': this.service('api-green', TARGET_GROUPS.green, `${FAMILY_ARN}:6`, 0)
    }
    this.define()
    if (sdk) this.install()
  }

  restore(): void {
    for (const mock of this.mocks) mock.restore()
  }

  /** Percent on green per the listener right now. */
  greenWeight(): number {
    const groups = this.listenerActions[0].ForwardConfig?.TargetGroups ?? []
    const weight = (arn: string): number => groups.find((g) => g.TargetGroupArn === arn)?.Weight ?? 0
    return Math.round((weight(TARGET_GROUPS.green) / (weight(TARGET_GROUPS.green) + weight(TARGET_GROUPS.blue))) * 100)
  }

  addDefinition(image: string, version: string, source?: RegisterTaskDefinitionCommandInput): string {
    const arn = `${FAMILY_ARN}:${this.definitions.size + 1}`
    const definition: TaskDefinition = {
      networkMode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      ...(source as TaskDefinition | undefined),
      family: 'meal-planner-api',
      taskDefinitionArn: arn,
      revision: this.definitions.size + 1,
      status: 'ACTIVE',
      containerDefinitions: source?.containerDefinitions ?? [{ name: 'api', image, essential: true, portMappings: [{ containerPort: 3000 }] }],
      requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.ecr-auth' }],
      compatibilities: ['EC2', 'FARGATE']
    }
    const tags = source?.tags?.length ? source.tags.map((tag) => ({ key: tag.key ?? '', value: tag.value ?? '' })) : [{ key: 'deploy-actions:version', value: version }]
    this.definitions.set(arn, { definition, tags, active: true })
    return arn
  }

  private service(name: string, targetGroup: string, taskDefinition: string, desiredCount: number): FakeService {
    return {
      name,
      targetGroup,
      taskDefinition,
      desiredCount,
      pending: 0,
      breaker: false,
      events: [],
      deployments: [{ id: `ecs-svc/${++this.deploymentId}`, status: 'PRIMARY', taskDefinition, desiredCount, runningCount: desiredCount, rolloutState: 'COMPLETED' }]
    }
  }

  /** Throttles or fails the call when told to; counts it. */
  gate(operation: string): void {
    this.counts[operation] = (this.counts[operation] ?? 0) + 1
    if ((this.throttle[operation] ?? 0) > 0) {
      this.throttle[operation]--
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } })
    }
    if (this.failAt[operation]?.includes(this.counts[operation])) {
      throw Object.assign(new Error(`User is not authorized to perform: elasticloadbalancing:${operation}`), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })
    }
  }

  private install(): void {
    const ecs = mockClient(ECSClient)
    const elb = mockClient(ElasticLoadBalancingV2Client)
    this.mocks.push(ecs, elb)
    const ecsCommands = {
      DescribeServicesCommand,
      DescribeTaskDefinitionCommand,
      RegisterTaskDefinitionCommand,
      UpdateServiceCommand,
      ListTaskDefinitionsCommand,
      DeregisterTaskDefinitionCommand,
      // ECS native blue/green (test/support/fakes/aws-ecs-native.ts adds their handlers).
      ListServiceDeploymentsCommand,
      DescribeServiceDeploymentsCommand,
      DescribeServiceRevisionsCommand,
      StopServiceDeploymentCommand,
      ListTagsForResourceCommand,
      TagResourceCommand,
      UntagResourceCommand
    }
    const elbCommands = {
      DescribeListenersCommand,
      DescribeRulesCommand,
      ModifyRuleCommand,
      ModifyListenerCommand,
      DescribeTargetHealthCommand,
      DescribeTagsCommand,
      AddTagsCommand,
      RemoveTagsCommand
    }
    const handle = (name: string, input: unknown): unknown => {
      const handler = this.handlers[name.replace(/Command$/, '')]
      if (!handler) throw new Error(`the fake does not answer ${name}`)
      return handler(input)
    }
    for (const [name, command] of Object.entries(ecsCommands)) ecs.on(command as typeof DescribeServicesCommand).callsFake((input: unknown) => handle(name, input))
    for (const [name, command] of Object.entries(elbCommands))
      elb.on(command as typeof DescribeListenersCommand).callsFake((input: unknown) => this.handlers[name.replace(/Command$/, '')](input))
  }

  private define(): void {
    const on = (operation: string, handler: Handler): void => {
      this.handlers[operation] = handler
    }
    on('DescribeServices', (input: { services: string[] }) => {
      this.gate('DescribeServices')
      return { services: input.services.map((name) => this.describeService(name)).filter(Boolean), failures: [] }
    })
    on('DescribeTaskDefinition', (input: { taskDefinition: string }) => {
      this.gate('DescribeTaskDefinition')
      const found = this.definitions.get(input.taskDefinition)
      if (!found) throw Object.assign(new Error('Unable to describe task definition.'), { name: 'ClientException', $metadata: { httpStatusCode: 400 } })
      return { taskDefinition: structuredClone(found.definition), tags: found.tags }
    })
    on('RegisterTaskDefinition', (input: RegisterTaskDefinitionCommandInput) => {
      this.gate('RegisterTaskDefinition')
      for (const field of ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt']) {
        if (field in input) throw Object.assign(new Error(`Unexpected key '${field}' found in params`), { name: 'ClientException', $metadata: { httpStatusCode: 400 } })
      }
      const image = input.containerDefinitions?.[0]?.image ?? ''
      const version = input.tags?.find((tag) => tag.key === 'deploy-actions:version')?.value ?? 'untagged'
      const arn = this.addDefinition(image, version, input)
      this.calls.push(`RegisterTaskDefinition ${image}`)
      return { taskDefinition: this.definitions.get(arn)!.definition }
    })
    on('UpdateService', (input: { service: string; taskDefinition?: string; desiredCount?: number }) => {
      this.gate('UpdateService')
      const service = this.services[input.service as keyof FakeEcsAccount['services']]
      this.calls.push(
        `UpdateService ${input.service}${input.taskDefinition ? ` ${input.taskDefinition.slice(input.taskDefinition.lastIndexOf('/') + 1)}` : ''}${input.desiredCount !== undefined ? ` desired=${input.desiredCount}` : ''}`
      )
      if (input.desiredCount !== undefined) service.desiredCount = input.desiredCount
      if (input.taskDefinition) {
        for (const deployment of service.deployments) deployment.status = 'ACTIVE'
        service.deployments.unshift({
          id: `ecs-svc/${++this.deploymentId}`,
          status: 'PRIMARY',
          taskDefinition: input.taskDefinition,
          desiredCount: service.desiredCount,
          runningCount: 0,
          failedTasks: 0,
          rolloutState: 'IN_PROGRESS'
        })
        service.taskDefinition = input.taskDefinition
        service.breaker = this.circuitBreaker
      } else {
        service.deployments[0].desiredCount = service.desiredCount
        service.deployments[0].rolloutState = 'IN_PROGRESS'
      }
      service.pending = this.pollsUntilStable
      return { service: this.describeService(input.service, false) }
    })
    on('ListTaskDefinitions', (input: { familyPrefix?: string }) => {
      this.gate('ListTaskDefinitions')
      const arns = [...this.definitions.entries()].filter(([arn, d]) => d.active && arn.includes(`/${input.familyPrefix}:`)).map(([arn]) => arn)
      return { taskDefinitionArns: arns.reverse() }
    })
    on('DeregisterTaskDefinition', (input: { taskDefinition: string }) => {
      this.gate('DeregisterTaskDefinition')
      this.definitions.get(input.taskDefinition)!.active = false
      this.calls.push(`DeregisterTaskDefinition ${input.taskDefinition.slice(input.taskDefinition.lastIndexOf(':') + 1)}`)
      return {}
    })

    on('DescribeListeners', (input: { ListenerArns: string[] }) => {
      this.gate('DescribeListeners')
      const actions = input.ListenerArns[0] === TEST_LISTENER ? this.testListenerActions : this.listenerActions
      return { Listeners: [{ ListenerArn: input.ListenerArns[0], DefaultActions: structuredClone(actions) }] }
    })
    on('DescribeRules', () => {
      throw new Error('the fake has no rules')
    })
    on('ModifyRule', () => {
      throw new Error('the fake has no rules')
    })
    on('ModifyListener', (input: { ListenerArn: string; DefaultActions: Action[] }) => {
      this.gate('ModifyListener')
      if (input.ListenerArn === TEST_LISTENER) {
        this.testListenerActions = input.DefaultActions
        this.calls.push(`ModifyListener test→${input.DefaultActions[0].ForwardConfig?.TargetGroups?.[0].TargetGroupArn === TARGET_GROUPS.green ? 'green' : 'blue'}`)
      } else {
        this.listenerActions = input.DefaultActions
        this.calls.push(`ModifyListener green=${this.greenWeight()}`)
      }
      return { Listeners: [{ ListenerArn: input.ListenerArn, DefaultActions: input.DefaultActions }] }
    })
    on('DescribeTargetHealth', (input: { TargetGroupArn: string }) => {
      this.gate('DescribeTargetHealth')
      const service = Object.values(this.services).find((s) => s.targetGroup === input.TargetGroupArn)!
      const primary = service.deployments.find((d) => d.status === 'PRIMARY')!
      const healthy = primary.rolloutState === 'COMPLETED' ? (primary.runningCount ?? 0) : 0
      return { TargetHealthDescriptions: Array.from({ length: healthy }, (_, i) => ({ Target: { Id: `10.0.1.${i + 10}`, Port: 3000 }, TargetHealth: { State: 'healthy' } })) }
    })
    on('DescribeTags', (input: { ResourceArns: string[] }) => {
      this.gate('DescribeTags')
      return { TagDescriptions: [{ ResourceArn: input.ResourceArns[0], Tags: [...this.tags.entries()].map(([Key, Value]) => ({ Key, Value })) }] }
    })
    on('AddTags', (input: { Tags: Array<{ Key: string; Value: string }> }) => {
      this.gate('AddTags')
      for (const tag of input.Tags) {
        if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u.test(tag.Value))
          throw Object.assign(new Error(`invalid tag value for ${tag.Key}`), { name: 'ValidationError', $metadata: { httpStatusCode: 400 } })
        this.tags.set(tag.Key, tag.Value)
      }
      return {}
    })
    on('RemoveTags', (input: { TagKeys: string[] }) => {
      this.gate('RemoveTags')
      for (const key of input.TagKeys) this.tags.delete(key)
      return {}
    })
  }

  /** Each describe moves a deployment one poll closer to its end. */
  private describeService(name: string, advance = true): Service | undefined {
    const service = this.services[name as keyof FakeEcsAccount['services']]
    if (!service) return undefined
    const primary = service.deployments.find((d) => d.status === 'PRIMARY')!
    if (service.pending > 0 && advance) {
      service.pending--
      primary.runningCount = Math.floor(service.desiredCount / 2)
      if (service.pending === 0 && service.breaker) {
        // The circuit breaker: our deployment FAILED, the previous one PRIMARY again, and the service stable on it.
        primary.status = 'ACTIVE'
        primary.rolloutState = 'FAILED'
        primary.runningCount = 0
        primary.failedTasks = 3
        primary.rolloutStateReason = 'ECS deployment circuit breaker: tasks failed to start.'
        const previous = service.deployments.find((d) => d !== primary)!
        Object.assign(previous, { status: 'PRIMARY', rolloutState: 'COMPLETED', desiredCount: service.desiredCount, runningCount: service.desiredCount })
        service.taskDefinition = previous.taskDefinition!
        service.events.unshift({ message: `(service ${name}) rolling back to deployment ${previous.id}.` })
        service.breaker = false
      } else if (service.pending === 0) {
        Object.assign(primary, { rolloutState: 'COMPLETED', runningCount: service.desiredCount, desiredCount: service.desiredCount })
        service.deployments = [primary]
      }
    }
    return {
      serviceName: name,
      serviceArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:service/meal-planner-production/${name}`,
      status: 'ACTIVE',
      taskDefinition: service.taskDefinition,
      desiredCount: service.desiredCount,
      runningCount: primary.runningCount,
      deployments: structuredClone(service.deployments),
      events: structuredClone(service.events)
    }
  }
}
