import type { DeployStatus, DeploymentContext } from '../../../packages/providers/notifier/notification-content.js'

/** What the runner tells about the run, read from its environment and event payload. */
export interface RunEnvironment {
  GITHUB_REPOSITORY?: string
  GITHUB_SHA?: string
  GITHUB_REF?: string
  GITHUB_ACTOR?: string
  GITHUB_SERVER_URL?: string
  GITHUB_RUN_ID?: string
  GITHUB_RUN_NUMBER?: string
  GITHUB_RUN_ATTEMPT?: string
  GITHUB_WORKFLOW?: string
}

export interface ContextInputs {
  status: DeployStatus
  environment: string
  service?: string
  environmentUrl?: string
  version?: string
  sha?: string
  startedAtMs?: number
  outputs: Record<string, string>
}

/** The commit a pull_request event is about is its head, not the merge commit in GITHUB_SHA. */
export function eventSha(event: unknown): string | undefined {
  const sha = (event as { pull_request?: { head?: { sha?: unknown } } } | undefined)?.pull_request?.head?.sha
  return typeof sha === 'string' && sha !== '' ? sha : undefined
}

/** The pull request a run belongs to: pull_request / pull_request_target, or an issue_comment on a PR. */
export function eventPullRequest(event: unknown): number | undefined {
  const e = event as { pull_request?: { number?: unknown }; issue?: { number?: unknown; pull_request?: unknown } } | undefined
  if (typeof e?.pull_request?.number === 'number') return e.pull_request.number
  if (e?.issue?.pull_request && typeof e.issue.number === 'number') return e.issue.number
  return undefined
}

export function runUrl(env: RunEnvironment): string {
  const base = `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_REPOSITORY ?? ''}/actions/runs/${env.GITHUB_RUN_ID ?? ''}`
  const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? '1')
  return attempt > 1 ? `${base}/attempts/${attempt}` : base
}

/** Pure: the deployment context every channel reports. `inputs.sha` already prefers the PR head. */
export function buildContext(inputs: ContextInputs, env: RunEnvironment, nowMs: number): DeploymentContext {
  return {
    status: inputs.status,
    environment: inputs.environment,
    ...(inputs.service ? { service: inputs.service } : {}),
    ...(inputs.environmentUrl ? { environmentUrl: inputs.environmentUrl } : {}),
    ...(inputs.version ? { version: inputs.version } : {}),
    actor: env.GITHUB_ACTOR || 'unknown',
    repository: env.GITHUB_REPOSITORY ?? '',
    sha: inputs.sha || env.GITHUB_SHA || '',
    ...(env.GITHUB_REF ? { ref: env.GITHUB_REF.replace(/^refs\/(heads|tags)\//, '') } : {}),
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    runUrl: runUrl(env),
    ...(env.GITHUB_WORKFLOW ? { workflow: env.GITHUB_WORKFLOW } : {}),
    ...(env.GITHUB_RUN_ID ? { runId: env.GITHUB_RUN_ID } : {}),
    ...(env.GITHUB_RUN_NUMBER ? { runNumber: env.GITHUB_RUN_NUMBER } : {}),
    ...(inputs.startedAtMs !== undefined ? { durationMs: Math.max(0, nowMs - inputs.startedAtMs) } : {}),
    outputs: inputs.outputs
  }
}
