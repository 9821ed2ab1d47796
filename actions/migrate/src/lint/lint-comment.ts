import { retry } from '../../../../packages/core/retry.js'
import { lintCommentMarker } from './lint-report.js'

/**
 * One pull-request comment per migrations directory, updated in place on every run (found by
 * its hidden marker, as notify does for deploys), through @actions/github's Octokit — so
 * GITHUB_API_URL (GitHub Enterprise Server) is honoured. Each call is retried with backoff and a
 * per-attempt timeout; Octokit's own error carries the status and Retry-After.
 */
export interface CommentTarget {
  token: string
  owner: string
  repo: string
  pullRequest: number
}

const retryable = (error: unknown): boolean => {
  const status = (error as { status?: number }).status
  return status === undefined || status === 408 || status === 429 || status >= 500
}

export async function upsertLintComment(target: CommentTarget, directory: string, body: string, signal: AbortSignal): Promise<{ id: number; updated: boolean }> {
  const { getOctokit } = await import('@actions/github')
  const octokit = getOctokit(target.token)
  const base = { owner: target.owner, repo: target.repo }
  const call = <T>(request: (requestSignal: AbortSignal) => Promise<T>): Promise<T> =>
    retry((attemptSignal) => request(attemptSignal), { attempts: 4, baseDelayMs: 1000, maxDelayMs: 10_000, attemptTimeoutMs: 30_000, isRetryable: retryable, signal })
  const marker = lintCommentMarker(directory)
  const comments = await call((s) => octokit.paginate(octokit.rest.issues.listComments, { ...base, issue_number: target.pullRequest, per_page: 100, request: { signal: s } }))
  const existing = comments.find((comment) => (comment.body ?? '').startsWith(marker))
  if (existing) {
    await call((s) => octokit.rest.issues.updateComment({ ...base, comment_id: existing.id, body, request: { signal: s } }))
    return { id: existing.id, updated: true }
  }
  const { data } = await call((s) => octokit.rest.issues.createComment({ ...base, issue_number: target.pullRequest, body, request: { signal: s } }))
  return { id: data.id, updated: false }
}

/** The pull request this run is about, from the event payload; undefined outside a pull request. */
export function pullRequestOf(event: unknown, repository: string | undefined): Omit<CommentTarget, 'token'> | undefined {
  const number = (event as { pull_request?: { number?: unknown } } | undefined)?.pull_request?.number
  const [owner, repo] = (repository ?? '').split('/')
  return typeof number === 'number' && owner && repo ? { owner, repo, pullRequest: number } : undefined
}
