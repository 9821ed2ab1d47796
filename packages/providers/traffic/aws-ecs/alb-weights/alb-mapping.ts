import type { Action } from '@aws-sdk/client-elastic-load-balancing-v2'
import type { Deployment, Service } from '@aws-sdk/client-ecs'
import type { Color } from '../../types.js'
import { shortArn } from '../task-definition-mapping.js'

/**
 * Pure mapping for the two-service ALB mode: the weighted forward action of the listener (the
 * traffic split) and where a service's rolling deployment stands (the circuit breaker rolling back
 * is a failure).
 */

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

export function primaryDeployment(service: Service | undefined): Deployment | undefined {
  return service?.deployments?.find((d) => d.status === 'PRIMARY')
}
