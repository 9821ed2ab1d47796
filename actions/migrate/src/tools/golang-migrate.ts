import { compareVersions } from '../migration-files.js'
import { outputLines, urlEnvironment, type ToolAdapter, type ToolContext } from './tool-adapter.js'

/**
 * golang-migrate's CLI (`migrate`) takes the URL only as -database, so it is run through sh,
 * which expands "$DATABASE_URL" from the environment: the runner prints the variable's name,
 * never its value. Its log goes to stderr.
 */
const SCRIPT = 'exec "$0" -database "$DEPLOY_ACTIONS_MIGRATE_URL" "$@"'

function invocation(context: ToolContext, command: string[]): { command: string; args: string[]; env: Record<string, string> } {
  return {
    command: 'sh',
    args: ['-c', SCRIPT, 'migrate', '-path', context.directory, ...context.extraArgs, ...command],
    env: { ...urlEnvironment(context), DEPLOY_ACTIONS_MIGRATE_URL: context.databaseUrl?.raw ?? '' }
  }
}

export const golangMigrate: ToolAdapter = {
  name: 'golang-migrate',
  program: 'migrate',
  urlEnv: 'DATABASE_URL',
  usesDirectory: true,
  apply: (context) => invocation(context, context.target ? ['goto', context.target] : ['up']),
  status: (context) => invocation(context, ['version']),
  parseApply: parseGolangMigrateUp,
  parseStatus: parseGolangMigrateVersion
}

export function parseGolangMigrateUp(output: string): string[] | undefined {
  const lines = outputLines(output)
  const applied = lines
    .map((line) => /(?:^|\s)(\d+)\/u\s+(\S+)/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}_${m[2]}`)
  if (applied.length > 0) return applied
  return lines.some((line) => /\bno change\b/.test(line)) ? [] : undefined
}

export function parseGolangMigrateVersion(output: string, context: ToolContext): { current?: string; pending?: string[]; pendingCount?: number } {
  const lines = outputLines(output)
  if (lines.some((line) => /no migration/i.test(line))) {
    return { current: undefined, pending: context.localVersions, pendingCount: context.localVersions.length }
  }
  const match = lines.map((line) => /^\s*(\d+)(\s+\(dirty\))?\s*$/.exec(line)).find((m) => m !== null)
  if (!match) return {}
  const current = match[1]
  const pending = context.localVersions.filter((v) => compareVersions(v, current) > 0)
  return { current: match[2] ? `${current} (dirty)` : current, pending, pendingCount: pending.length }
}
