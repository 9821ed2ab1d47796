import type { Provenance } from './database/migration-database.js'

/** Who runs the migrations, from the runner's environment. Pure. */
export function provenanceFrom(env: NodeJS.ProcessEnv): Provenance {
  const appliedBy = env.GITHUB_ACTOR || env.USER || 'unknown'
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt } = env
  const runUrl = server && repository && runId ? `${server}/${repository}/actions/runs/${runId}${attempt && attempt !== '1' ? `/attempts/${attempt}` : ''}` : undefined
  return { appliedBy, runUrl }
}
