import type { DeploymentConfiguration, ServiceDeployment } from '@aws-sdk/client-ecs'
import { ACCOUNT, FAMILY_ARN, TARGET_GROUPS, type FakeEcsAccount } from './aws-ecs-sdk.js'

/**
 * ECS native blue/green on the in-memory account of aws-ecs-sdk.ts: one service `api` (revision 7
 * of meal-planner-api, untagged color, 2 tasks) with the BLUE_GREEN strategy and a load balancer
 * whose advancedConfiguration names the alternate target group and the production / test listener
 * rules. UpdateService with a task definition starts a service deployment that moves one lifecycle
 * stage per DescribeServiceDeployments (PRE_SCALE_UP … BAKE_TIME for `bakePolls` reads … CLEAN_UP →
 * SUCCESSFUL); StopServiceDeployment(ROLLBACK) goes ROLLBACK_REQUESTED → ROLLBACK_IN_PROGRESS →
 * ROLLBACK_SUCCESSFUL with the service back on the source revision. With the CANARY or LINEAR strategy
 * PRODUCTION_TRAFFIC_SHIFT moves the target's requestedProductionTrafficWeight one step per read
 * (`stepPolls` reads at each step, ECS's step bake) before going on; one read never moves it two steps.
 *
 * Knobs: `stagesPerRead`; `breakerAt` = a stage where the deployment circuit breaker trips (ECS rolls back on its
 * own: ROLLBACK_IN_PROGRESS → ROLLBACK_SUCCESSFUL), `breakerAtWeight` = the production weight at which an alarm
 * does the same mid-shift; `stuckAt` = a stage the deployment never leaves.
 * Throttling and failures through the account's `throttle` / `failAt`.
 */

