import { markdownTable } from '../../../core/markdown.js'
import { parseRetryAfter } from '../../../core/retry-after.js'
import type { CallFailure } from '../delivery-retry.js'
import { deploymentFacts, deploymentLinks, titleWithoutEmoji, truncate, type DeployStatus, type DeploymentContext, type NotificationMessage } from '../notification-content.js'

/**
 * Pure decisions and bodies for the GitHub channel: state mapping, which deployment to update,
 * the commit-status context, the PR comment (found again by its hidden marker) and the mapping of
 * Octokit errors to a retry decision. Request and response shapes follow GitHub's REST reference
 * (repos/deployments, repos/statuses, issues/comments).
 */

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success'
export type CommitState = 'error' | 'failure' | 'pending' | 'success'

const DEPLOYMENT_STATE: Record<DeployStatus, DeploymentState> = {
  started: 'in_progress',
  success: 'success',
  failure: 'failure',
  cancelled: 'error',
  rolled_back: 'failure'
}

const COMMIT_STATE: Record<DeployStatus, CommitState> = {
  started: 'pending',
  success: 'success',
  failure: 'failure',
  cancelled: 'error',
  rolled_back: 'failure'
}

export function deploymentState(status: DeployStatus): DeploymentState {
  return DEPLOYMENT_STATE[status]
}

export function commitState(status: DeployStatus): CommitState {
  return COMMIT_STATE[status]
}

/** GitHub cuts status descriptions at 140 characters. */
export function statusDescription(message: NotificationMessage): string {
  return truncate(titleWithoutEmoji(message.title), 140)
}

/** `deploy/<environment>`, or `deploy/<environment>/<service>` so two services keep two statuses. */
export function commitStatusContext(environment: string, service?: string): string {
  return service ? `deploy/${environment}/${service}` : `deploy/${environment}`
}

/** The deployment's task: GitHub's default `deploy`, or `deploy:<service>` (GitHub's own convention for a task's variant). */
export function deploymentTask(service?: string): string {
  return service ? `deploy:${service}` : 'deploy'
}

export interface DeploymentSummary {
  id: number
  created_at: string
  environment?: string
  sha?: string
  creator?: { login?: string } | null
  task?: string
  payload?: unknown
}

/** Written into the payload of every deployment this action creates, to find it again. */
export const CREATED_BY = 'deploy-actions/notify'
/** The login of GITHUB_TOKEN's app, which also creates the deployment of a job with `environment:`. */
export const ACTIONS_BOT = 'github-actions[bot]'

/**
 * Whether a listed deployment is one this suite may add statuses to: the one GitHub made for a
 * job with `environment:` (created by github-actions[bot]) or one this action created (its
 * payload says so, whatever token created it). Deployments other tools made for the same commit
 * (a hosting provider's integration, say) are left alone.
 */
export function isOwnDeployment(deployment: DeploymentSummary, service?: string): boolean {
  const payload = deployment.payload as { created_by?: unknown; service?: unknown } | null | undefined
  const ours = typeof payload === 'object' && payload?.created_by === CREATED_BY
  // With a service, only that service's deployments count: a job's `environment:` deployment
  // cannot say which service it is, and two services must not add statuses to each other's.
  if (service) return ours && payload?.service === service && (deployment.task ?? deploymentTask(service)) === deploymentTask(service)
  return payload?.service === undefined && (deployment.creator?.login === ACTIONS_BOT || ours)
}

/**
 * The deployment to add statuses to, among those listed for the sha and environment: the newest
 * of our own (see isOwnDeployment).
 */
export function newestDeployment(deployments: readonly DeploymentSummary[], service?: string): DeploymentSummary | undefined {
  return [...deployments].filter((d) => isOwnDeployment(d, service)).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)[0]
}

/** The environment's own deployment that came before `currentId` (the newest older one), if any. */
export function previousDeployment(deployments: readonly DeploymentSummary[], currentId: number, service?: string): DeploymentSummary | undefined {
  return newestDeployment(
    deployments.filter((d) => d.id < currentId),
    service
  )
}

