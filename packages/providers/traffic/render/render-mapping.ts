import type { ColorBook } from '../color-book.js'
import { servingStatus } from '../serving-status.js'
import type { PollResult } from '../../../core/poll.js'
import type { TrafficStatus } from '../types.js'

/**
 * Pure mapping between Render's REST answers and the traffic capability. Render serves one deploy
 * per service (zero-downtime: a new deploy takes traffic once its health check passes); the live
 * deploy is the active color, the one live before it (now `deactivated`) the previous color.
 */

export type DeployStatus =
  'created' | 'queued' | 'build_in_progress' | 'update_in_progress' | 'pre_deploy_in_progress' | 'live' | 'deactivated' | 'build_failed' | 'update_failed' | 'pre_deploy_failed' | 'canceled'

export interface RenderDeploy {
  id: string
  status: DeployStatus
  trigger?: string
  commit?: { id: string; message?: string } | null
  image?: { ref?: string; sha?: string } | null
  createdAt?: string
  finishedAt?: string | null
}

export interface RenderService {
  id: string
  name: string
  serviceDetails?: { url?: string } | null
}

const FAILED: DeployStatus[] = ['build_failed', 'update_failed', 'pre_deploy_failed', 'canceled']

/** What a deploy runs, as shown and compared: the image reference, else the commit, else the deploy id. */
export function deployVersion(deploy: RenderDeploy): string {
  return deploy.image?.ref || deploy.commit?.id || deploy.id
}

/** Render's rollback makes a new deploy from an earlier one's artifact; its trigger says so. */
export function isRollback(deploy: RenderDeploy): boolean {
  return /rollback/.test(deploy.trigger ?? '')
}

/** The live deploy and the one live before it (deploys listed newest first). */
export function liveAndPrevious(deploys: RenderDeploy[]): { live?: RenderDeploy; previous?: RenderDeploy } {
  const index = deploys.findIndex((d) => d.status === 'live')
  if (index < 0) return {}
  return { live: deploys[index], previous: deploys.slice(index + 1).find((d) => d.status === 'deactivated') }
}

export function toTrafficStatus(deploys: RenderDeploy[], colors: ColorBook): TrafficStatus {
  const { live, previous } = liveAndPrevious(deploys)
  return servingStatus(live, previous, colors, { version: deployVersion, at: (d) => d.finishedAt ?? d.createdAt ?? new Date(0).toISOString(), isRollback })
}

/** One poll of a deploy: done when live; an error when it failed or a newer deploy replaced it. */
export function deployProgress(deploy: RenderDeploy): PollResult<RenderDeploy> {
  if (deploy.status === 'live') return { done: true, value: deploy }
  if (FAILED.includes(deploy.status)) throw new Error(`Render deploy ${deploy.id} ended ${deploy.status}; the service still serves its previous deploy`)
  if (deploy.status === 'deactivated') throw new Error(`Render deploy ${deploy.id} was replaced by a newer deploy before it went live`)
  return { done: false, status: deploy.status }
}

/** The body of POST /v1/services/{id}/deploys for a release: an image for image-backed services, else a commit. */
export function deployRequest(release: { version: string; image?: string }): { imageUrl: string } | { commitId: string } {
  return release.image ? { imageUrl: release.image } : { commitId: release.version }
}
