import type { Action, Tag } from '@aws-sdk/client-elastic-load-balancing-v2'
import type { ContainerDefinition, Deployment, RegisterTaskDefinitionCommandInput, Service, TaskDefinition } from '@aws-sdk/client-ecs'
import type { Color, DeployRecord, PausedDeployment } from '../types.js'

/**
 * Pure mapping between the engine's vocabulary and ECS / ELBv2 shapes: the weighted forward action
 * of the listener, the task definition registered for a release, a service deployment's outcome
 * (the circuit breaker rolling back is a failure), the revisions to deregister, and the state the
 * provider keeps in the listener's tags (ELB tag values allow only letters, digits, spaces and
 * _ . : / = + - @, so records are space-separated fields, never JSON).
 */

export const TAG = {
  active: 'deploy-actions:active',
  previous: 'deploy-actions:previous',
  paused: 'deploy-actions:paused',
  last: 'deploy-actions:last',
  lock: 'deploy-actions:lock',
  keepUntil: 'deploy-actions:keep-until',
  version: 'deploy-actions:version'
} as const

// ---- listener weights ------------------------------------------------------------------------

/** Percent per color from the forward action (ELB weights are 0–999; shown as percent of their sum). */
export function readWeights(actions: Action[] | undefined, targetGroups: Record<Color, string>): Record<Color, number> {
  const forward = (actions ?? []).find((action) => action.Type === 'forward')
  if (!forward) throw new Error('the listener has no forward action')
  const groups = forward.ForwardConfig?.TargetGroups ?? (forward.TargetGroupArn ? [{ TargetGroupArn: forward.TargetGroupArn, Weight: 1 }] : [])
  const weightOf = (arn: string): number => groups.filter((group) => group.TargetGroupArn === arn).reduce((sum, group) => sum + (group.Weight ?? 1), 0)
  const unknown = groups.find((group) => group.TargetGroupArn !== targetGroups.blue && group.TargetGroupArn !== targetGroups.green && (group.Weight ?? 1) > 0)
  if (unknown) throw new Error(`the listener forwards to ${unknown.TargetGroupArn}, which is neither the blue nor the green target group`)
  const blue = weightOf(targetGroups.blue)
  const green = weightOf(targetGroups.green)
  if (blue + green === 0) throw new Error('the listener forwards to neither target group with a weight above 0')
  const greenPercent = Math.round((green / (blue + green)) * 100)
  return { blue: 100 - greenPercent, green: greenPercent }
}

/** The same actions with the forward action sending `percent` to `color` and the rest to the other color (stickiness kept). */
export function withWeights(actions: Action[] | undefined, targetGroups: Record<Color, string>, color: Color, percent: number): Action[] {
  const list = actions ?? []
  const index = list.findIndex((action) => action.Type === 'forward')
  if (index < 0) throw new Error('the listener has no forward action')
  const other: Color = color === 'blue' ? 'green' : 'blue'
  const forward = list[index]
  const replaced: Action = {
    Type: 'forward',
    ...(forward.Order !== undefined ? { Order: forward.Order } : {}),
    ForwardConfig: {
      TargetGroups: [
        { TargetGroupArn: targetGroups[color], Weight: percent },
        { TargetGroupArn: targetGroups[other], Weight: 100 - percent }
      ],
      ...(forward.ForwardConfig?.TargetGroupStickinessConfig ? { TargetGroupStickinessConfig: forward.ForwardConfig.TargetGroupStickinessConfig } : {})
    }
  }
  return list.map((action, i) => (i === index ? replaced : action))
}

/** The test listener's actions: everything to one target group. */
export function forwardOnly(actions: Action[] | undefined, targetGroupArn: string): Action[] {
  const list = actions ?? []
  const index = list.findIndex((action) => action.Type === 'forward')
  const replaced: Action = {
    Type: 'forward',
    ...(list[index]?.Order !== undefined ? { Order: list[index].Order } : {}),
    ForwardConfig: { TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: 1 }] }
  }
  return index < 0 ? [replaced] : list.map((action, i) => (i === index ? replaced : action))
}

// ---- task definitions --------------------------------------------------------------------------

const READ_ONLY_FIELDS = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt'] as const