/** GitHub sets production_environment itself (true for an environment named production). */
export function createDeploymentBody(context: DeploymentContext, message: NotificationMessage) {
  return {
    ref: context.sha,
    task: deploymentTask(context.service),
    environment: context.environment,
    description: statusDescription(message),
    auto_merge: false,
    // Deploying is this workflow's decision: don't let other commit checks block it (409).
    required_contexts: [] as string[],
    transient_environment: false,
    payload: { created_by: CREATED_BY, ...(context.service ? { service: context.service } : {}), version: context.version ?? null, run_url: context.runUrl }
  }
}

export function deploymentStatusBody(context: DeploymentContext, message: NotificationMessage) {
  return {
    state: deploymentState(context.status),
    log_url: context.runUrl,
    description: statusDescription(message),
    environment: context.environment,
    ...(context.environmentUrl ? { environment_url: context.environmentUrl } : {}),
    auto_inactive: true
  }
}

export function commitStatusBody(context: DeploymentContext, message: NotificationMessage) {
  return {
    state: commitState(context.status),
    target_url: context.environmentUrl && context.status === 'success' ? context.environmentUrl : context.runUrl,
    description: statusDescription(message),
    context: commitStatusContext(context.environment, context.service)
  }
}

/** One comment per environment, and per service when one is given. */
export function commentMarker(environment: string, service?: string): string {
  return service ? `<!-- deploy-actions:notify:${environment}:${service} -->` : `<!-- deploy-actions:notify:${environment} -->`
}

export function commentBody(context: DeploymentContext, message: NotificationMessage): string {
  const rows = deploymentFacts(context).map((f) => [f.label, f.url ? `[${f.value}](${f.url})` : f.value])
  return [
    commentMarker(context.environment, context.service),
    `### ${message.title}`,
    '',
    message.text,
    '',
    markdownTable(['', ''], rows),
    '',
    deploymentLinks(context)
      .map((l) => `[${l.label}](${l.url})`)
      .join(' · '),
    '',
    `<sub>Updated in place by deploy-actions/notify for each deployment${context.service ? ` of ${context.service}` : ''} to ${context.environment}.</sub>`
  ].join('\n')
}

/** The id of the comment this action wrote for the environment before, if any. */
export function findMarkedComment(comments: readonly { id: number; body?: string | null }[], environment: string, service?: string): number | undefined {
  const marker = commentMarker(environment, service)
  return comments.find((c) => (c.body ?? '').includes(marker))?.id
}

/** Maps an Octokit RequestError (status, response.headers) to a message and a retry decision. */
export function mapGitHubError(error: unknown, what: string, now: number = Date.now()): CallFailure {
  const e = error as { status?: number; message?: string; response?: { headers?: Record<string, string | undefined> } }
  const status = e?.status
  if (typeof status !== 'number' || (status === 500 && !e.response)) {
    const cause = (error as { cause?: { code?: string } })?.cause?.code
    return { message: `GitHub ${what} could not be reached: ${(e?.message ?? String(error)).split(' - ')[0]}${cause ? ` (${cause})` : ''}`, retryable: true }
  }
  const headers = e.response?.headers ?? {}
  const retryAfterMs = parseRetryAfter(headers['retry-after'], now)
  const rateLimited = status === 429 || (status === 403 && (retryAfterMs !== undefined || headers['x-ratelimit-remaining'] === '0'))
  const resetMs = headers['x-ratelimit-reset'] ? Math.max(0, Number(headers['x-ratelimit-reset']) * 1000 - now) : undefined
  const detail = (e.message ?? '').split(' - https://')[0]
  const hint =
    status === 403 && !rateLimited
      ? ' — give the job `permissions:` deployments: write, statuses: write and pull-requests: write'
      : status === 404
        ? ' — check the repository and that the token can see it'
        : ''
  return {
    message: `GitHub ${what} answered HTTP ${status}${detail ? `: ${detail}` : ''}${hint}`,
    retryable: rateLimited || status >= 500 || status === 408,
    retryAfterMs: rateLimited ? (retryAfterMs ?? resetMs ?? 60_000) : undefined
  }
}
