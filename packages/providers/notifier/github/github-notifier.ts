import { callWithPolicy } from '../delivery-retry.js'
import { DeliveryError, type Delivery, type GitHubConfig, type Notification, type Notifier, type NotifierDeps } from '../types.js'
import type { DeploymentContext, NotificationMessage } from '../notification-content.js'
import { commentBody, commitStatusBody, createDeploymentBody, deploymentStatusBody, findMarkedComment, mapGitHubError, newestDeployment, previousDeployment } from './github-deployment.js'
import { errorMessage } from '../../../core/error-message.js'

type Octokit = ReturnType<typeof import('@actions/github').getOctokit>
type RequestBase = { owner: string; repo: string; request: { signal: AbortSignal } }

/**
 * GitHub through @actions/github's Octokit: a deployment and its status, a commit status, and a PR
 * comment updated in place. Octokit's base URL is GITHUB_API_URL, which the runner sets
 * (https://HOST/api/v3 on GitHub Enterprise Server), so the same step works there unchanged.
 * Each part is tried on its own, so a token without `pull-requests: write` still gets the
 * deployment recorded; any failed part makes the channel fail, naming the part.
 *
 * `deployment` mode: `auto` adds a status to the newest own deployment for this sha and
 * environment (the one GitHub made for a job with `environment:`, or one an earlier step made —
 * see isOwnDeployment) and creates one when there is none; `update` only adds statuses (fails
 * when there is none); `create` always creates a new one; `off` skips deployments.
 */
export class GitHubNotifier implements Notifier {
  readonly channel = 'github' as const
  private octokit?: Octokit

  constructor(
    private readonly config: GitHubConfig,
    private readonly deps: NotifierDeps
  ) {}

  async send({ context, message }: Notification): Promise<Delivery> {
    const { getOctokit } = await import('@actions/github')
    this.octokit = getOctokit(this.config.token)
    const outputs: Record<string, string> = {}
    const done: string[] = []
    const failed: string[] = []
    const part = async (run: () => Promise<string>): Promise<void> => {
      try {
        done.push(await run())
      } catch (error) {
        failed.push(errorMessage(error))
      }
    }
    if (this.config.deployment !== 'off') {
      await part(async () => {
        // The id is an output as soon as it is known, even if adding the status then fails.
        return this.deployment(context, message, (id) => (outputs['deployment-id'] = String(id)))
      })
    }
    if (this.config.commitStatus) {
      await part(async () => {
        const body = commitStatusBody(context, message)
        await this.call('commit status', (o, base) => o.rest.repos.createCommitStatus({ ...base, sha: context.sha, ...body }))
        return `commit status ${body.context}: ${body.state}`
      })
    }
    if (this.config.pullRequest !== undefined) {
      await part(async () => {
        const { id, updated } = await this.comment(this.config.pullRequest as number, context, message)
        outputs['comment-id'] = String(id)
        return `${updated ? 'updated' : 'created'} comment ${id} on #${this.config.pullRequest}`
      })
    }
    if (failed.length > 0) throw new DeliveryError(failed.join('; '), outputs)
    return { detail: done.join('; ') || 'nothing to do', outputs }
  }

  /**
   * One API call under the retry policy. `base` holds owner and repo, and the attempt's signal so
   * that an attempt cut off by the timeout is aborted rather than left running (Octokit has no
   * timeout of its own).
   */
  private call<T>(what: string, request: (octokit: Octokit, base: RequestBase) => Promise<T>): Promise<T> {
    const octokit = this.octokit as Octokit
    const [owner, repo] = this.config.repository.split('/')
    return callWithPolicy(
      `GitHub ${what}`,
      this.deps,
      (signal) => request(octokit, { owner, repo, request: { signal } }),
      (error) => mapGitHubError(error, what)
    )
  }

  private async deployment(context: DeploymentContext, message: NotificationMessage, found: (id: number) => void): Promise<string> {
    let id = this.config.deploymentId
    let how = 'deployment'
    if (id === undefined && (this.config.deployment === 'auto' || this.config.deployment === 'update')) {
      const { data } = await this.call('list deployments', (o, base) => o.rest.repos.listDeployments({ ...base, sha: context.sha, environment: context.environment, per_page: 30 }))
      id = newestDeployment(data, context.service)?.id
      if (id === undefined && this.config.deployment === 'update') {
        throw new DeliveryError(
          `GitHub deployment: no deployment${context.service ? ` of ${context.service}` : ''} of ${context.sha.slice(0, 7)} to ${context.environment} to update (declare \`environment:\` on the job, or use github-deployment: auto)`
        )
      }
      if (id !== undefined) how = 'existing deployment'
    }
    if (id === undefined) {
      const { data, status } = await this.call('create deployment', (o, base) => o.rest.repos.createDeployment({ ...base, ...createDeploymentBody(context, message) }))
      if (status !== 201 || !('id' in data)) throw new DeliveryError(`GitHub create deployment answered HTTP ${status}: ${(data as { message?: string }).message ?? 'no deployment created'}`)
      id = data.id
      how = 'created deployment'
    }
    const statusBody = deploymentStatusBody(context, message)
    const deploymentId = id
    found(deploymentId)
    await this.call('deployment status', (o, base) => o.rest.repos.createDeploymentStatus({ ...base, deployment_id: deploymentId, ...statusBody }))
    let note = `${how} ${deploymentId}: ${statusBody.state}`
    if (context.status === 'success') {
      const previous = await this.deactivatePrevious(context, deploymentId)
      if (previous !== undefined) note += `; previous deployment ${previous} inactive`
    }
    return note
  }

  /** Marks the environment's previous deployment inactive when its latest state is success. */
  private async deactivatePrevious(context: DeploymentContext, currentId: number): Promise<number | undefined> {
    const { data } = await this.call('list deployments', (o, base) => o.rest.repos.listDeployments({ ...base, environment: context.environment, per_page: 10 }))
    const previous = previousDeployment(data, currentId, context.service)
    if (!previous) return undefined
    const { data: statuses } = await this.call('list deployment statuses', (o, base) => o.rest.repos.listDeploymentStatuses({ ...base, deployment_id: previous.id, per_page: 1 }))
    if (statuses[0]?.state !== 'success') return undefined
    await this.call('deployment status', (o, base) =>
      o.rest.repos.createDeploymentStatus({
        ...base,
        deployment_id: previous.id,
        state: 'inactive',
        description: `Superseded by deployment ${currentId}`,
        environment: context.environment,
        log_url: context.runUrl
      })
    )
    return previous.id
  }

  private async comment(issue: number, context: DeploymentContext, message: NotificationMessage): Promise<{ id: number; updated: boolean }> {
    const body = commentBody(context, message)
    const comments = await this.call('list comments', (o, base) => o.paginate(o.rest.issues.listComments, { ...base, issue_number: issue, per_page: 100 }))
    const existing = findMarkedComment(comments, context.environment, context.service)
    if (existing !== undefined) {
      await this.call('update comment', (o, base) => o.rest.issues.updateComment({ ...base, comment_id: existing, body }))
      return { id: existing, updated: true }
    }
    const { data } = await this.call('create comment', (o, base) => o.rest.issues.createComment({ ...base, issue_number: issue, body }))
    return { id: data.id, updated: false }
  }
}
