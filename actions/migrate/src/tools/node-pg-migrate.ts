import { outputLines, urlEnvironment, type ToolAdapter, type ToolContext } from './tool-adapter.js'

/**
 * node-pg-migrate reads the URL from DATABASE_URL (or the variable -d names). It has no status
 * command: `up --dry-run` lists what would run without running it.
 */
function upArgs(context: ToolContext): string[] {
  const args = ['up']
  if (context.target) args.push(context.target, ...(/^\d+$/.test(context.target) ? ['--timestamp'] : []))
  return [...args, '-m', context.directory, '-d', context.urlEnv, ...context.extraArgs]
}

export const nodePgMigrate: ToolAdapter = {
  name: 'node-pg-migrate',
  program: 'node-pg-migrate',
  npm: true,
  urlEnv: 'DATABASE_URL',
  usesDirectory: true,
  apply: (context) => ({ command: 'node-pg-migrate', args: upArgs(context), env: urlEnvironment(context) }),
  status: (context) => ({ command: 'node-pg-migrate', args: [...upArgs(context), '--dry-run'], env: urlEnvironment(context) }),
  parseApply: parseNodePgMigrateUp,
  parseStatus: (output) => {
    const pending = parseNodePgMigrateUp(output)
    return pending === undefined ? {} : { pending, pendingCount: pending.length }
  }
}

/** The names under "> Migrating files:" (or none after "No migrations to run!"). */
export function parseNodePgMigrateUp(output: string): string[] | undefined {
  const lines = outputLines(output)
  if (lines.some((line) => /No migrations to run!/.test(line))) return []
  const start = lines.findIndex((line) => /^>?\s*Migrating files:/.test(line))
  if (start < 0) return undefined
  const names: string[] = []
  for (const line of lines.slice(start + 1)) {
    const match = /^>?\s*-\s+(\S+)\s*$/.exec(line)
    if (!match) break
    names.push(match[1])
  }
  return names
}