export const NATIVE_SERVICE = 'api'
export const NATIVE_SERVICE_ARN = `arn:aws:ecs:us-east-1:${ACCOUNT}:service/meal-planner-production/${NATIVE_SERVICE}`
const ELB = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}`
export const PRODUCTION_RULE = `${ELB}:listener-rule/app/api/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee`
export const TEST_RULE = `${ELB}:listener-rule/app/api/50dc6c495c0c9188/0467ef3c8400ae65/0b1c2d3e4f5a6b7c`

const STAGES = [
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP'
] as const
type Stage = (typeof STAGES)[number]

interface FakeDeployment {
  arn: string
  status: NonNullable<ServiceDeployment['status']>
  stage: number
  bakeLeft: number
  source: string
  target: string
  statusReason?: string
  /** Percent of production traffic on the target while ECS shifts it (CANARY, LINEAR). */
  weight: number
  /** The weights ECS steps through (from the strategy at UpdateService); [100] for BLUE_GREEN. */
  steps: number[]
  stepLeft: number
}

export class FakeNativeService {
  taskDefinition = `${FAMILY_ARN}:7`
  desiredCount = 2
  deploymentConfiguration: DeploymentConfiguration = {
    strategy: 'BLUE_GREEN',
    bakeTimeInMinutes: 10,
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    deploymentCircuitBreaker: { enable: true, rollback: true }
  }
  advanced = true
  readonly tags = new Map<string, string>()
  /** Service revision ARN → task definition. */
  readonly revisions = new Map<string, string>()
  readonly deployments = new Map<string, FakeDeployment>()
  current?: string
  breakerAt?: Stage
  stuckAt?: Stage
  bakePolls = 2
  /** Reads a CANARY / LINEAR step holds (its step bake) before ECS moves to the next. */
  stepPolls = 1
  breakerAtWeight?: number
  /** Steps one DescribeServiceDeployments read moves a deployment (runner tests: several, so no poll waits out a real interval). */
  stagesPerRead = 1
  private revisionArn: string
  private count = 0

  constructor(private readonly account: FakeEcsAccount) {
    this.revisionArn = this.addRevision(this.taskDefinition)
    this.define()
  }

  /** The deployment started last. */
  latest(): FakeDeployment | undefined {
    return this.current ? this.deployments.get(this.current) : undefined
  }

  private addRevision(taskDefinition: string): string {
    const arn = `arn:aws:ecs:us-east-1:${ACCOUNT}:service-revision/meal-planner-production/${NATIVE_SERVICE}/${4_000_000_000 + ++this.count}`
    this.revisions.set(arn, taskDefinition)
    return arn
  }

  private define(): void {
    const handlers = this.account.handlers
    const describeServices = handlers.DescribeServices
    handlers.DescribeServices = (input: { services: string[] }) => {
      if (!input.services.includes(NATIVE_SERVICE)) return describeServices(input)
      this.account.gate('DescribeServices')
      return { services: [this.describe()], failures: [] }
    }
    const updateService = handlers.UpdateService
    handlers.UpdateService = (input: { service: string; taskDefinition?: string; deploymentConfiguration?: DeploymentConfiguration }) => {
      if (input.service !== NATIVE_SERVICE) return updateService(input)
      this.account.gate('UpdateService')
      if (input.deploymentConfiguration) this.deploymentConfiguration = input.deploymentConfiguration
      const bake = this.deploymentConfiguration.bakeTimeInMinutes
      this.account.calls.push(
        `UpdateService ${NATIVE_SERVICE}${input.taskDefinition ? ` ${input.taskDefinition.slice(input.taskDefinition.lastIndexOf('/') + 1)}` : ''} ${this.deploymentConfiguration.strategy ?? 'ROLLING'}${bake !== undefined ? ` bake=${bake}` : ''}${shiftText(this.deploymentConfiguration)}`
      )
      if (input.taskDefinition && input.taskDefinition !== this.taskDefinition) {
        const target = this.addRevision(input.taskDefinition)
        const arn = `arn:aws:ecs:us-east-1:${ACCOUNT}:service-deployment/meal-planner-production/${NATIVE_SERVICE}/dep${this.count}`
        const steps = shiftSteps(this.deploymentConfiguration)
        this.deployments.set(arn, { arn, status: 'PENDING', stage: -1, bakeLeft: this.bakePolls, source: this.revisionArn, target, weight: 0, steps, stepLeft: this.stepPolls })
        this.current = arn
        this.taskDefinition = input.taskDefinition
      }
      return { service: this.describe() }
    }
    handlers.ListServiceDeployments = (input: { service: string }) => {
      this.account.gate('ListServiceDeployments')
      if (input.service !== NATIVE_SERVICE) return { serviceDeployments: [] }
      const all = [...this.deployments.values()].reverse()
      return { serviceDeployments: all.map((d) => ({ serviceDeploymentArn: d.arn, serviceArn: NATIVE_SERVICE_ARN, status: d.status, targetServiceRevisionArn: d.target })) }
    }
    handlers.DescribeServiceDeployments = (input: { serviceDeploymentArns: string[] }) => {
      this.account.gate('DescribeServiceDeployments')
      const found = input.serviceDeploymentArns.map((arn) => this.deployments.get(arn)).filter((d): d is FakeDeployment => !!d)
      for (const deployment of found) {
        for (let i = 0; i < this.stagesPerRead; i++) {
          const before = deployment.weight
          this.advance(deployment)
          if (deployment.weight !== before && deployment.weight < 100) break
        }
      }
      return { serviceDeployments: found.map((d) => this.view(d)), failures: [] }
    }
    handlers.DescribeServiceRevisions = (input: { serviceRevisionArns: string[] }) => {
      this.account.gate('DescribeServiceRevisions')
      const known = input.serviceRevisionArns.filter((arn) => this.revisions.has(arn))
      return { serviceRevisions: known.map((arn) => ({ serviceRevisionArn: arn, serviceArn: NATIVE_SERVICE_ARN, taskDefinition: this.revisions.get(arn) })), failures: [] }
    }
    handlers.StopServiceDeployment = (input: { serviceDeploymentArn: string; stopType?: string }) => {
      this.account.gate('StopServiceDeployment')
      const deployment = this.deployments.get(input.serviceDeploymentArn)
      if (!deployment || !['PENDING', 'IN_PROGRESS', 'ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS'].includes(deployment.status))
        throw Object.assign(new Error('The service deployment cannot be stopped in its current state.'), { name: 'ConflictException', $metadata: { httpStatusCode: 400 } })
      this.account.calls.push(`StopServiceDeployment ${input.stopType ?? 'ABORT'}`)
      if (deployment.status === 'PENDING' || deployment.status === 'IN_PROGRESS') deployment.status = 'ROLLBACK_REQUESTED'
      return { serviceDeploymentArn: deployment.arn }
    }
    handlers.ListTagsForResource = (input: { resourceArn: string }) => {
      this.account.gate('ListTagsForResource')
      return { tags: input.resourceArn === NATIVE_SERVICE_ARN ? [...this.tags.entries()].map(([key, value]) => ({ key, value })) : [] }
    }
    handlers.TagResource = (input: { resourceArn: string; tags: Array<{ key: string; value: string }> }) => {
      this.account.gate('TagResource')
      for (const tag of input.tags) {
        if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u.test(tag.value))
          throw Object.assign(new Error(`invalid tag value for ${tag.key}`), { name: 'InvalidParameterException', $metadata: { httpStatusCode: 400 } })
        this.tags.set(tag.key, tag.value)
      }
      return {}
    }
    handlers.UntagResource = (input: { tagKeys: string[] }) => {
      this.account.gate('UntagResource')
      for (const key of input.tagKeys) this.tags.delete(key)
      return {}
    }
  }

  /** One read moves the deployment one step. */
  private advance(deployment: FakeDeployment): void {
    const stage = STAGES[deployment.stage] as Stage | undefined
    switch (deployment.status) {
      case 'PENDING':
        deployment.status = 'IN_PROGRESS'
        deployment.stage = 0
        return
      case 'IN_PROGRESS':
        if (stage && stage === this.stuckAt) return
        if (stage && stage === this.breakerAt) {
          deployment.status = 'ROLLBACK_IN_PROGRESS'
          deployment.statusReason = 'ECS deployment circuit breaker: tasks failed to start.'
          return
        }
        if (stage === 'BAKE_TIME' && deployment.bakeLeft-- > 0) return
        if (stage === 'PRODUCTION_TRAFFIC_SHIFT' && deployment.steps.length > 1 && this.shiftStep(deployment)) return
        if (stage === 'CLEAN_UP') {
          deployment.status = 'SUCCESSFUL'
          this.revisionArn = deployment.target
          return
        }
        deployment.stage++
        return
      case 'ROLLBACK_REQUESTED':
        deployment.status = 'ROLLBACK_IN_PROGRESS'
        return
      case 'ROLLBACK_IN_PROGRESS':
        deployment.status = 'ROLLBACK_SUCCESSFUL'
        this.taskDefinition = this.revisions.get(deployment.source)!
        return
    }
  }

  /** One step of a CANARY / LINEAR traffic shift; false once the last step (100) is reached and the stage may move on. */
  private shiftStep(deployment: FakeDeployment): boolean {
    if (deployment.weight > 0 && deployment.weight < 100 && deployment.stepLeft-- > 0) return true
    const next = deployment.steps.find((step) => step > deployment.weight)
    if (next === undefined) return false
    deployment.weight = next
    deployment.stepLeft = this.stepPolls
    if (this.breakerAtWeight !== undefined && next >= this.breakerAtWeight) {
      deployment.status = 'ROLLBACK_IN_PROGRESS'
      deployment.statusReason = 'CloudWatch alarm api-5xx in ALARM during the production traffic shift.'
      return true
    }
    return next < 100
  }

  private view(d: FakeDeployment): ServiceDeployment {
    const at = d.stage
    const productionOnTarget = d.status === 'SUCCESSFUL' || (d.status === 'IN_PROGRESS' && at > STAGES.indexOf('PRODUCTION_TRAFFIC_SHIFT'))
    const shifting = d.status === 'IN_PROGRESS' && at === STAGES.indexOf('PRODUCTION_TRAFFIC_SHIFT') ? d.weight : 0
    const started = d.status === 'SUCCESSFUL' || at > STAGES.indexOf('SCALE_UP')
    return {
      serviceDeploymentArn: d.arn,
      serviceArn: NATIVE_SERVICE_ARN,
      status: d.status,
      ...(d.statusReason ? { statusReason: d.statusReason } : {}),
      ...(d.status === 'IN_PROGRESS' ? { lifecycleStage: STAGES[at] as ServiceDeployment['lifecycleStage'] } : {}),
      sourceServiceRevisions: [
        { arn: d.source, requestedTaskCount: this.desiredCount, runningTaskCount: this.desiredCount, requestedProductionTrafficWeight: productionOnTarget ? 0 : 100 - shifting }
      ],
      targetServiceRevision: {
        arn: d.target,
        requestedTaskCount: this.desiredCount,
        runningTaskCount: started ? this.desiredCount : at === STAGES.indexOf('SCALE_UP') ? 1 : 0,
        requestedProductionTrafficWeight: productionOnTarget ? 100 : shifting
      }
    }
  }

  private describe(): Record<string, unknown> {
    return {
      serviceName: NATIVE_SERVICE,
      serviceArn: NATIVE_SERVICE_ARN,
      status: 'ACTIVE',
      taskDefinition: this.taskDefinition,
      desiredCount: this.desiredCount,
      runningCount: this.desiredCount,
      deploymentController: { type: 'ECS' },
      deploymentConfiguration: structuredClone(this.deploymentConfiguration),
      loadBalancers: [
        {
          targetGroupArn: TARGET_GROUPS.blue,
          containerName: 'api',
          containerPort: 3000,
          ...(this.advanced
            ? {
                advancedConfiguration: {
                  alternateTargetGroupArn: TARGET_GROUPS.green,
                  productionListenerRule: PRODUCTION_RULE,
                  testListenerRule: TEST_RULE,
                  roleArn: `arn:aws:iam::${ACCOUNT}:role/ecsInfrastructureRoleForLoadBalancers`
                }
              }
            : {})
        }
      ],
      ...(this.current ? { currentServiceDeployment: this.current } : {})
    }
  }
}

/** The production weights ECS steps through for a deployment configuration (as ECS's LINEAR and CANARY strategies define them). */
function shiftSteps(configuration: DeploymentConfiguration): number[] {
  if (configuration.strategy === 'CANARY') return [configuration.canaryConfiguration?.canaryPercent ?? 5, 100]
  if (configuration.strategy === 'LINEAR') {
    const step = configuration.linearConfiguration?.stepPercent ?? 10
    const steps: number[] = []
    for (let weight = step; weight < 100; weight += step) steps.push(weight)
    return [...steps, 100]
  }
  return [100]
}

function shiftText(configuration: DeploymentConfiguration): string {
  const linear = configuration.strategy === 'LINEAR' ? configuration.linearConfiguration : undefined
  const canary = configuration.strategy === 'CANARY' ? configuration.canaryConfiguration : undefined
  if (linear) return ` linear=${linear.stepPercent}%/${linear.stepBakeTimeInMinutes}m`
  if (canary) return ` canary=${canary.canaryPercent}%/${canary.canaryBakeTimeInMinutes}m`
  return ''
}
