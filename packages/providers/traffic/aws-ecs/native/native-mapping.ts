import type { Service, ServiceDeployment } from '@aws-sdk/client-ecs'
import { minutes, type EcsNativeConfig } from '../config.js'
import { otherColor, type Color, type TrafficStatus } from '../../types.js'
import type { TagState } from '../state-tags.js'
import type { RevisionInfo } from '../task-definitions.js'

/**
 * Pure mapping for ECS native blue/green: where a service deployment stands (its status and
 * lifecycle stage), what a wait is after, and the engine's TrafficStatus read from ECS's own record
 * (the current service deployment, its source and target revisions and their tags).
 *
 * ECS has no colors: each revision deploy-actions registers carries one in its tags (the color the
 * previous revision did not have), so reruns read the same colors back.
 */

/** Lifecycle stages in the order a BLUE_GREEN deployment goes through them. */
export const STAGES = [
  'RECONCILE_SERVICE',
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

const UNDER_WAY = ['PENDING', 'IN_PROGRESS']
const ROLLING_BACK = ['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED']
/** How a deployment ends on its own when it does not succeed: circuit breaker, alarms, a lifecycle hook, a stop. */
const ENDED_BADLY = ['ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED']

function stageIndex(stage: string | undefined): number {
  return STAGES.indexOf((stage ?? '') as (typeof STAGES)[number])
}

export function isUnderWay(deployment: ServiceDeployment | undefined): boolean {
  return UNDER_WAY.includes(deployment?.status ?? '')
}

export function isRollingBack(deployment: ServiceDeployment | undefined): boolean {
  return ROLLING_BACK.includes(deployment?.status ?? '')
}

/** Percent of production traffic on the target revision. */
export function targetWeight(deployment: ServiceDeployment): number {
  if (deployment.status === 'SUCCESSFUL') return 100
  if (deployment.status === 'ROLLBACK_SUCCESSFUL' || deployment.status === 'STOPPED') return 0
  const requested = deployment.targetServiceRevision?.requestedProductionTrafficWeight
  if (requested !== undefined) return Math.max(0, Math.min(100, Math.round(requested)))
  return stageIndex(deployment.lifecycleStage) > stageIndex('PRODUCTION_TRAFFIC_SHIFT') ? 100 : 0
}

/** What a wait on the deployment is after. */
export type Goal =
  /** Green's tasks run (and, with a test URL, take the test traffic); blue serves production. */
  | 'started'
  /** Green takes the test traffic (ECS's test listener rule): its checks on the test URL reach green alone. */
  | 'tested'
  /** Production traffic is on green and ECS bakes (blue still up). */
  | 'shifted'
  /** ECS finished: green serves, blue scaled down. */
  | 'done'
  /** ECS put production back on the source revision. */
  | 'rolled-back'

export type Progress = { state: 'reached'; detail: string } | { state: 'waiting'; detail: string } | { state: 'failed'; detail: string }

const STAGE_TEXT: Record<string, string> = {
  RECONCILE_SERVICE: 'reconciling the service',
  PRE_SCALE_UP: 'before starting green',
  SCALE_UP: 'starting green tasks',
  POST_SCALE_UP: 'green started',
  TEST_TRAFFIC_SHIFT: 'moving test traffic to green',
  POST_TEST_TRAFFIC_SHIFT: 'test traffic on green',
  PRE_PRODUCTION_TRAFFIC_SHIFT: 'before moving production traffic',
  PRODUCTION_TRAFFIC_SHIFT: 'moving production traffic to green',
  POST_PRODUCTION_TRAFFIC_SHIFT: 'production traffic on green',
  BAKE_TIME: 'baking: production on green, blue still up',
  CLEAN_UP: 'scaling blue down'
}

/** One progress line: `IN_PROGRESS, SCALE_UP (starting green tasks), 1/2 green tasks running`. */
export function describeDeployment(deployment: ServiceDeployment): string {
  const stage = deployment.lifecycleStage ? `, ${deployment.lifecycleStage}${STAGE_TEXT[deployment.lifecycleStage] ? ` (${STAGE_TEXT[deployment.lifecycleStage]})` : ''}` : ''
  const target = deployment.targetServiceRevision
  const tasks = target?.requestedTaskCount !== undefined ? `, ${target.runningTaskCount ?? 0}/${target.requestedTaskCount} green tasks running` : ''
  const reason = deployment.statusReason ? `: ${deployment.statusReason}` : ''
  // Mid-shift (CANARY, LINEAR): how far ECS has moved production traffic.
  const weight = target?.requestedProductionTrafficWeight
  const shifted = deployment.status === 'IN_PROGRESS' && weight !== undefined && weight > 0 && weight < 100 ? `, ${Math.round(weight * 10) / 10}% of production traffic on green` : ''
  return `${deployment.status ?? 'UNKNOWN'}${stage}${tasks}${shifted}${reason}`
}

/**
 * Whether ECS has moved at least `percent` of production traffic to the target (one of the CANARY or
 * LINEAR steps); ending badly or rolling back fails, as in progressTowards.
 */
export function progressToWeight(deployment: ServiceDeployment | undefined, percent: number): Progress {
  const towards = progressTowards(deployment, 'done')
  if (towards.state !== 'waiting') return towards
  return targetWeight(deployment!) >= percent ? { state: 'reached', detail: towards.detail } : towards
}

/**
 * Whether the deployment reached `goal`. A deployment that ends ROLLBACK_SUCCESSFUL, ROLLBACK_FAILED
 * or STOPPED on its own is a failure however healthy the service then is (the circuit breaker and
 * alarms end that way; aws-actions/amazon-ecs-deploy-task-definition #191/#494 reported success).
 */
export function progressTowards(deployment: ServiceDeployment | undefined, goal: Goal): Progress {
  if (!deployment) return { state: 'failed', detail: 'the service deployment is gone' }
  const detail = describeDeployment(deployment)
  const status = deployment.status ?? ''
  if (goal === 'rolled-back') {
    if (status === 'ROLLBACK_SUCCESSFUL' || status === 'STOPPED') return { state: 'reached', detail }
    if (status === 'ROLLBACK_FAILED') return { state: 'failed', detail: `ECS could not roll back (${detail}); traffic is where ECS left it` }
    if (status === 'SUCCESSFUL') return { state: 'failed', detail: `the deployment completed before it could be rolled back (${detail})` }
    return { state: 'waiting', detail }
  }
  const why = deployment.statusReason ? `: ${deployment.statusReason}` : ' (circuit breaker, alarm, lifecycle hook or a stop)'
  if (ENDED_BADLY.includes(status)) return { state: 'failed', detail: `ECS ended the deployment with ${status}${why}` }
  if (ROLLING_BACK.includes(status)) return { state: 'failed', detail: `ECS is rolling the deployment back (${status})${why}` }
  if (status === 'SUCCESSFUL') return { state: 'reached', detail }
  const at = stageIndex(deployment.lifecycleStage)
  const needed =
    goal === 'started' ? stageIndex('POST_SCALE_UP') : goal === 'tested' ? stageIndex('POST_TEST_TRAFFIC_SHIFT') : goal === 'shifted' ? stageIndex('BAKE_TIME') : Number.POSITIVE_INFINITY
  return at >= needed ? { state: 'reached', detail } : { state: 'waiting', detail }
}

export interface NativeRecord {
  /** The service's current (or latest) service deployment, if any. */
  deployment?: ServiceDeployment
  /** The revision production ran before it (the first source revision). */
  source?: RevisionInfo
  /** The revision it deploys. */
  target?: RevisionInfo
  /** The service's task definition, when there is no service deployment to read. */
  current?: RevisionInfo
  state: TagState
}

/** Whether production is on the target revision: ECS finished, or moved the traffic and bakes (blue still up). */
export function targetServes(deployment: ServiceDeployment | undefined): boolean {
  if (!deployment) return false
  return deployment.status === 'SUCCESSFUL' || (isUnderWay(deployment) && targetWeight(deployment) >= 100)
}

/** Colors of the two revisions: their tags; an untagged one is the opposite of the other, and the serving one is blue when neither has a tag. */
export function colorsOf(record: Pick<NativeRecord, 'deployment' | 'source' | 'target'>): { source: Color; target: Color } {
  const onTarget = targetServes(record.deployment)
  const [serving, other] = onTarget ? [record.target, record.source] : [record.source, record.target]
  const servingColor = serving?.color ?? (other?.color ? otherColor(other.color) : 'blue')
  const idleColor = other?.color && other.color !== servingColor ? other.color : otherColor(servingColor)
  return onTarget ? { source: idleColor, target: servingColor } : { source: servingColor, target: idleColor }
}

/**
 * The engine's view, from ECS's record only (plus the last outcome kept in the service's tags).
 * Once production is on the target revision it is the active one; the source revision is the
 * previous version while ECS bakes (blue still up: StopServiceDeployment rolls back at once) and
 * after it (a rollback deploys it again), unless it is the version just rolled back.
 */
export function nativeStatus(record: NativeRecord): TrafficStatus {
  const history = record.state.last ? [record.state.last] : []
  const { deployment } = record
  if (!deployment) {
    const active = record.current?.color ?? 'blue'
    return { active, ...(record.current?.version ? { activeVersion: record.current.version } : {}), weights: split(active, 100), history }
  }
  const colors = colorsOf(record)
  if (targetServes(deployment)) {
    const previous = record.source?.version
    const rolledBack = record.state.last?.outcome === 'rolled-back' && record.state.last.version === previous
    return {
      active: colors.target,
      ...(record.target?.version ? { activeVersion: record.target.version } : {}),
      ...(previous && record.source?.arn !== record.target?.arn && !rolledBack ? { previousVersion: previous } : {}),
      weights: split(colors.target, 100),
      history
    }
  }
  // Before the production shift, rolling back or ended badly: the source revision is active; the weight says where production is.
  return {
    active: colors.source,
    ...(record.source?.version ? { activeVersion: record.source.version } : {}),
    weights: split(colors.source, 100 - targetWeight(deployment)),
    history
  }
}

function split(color: Color, percent: number): Record<Color, number> {
  return color === 'blue' ? { blue: percent, green: 100 - percent } : { blue: 100 - percent, green: percent }
}

/** ECS's bake time for the next deployment: ecs-bake-time, else the service's own. */
export function ecsBakeMinutes(service: Service, config: Pick<EcsNativeConfig, 'bakeTimeMinutes'>): number {
  return config.bakeTimeMinutes ?? service.deploymentConfiguration?.bakeTimeInMinutes ?? 0
}

/** Why the service cannot take a BLUE_GREEN deployment here: the ECS deployment controller, a load balancer with an advancedConfiguration, an ECS bake time covering the engine's. */
export function serviceProblem(service: Service, config: Pick<EcsNativeConfig, 'service' | 'bakeTimeMinutes' | 'engineBakeMs' | 'testUrl'>): string | undefined {
  const controller = service.deploymentController?.type
  if (controller && controller !== 'ECS') return `ECS service ${config.service} uses the ${controller} deployment controller; ECS native blue/green needs the ECS controller`
  const balanced = (service.loadBalancers ?? []).find((lb) => lb.advancedConfiguration?.alternateTargetGroupArn && lb.advancedConfiguration.productionListenerRule)
  if (!balanced)
    return `ECS service ${config.service} has no load balancer with an advancedConfiguration (alternateTargetGroupArn, productionListenerRule, roleArn); ECS native blue/green needs one (or use ecs-blue-service / ecs-green-service for the two-service mode)`
  if (config.testUrl && !balanced.advancedConfiguration?.testListenerRule)
    return `ecs-test-url is set, but ECS service ${config.service} has no testListenerRule in its advancedConfiguration: green's checks would reach production, not green`
  const bake = ecsBakeMinutes(service, config)
  const engineBakeMs = config.engineBakeMs ?? 0
  if (bake * 60_000 < engineBakeMs)
    return `ECS's bake time on ${config.service} is ${minutes(bake)}, shorter than bake (${minutes(Math.ceil(engineBakeMs / 60_000))}): ECS would remove blue before the analysis ends; set ecs-bake-time`
  return undefined
}
