/** What tags and labels are computed from: the workflow run's git context. Pure. */
export interface GitContext {
  sha: string
  /** refs/heads/main, refs/tags/v1.2.3, refs/pull/12/merge… */
  ref: string
  eventName: string
  defaultBranch?: string
  prNumber?: number
  runNumber?: string
  repository?: string
  serverUrl?: string
}

/** Reads the context from the runner's variables and the event payload. */
export function gitContext(env: Record<string, string | undefined>, event: unknown, defaultBranchInput?: string): GitContext {
  const payload = (event ?? {}) as { pull_request?: { number?: number; head?: { sha?: string } }; number?: number; repository?: { default_branch?: string } }
  const pr = payload.pull_request
  return {
    // For a pull request the commit built is the PR head, not GitHub's merge commit.
    sha: pr?.head?.sha ?? env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    eventName: env.GITHUB_EVENT_NAME ?? '',
    defaultBranch: defaultBranchInput || payload.repository?.default_branch,
    prNumber: pr?.number ?? (env.GITHUB_EVENT_NAME?.startsWith('pull_request') ? payload.number : undefined),
    runNumber: env.GITHUB_RUN_NUMBER,
    repository: env.GITHUB_REPOSITORY,
    serverUrl: env.GITHUB_SERVER_URL
  }
}
