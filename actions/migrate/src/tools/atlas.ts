import { outputLines, type ToolAdapter, type ToolContext } from './tool-adapter.js'

/** Atlas takes the URL as --url; like golang-migrate it is expanded by sh from the environment. */
const SCRIPT = 'exec "$0" "$@" --url "$DEPLOY_ACTIONS_MIGRATE_URL"'

function invocation(context: ToolContext, subcommand: string, extra: string[]): { command: string; args: string[]; env: Record<string, string> } {
  return {
    command: 'sh',
    args: ['-c', SCRIPT, 'atlas', 'migrate', subcommand, '--dir', `file://${context.directory}`, ...extra, ...context.extraArgs],
    env: context.databaseUrl ? { DEPLOY_ACTIONS_MIGRATE_URL: context.databaseUrl.raw, [context.urlEnv]: context.databaseUrl.raw } : {}
  }
}

export const atlas: ToolAdapter = {
  name: 'atlas',
  program: 'atlas',
  urlEnv: 'DATABASE_URL',
  usesDirectory: true,
  apply: (context) => invocation(context, 'apply', context.target ? ['--to-version', context.target] : []),
  status: (context) => invocation(context, 'status', []),
  parseApply: parseAtlasApply,
  parseStatus: parseAtlasStatus
}

export function parseAtlasApply(output: string): string[] | undefined {
  const lines = outputLines(output)
  const applied = lines.map((line) => /--\s*migrating version\s+(\S+)/.exec(line)?.[1]).filter((v): v is string => v !== undefined)
  if (applied.length > 0) return applied
  return lines.some((line) => /No migration files to execute/i.test(line)) ? [] : undefined
}

export function parseAtlasStatus(output: string): { pendingCount?: number; current?: string; pending?: string[] } {
  const lines = outputLines(output)
  const field = (name: string): string | undefined => lines.map((line) => new RegExp(`--\\s*${name}:\\s*(.+?)\\s*$`).exec(line)?.[1]).find((v) => v !== undefined)
  if (!lines.some((line) => /Migration Status:/.test(line))) return {}
  const currentRaw = field('Current Version')
  const pendingRaw = field('Pending Files')
  const current = currentRaw === undefined || /No version applied yet/i.test(currentRaw) ? undefined : currentRaw.replace(/\s*\(.*\)$/, '')
  const pendingCount = pendingRaw === undefined ? undefined : Number.parseInt(pendingRaw, 10)
  return { current, pendingCount: Number.isNaN(pendingCount) ? undefined : pendingCount, ...(pendingCount === 0 ? { pending: [] } : {}) }
}
