import type { PollResult } from '../../../core/poll.js'
import { ColorBook } from '../color-book.js'
import { otherColor, type Color, type DeployRecord, type TrafficStatus } from '../types.js'

/**
 * Pure mapping between Vercel's REST answers and the traffic capability. Vercel has no colors and
 * no percentage split: production is whichever deployment the project's production domains point
 * at. Within a run, blue is the deployment production served when the run started and green the
 * other one (the candidate, or the previous production deployment); Vercel itself keeps the truth
 * (the project's current production target and its last promote/rollback request).
 */

export type ReadyState = 'QUEUED' | 'BUILDING' | 'INITIALIZING' | 'READY' | 'ERROR' | 'CANCELED' | 'DELETED'

/** The fields of GET /v13/deployments/{idOrUrl} the provider reads. */
export interface VercelDeployment {
  id: string
  url: string
  readyState: ReadyState
  projectId?: string
  target?: 'production' | 'staging' | null
  meta?: Record<string, string>
  errorMessage?: string
}

/** The `lastAliasRequest` of a project: the last promote or rollback and how far its aliasing got. */
export interface AliasRequest {
  fromDeploymentId: string | null
  toDeploymentId: string
  jobStatus: 'pending' | 'in-progress' | 'succeeded' | 'failed' | 'skipped'
  requestedAt: number
  type: 'promote' | 'rollback'
}

/** The fields of GET /v9/projects/{idOrName} the provider reads. */
export interface VercelProject {
  id: string
  name: string
  targets?: { production?: { id: string; url?: string; alias?: string[] } | null } | null
  lastAliasRequest?: AliasRequest | null
}

export { ColorBook }

export function productionId(project: VercelProject): string | undefined {
  return project.targets?.production?.id ?? undefined
}

/** The deployment production served before the current one, when the last request promoted the current one. */
export function previousProductionId(project: VercelProject): string | undefined {
  const last = project.lastAliasRequest
  const current = productionId(project)
  if (!last || !current || last.toDeploymentId !== current || last.type !== 'promote' || last.jobStatus !== 'succeeded') return undefined
  return last.fromDeploymentId ?? undefined
}

export function toTrafficStatus(project: VercelProject, colors: ColorBook): TrafficStatus {
  const current = productionId(project)
  const active = current ? colors.colorOf(current) : 'blue'
  const previous = previousProductionId(project)
  if (previous) colors.set(otherColor(active), previous)
  const last = project.lastAliasRequest
  const history: DeployRecord[] = []
  if (last && last.jobStatus === 'succeeded') {
    const rolledBack = last.type === 'rollback' ? last.fromDeploymentId : undefined
    history.push(
      rolledBack
        ? { version: rolledBack, color: otherColor(active), at: new Date(last.requestedAt).toISOString(), outcome: 'rolled-back' }
        : { version: last.toDeploymentId, color: colors.colorOf(last.toDeploymentId), at: new Date(last.requestedAt).toISOString(), outcome: 'promoted' }
    )
  }
  return {
    active,
    ...(current ? { activeVersion: current } : {}),
    ...(previous ? { previousVersion: previous } : {}),
    weights: { [active]: 100, [otherColor(active)]: 0 } as Record<Color, number>,
    history
  }
}

/** One poll of a deployment being built: done when READY, an error when it can never be. */
export function readiness(deployment: VercelDeployment): PollResult<VercelDeployment> {
  if (deployment.readyState === 'READY') return { done: true, value: deployment }
  if (deployment.readyState === 'ERROR' || deployment.readyState === 'CANCELED' || deployment.readyState === 'DELETED') {
    throw new Error(`deployment ${deployment.id} is ${deployment.readyState}${deployment.errorMessage ? `: ${deployment.errorMessage}` : ''}; it can never serve`)
  }
  return { done: false, status: deployment.readyState }
}

/** One poll of a promote or rollback to `targetId`: done when production points at it. */
export function aliasing(project: VercelProject, targetId: string): PollResult<true> {
  const last = project.lastAliasRequest
  const current = productionId(project)
  if (last && last.toDeploymentId === targetId && last.jobStatus === 'failed') {
    throw new Error(`Vercel's ${last.type} to ${targetId} failed; production still serves ${current ?? 'no deployment'}`)
  }
  if (current === targetId && (!last || last.toDeploymentId !== targetId || last.jobStatus === 'succeeded' || last.jobStatus === 'skipped')) return { done: true, value: true }
  const job = last && last.toDeploymentId === targetId ? last.jobStatus : 'requested'
  return { done: false, status: `${job}; production serves ${current ?? 'no deployment'}` }
}

/** A promote or rollback of this project still under way (Vercel runs one at a time). */
export function aliasJobUnderWay(project: VercelProject): AliasRequest | undefined {
  const last = project.lastAliasRequest
  return last && (last.jobStatus === 'pending' || last.jobStatus === 'in-progress') ? last : undefined
}

/** The production address: the first production alias (a custom domain first, then *.vercel.app). */
export function productionUrl(project: VercelProject): string | undefined {
  const aliases = project.targets?.production?.alias ?? []
  const alias = aliases.find((a) => !a.endsWith('.vercel.app')) ?? aliases[0]
  return alias ? `https://${alias}/` : undefined
}