/** The RegisterTaskDefinition request for `image`: the source definition (the service's current one or a template file) with only the container's image replaced. */
export function registerRequest(source: TaskDefinition, image: string, version: string, containerName: string | undefined): RegisterTaskDefinitionCommandInput {
  const copy: Record<string, unknown> = { ...source }
  for (const field of READ_ONLY_FIELDS) delete copy[field]
  const containers = source.containerDefinitions ?? []
  if (!source.family) throw new Error('the task definition has no family')
  const target = pickContainer(containers, containerName)
  const containerDefinitions = containers.map((container) => (container === target ? { ...container, image } : container))
  return { ...(copy as unknown as RegisterTaskDefinitionCommandInput), family: source.family, containerDefinitions, tags: [{ key: TAG.version, value: version }] }
}

function pickContainer(containers: ContainerDefinition[], name: string | undefined): ContainerDefinition {
  if (name) {
    const found = containers.find((container) => container.name === name)
    if (!found) throw new Error(`the task definition has no container "${name}" (it has ${containers.map((c) => c.name).join(', ') || 'none'})`)
    return found
  }
  if (containers.length !== 1)
    throw new Error(`the task definition has ${containers.length} containers (${containers.map((c) => c.name).join(', ')}); name the one to update with ecs-container`)
  return containers[0]
}

/** The version a task definition runs: our tag, else the image's tag or digest. */
export function versionOf(definition: TaskDefinition | undefined, tags: Array<{ key?: string; value?: string }> | undefined, containerName: string | undefined): string | undefined {
  const tagged = tags?.find((tag) => tag.key === TAG.version)?.value
  if (tagged) return tagged
  const containers = definition?.containerDefinitions ?? []
  const container = containerName ? containers.find((c) => c.name === containerName) : containers.length === 1 ? containers[0] : undefined
  const image = container?.image
  if (!image) return undefined
  const at = image.lastIndexOf('@')
  if (at >= 0) return image.slice(at + 1)
  const colon = image.lastIndexOf(':')
  return colon > image.lastIndexOf('/') ? image.slice(colon + 1) : 'latest'
}

/** Revisions beyond the newest `keep` of the family, never one a service still uses. `arns` in any order. */
export function revisionsToDeregister(arns: string[], inUse: string[], keep: number): string[] {
  if (keep <= 0) return []
  const revision = (arn: string): number => Number(arn.slice(arn.lastIndexOf(':') + 1))
  const newestFirst = [...arns].sort((a, b) => revision(b) - revision(a))
  return newestFirst.slice(keep).filter((arn) => !inUse.includes(arn))
}

// ---- service deployments ------------------------------------------------------------------------

export type DeploymentState = { state: 'stable'; detail: string } | { state: 'in-progress'; detail: string; percent?: number } | { state: 'failed'; detail: string }

/**
 * Where the service stands for `taskDefinitionArn`. The circuit breaker marks our deployment FAILED
 * and starts a new PRIMARY one on the previous definition: that is a failure however stable the
 * service then becomes (aws-actions/amazon-ecs-deploy-task-definition #191/#494 reported success).
 */
