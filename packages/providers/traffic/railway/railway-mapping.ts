import type { PollResult } from '../../../core/poll.js'
import type { ColorBook } from '../color-book.js'
import { servingStatus } from '../serving-status.js'
import type { TrafficStatus } from '../types.js'

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
  const { active, previous } = activeAndPrevious(deployments)
  return servingStatus(active, previous, colors, { version: deploymentVersion, at: (d) => d.createdAt ?? new Date(0).toISOString(), isRollback })
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
