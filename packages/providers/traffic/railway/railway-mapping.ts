import type { PollResult } from '../../../core/poll.js'
import type { ColorBook } from '../color-book.js'
import { otherColor, type Color, type DeployRecord, type TrafficStatus } from '../types.js'

/**
 * Pure mapping between Railway's GraphQL answers and the traffic capability. A service instance
 * (service × environment) serves one deployment: the newest SUCCESS one is active; the one it
 * replaced (REMOVED) is the previous (Railway's rollback target).
 */

export type DeploymentStatus =
  'INITIALIZING' | 'QUEUED' | 'WAITING' | 'BUILDING' | 'DEPLOYING' | 'SUCCESS' | 'FAILED' | 'CRASHED' | 'REMOVING' | 'REMOVED' | 'SKIPPED' | 'SLEEPING' | 'NEEDS_APPROVAL'

export interface RailwayDeployment {
  id: string
  status: DeploymentStatus
  createdAt?: string
  staticUrl?: string | null
  canRollback?: boolean
  /** Railway's free-form record: commitHash, image, reason (deploy, redeploy, rollback), … */
  meta?: Record<string, unknown> | null
}

const IN_PROGRESS: DeploymentStatus[] = ['INITIALIZING', 'QUEUED', 'WAITING', 'BUILDING', 'DEPLOYING', 'NEEDS_APPROVAL']

export function isInProgress(deployment: RailwayDeployment): boolean {
  return IN_PROGRESS.includes(deployment.status)
}

export function deploymentVersion(deployment: RailwayDeployment): string {
  const meta = deployment.meta ?? {}
  return (typeof meta.image === 'string' && meta.image) || (typeof meta.commitHash === 'string' && meta.commitHash) || deployment.id
}

export function isRollback(deployment: RailwayDeployment): boolean {
  return deployment.meta?.reason === 'rollback'
}

/** The serving deployment and the one before it (newest first; SLEEPING still serves, woken by a request). */
export function activeAndPrevious(deployments: RailwayDeployment[]): { active?: RailwayDeployment; previous?: RailwayDeployment } {
  const index = deployments.findIndex((d) => d.status === 'SUCCESS' || d.status === 'SLEEPING')
  if (index < 0) return {}
  return { active: deployments[index], previous: deployments.slice(index + 1).find((d) => d.status === 'REMOVED' && d.canRollback !== false) }
}

export function toTrafficStatus(deployments: RailwayDeployment[], colors: ColorBook): TrafficStatus {
  const { active: serving, previous } = activeAndPrevious(deployments)
  const active: Color = serving ? colors.colorOf(serving.id) : 'blue'
  const keepPrevious = previous && serving && !isRollback(serving)
  if (keepPrevious) colors.set(otherColor(active), previous.id)
  const history: DeployRecord[] = []
  if (serving) {
    const at = serving.createdAt ?? new Date(0).toISOString()
    history.push(
      isRollback(serving) && previous
        ? { version: deploymentVersion(previous), color: otherColor(active), at, outcome: 'rolled-back' }
        : { version: deploymentVersion(serving), color: active, at, outcome: 'promoted' }
    )
  }
  return {
    active,
    ...(serving ? { activeVersion: deploymentVersion(serving) } : {}),
    ...(keepPrevious ? { previousVersion: deploymentVersion(previous) } : {}),
    weights: { [active]: 100, [otherColor(active)]: 0 } as Record<Color, number>,
    history
  }
}

/** One poll of a deployment: done at SUCCESS; an error when it failed, crashed or was removed or skipped. */
export function deploymentProgress(deployment: RailwayDeployment): PollResult<RailwayDeployment> {
  if (deployment.status === 'SUCCESS') return { done: true, value: deployment }
  if (isInProgress(deployment)) return { done: false, status: deployment.status }
  throw new Error(`Railway deployment ${deployment.id} ended ${deployment.status}; the service keeps serving its previous deployment`)
}

/** Railway answers GraphQL errors with HTTP 200 and an `errors` list. */
export function graphqlData<T>(answer: { data?: T | null; errors?: { message: string }[] } | undefined, operation: string): T {
  if (answer?.errors && answer.errors.length > 0) throw new Error(`Railway API ${operation}: ${answer.errors.map((e) => e.message).join('; ')}`)
  if (!answer?.data) throw new Error(`Railway API ${operation}: no data in the answer`)
  return answer.data
}