export function deploymentState(service: Service | undefined, taskDefinitionArn: string, healthyTargets?: number): DeploymentState {
  if (!service) return { state: 'failed', detail: 'the service no longer exists' }
  if (service.status && service.status !== 'ACTIVE') return { state: 'failed', detail: `the service is ${service.status}` }
  const deployments = service.deployments ?? []
  const ours = deployments.find((d) => d.taskDefinition === taskDefinitionArn && d.status === 'PRIMARY')
  if (!ours) {
    const failed = deployments.find((d) => d.taskDefinition === taskDefinitionArn)
    const primary = deployments.find((d) => d.status === 'PRIMARY')
    const why = failed?.rolloutStateReason ?? latestEvent(service)
    return {
      state: 'failed',
      detail: `the deployment of ${shortArn(taskDefinitionArn)} was rolled back${primary?.taskDefinition ? ` to ${shortArn(primary.taskDefinition)}` : ''} (deployment circuit breaker)${why ? `: ${why}` : ''}`
    }
  }
  if (ours.rolloutState === 'FAILED')
    return { state: 'failed', detail: `the deployment of ${shortArn(taskDefinitionArn)} failed${ours.rolloutStateReason ? `: ${ours.rolloutStateReason}` : ''}` }
  const desired = ours.desiredCount ?? 0
  const running = ours.runningCount ?? 0
  const others = deployments.filter((d) => d !== ours && (d.runningCount ?? 0) > 0)
  const targets = healthyTargets === undefined ? '' : `, ${healthyTargets} healthy in the target group`
  const counts = `${running}/${desired} tasks running${ours.failedTasks ? `, ${ours.failedTasks} failed` : ''}${others.length > 0 ? `, ${others.reduce((n, d) => n + (d.runningCount ?? 0), 0)} old still draining` : ''}${targets}`
  const rolloutDone = ours.rolloutState === undefined ? running === desired : ours.rolloutState === 'COMPLETED'
  if (rolloutDone && running >= desired && others.length === 0 && (healthyTargets === undefined || healthyTargets >= desired)) return { state: 'stable', detail: counts }
  return { state: 'in-progress', detail: counts, ...(desired > 0 ? { percent: Math.min(100, Math.round((Math.min(running, healthyTargets ?? running) / desired) * 100)) } : {}) }
}

function latestEvent(service: Service): string | undefined {
  return service.events?.[0]?.message
}

export function shortArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1)
}

export function primaryDeployment(service: Service | undefined): Deployment | undefined {
  return service?.deployments?.find((d) => d.status === 'PRIMARY')
}

// ---- state in the listener's tags ------------------------------------------------------------------

export interface ListenerState {
  active?: Color
  previousVersion?: string
  paused?: PausedDeployment
  last?: DeployRecord
  lock?: { owner: string; expiresAt: number }
  /** Milliseconds since the epoch after which the kept previous color may be stopped. */
  keepUntil?: number
}

const TAG_VALUE = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu

/** A free text made fit for a tag value: disallowed characters become spaces, at most `max` characters. */
export function tagText(text: string, max = 200): string {
  return text.replace(TAG_VALUE, ' ').replace(/\s+/g, ' ').trim().slice(0, max)
}

export function readListenerState(tags: Tag[] | undefined): ListenerState {
  const value = (key: string): string | undefined => tags?.find((tag) => tag.Key === key)?.Value || undefined
  const state: ListenerState = {}
  const active = value(TAG.active)
  if (active === 'blue' || active === 'green') state.active = active
  const previous = value(TAG.previous)
  if (previous) state.previousVersion = previous
  const paused = value(TAG.paused)?.split(' ')
  if (paused && paused.length === 5 && (paused[0] === 'blue' || paused[0] === 'green')) {
    state.paused = { color: paused[0], weight: Number(paused[1]), remainingSteps: paused[2].split('/').map(Number), at: paused[3], version: paused[4] }
  }
  const last = value(TAG.last)?.split(' ')
  if (last && last.length >= 4 && (last[1] === 'blue' || last[1] === 'green') && ['promoted', 'rolled-back', 'aborted'].includes(last[0])) {
    const reason = last.slice(4).join(' ')
    state.last = { outcome: last[0] as DeployRecord['outcome'], color: last[1], at: last[2], version: last[3], ...(reason ? { reason } : {}) }
  }
  const lock = value(TAG.lock)
  const match = lock ? /^(\d+) (.+)$/.exec(lock) : null
  if (match) state.lock = { expiresAt: Number(match[1]), owner: match[2] }
  const keepUntil = Number(value(TAG.keepUntil))
  if (Number.isFinite(keepUntil) && keepUntil > 0) state.keepUntil = keepUntil
  return state
}

export function pausedTag(paused: PausedDeployment): string {
  return `${paused.color} ${paused.weight} ${paused.remainingSteps.join('/')} ${paused.at} ${paused.version}`
}

export function recordTag(record: DeployRecord): string {
  const head = `${record.outcome} ${record.color} ${record.at} ${record.version}`
  return record.reason ? `${head} ${tagText(record.reason, 250 - head.length)}`.trim() : head
}

export function lockTag(owner: string, expiresAt: number): string {
  return `${expiresAt} ${tagText(owner, 230) || 'unknown'}`
}
