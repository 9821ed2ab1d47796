import type { DatabaseUrl } from '../../../../packages/db/database-url.js'
import { outputLines, type ToolAdapter, type ToolContext } from './tool-adapter.js'

/** goose reads GOOSE_DRIVER, GOOSE_DBSTRING and GOOSE_MIGRATION_DIR from the environment. */
function gooseEnvironment(context: ToolContext): Record<string, string> {
  const env: Record<string, string> = { GOOSE_MIGRATION_DIR: context.directory }
  if (context.databaseUrl) {
    env[context.urlEnv] = context.databaseUrl.raw
    env.GOOSE_DRIVER = gooseDriver(context.databaseUrl)
    env.GOOSE_DBSTRING = context.databaseUrl.kind === 'sqlite' ? context.databaseUrl.path : context.databaseUrl.raw
  }
  return env
}

function gooseDriver(url: DatabaseUrl): string {
  return url.kind === 'sqlite' ? 'sqlite3' : url.kind
}

export const goose: ToolAdapter = {
  name: 'goose',
  program: 'goose',
  urlEnv: 'GOOSE_DBSTRING',
  usesDirectory: true,
  apply: (context) => ({ command: 'goose', args: [...context.extraArgs, ...(context.target ? ['up-to', context.target] : ['up'])], env: gooseEnvironment(context) }),
  status: (context) => ({ command: 'goose', args: [...context.extraArgs, 'status'], env: gooseEnvironment(context) }),
  parseApply: parseGooseUp,
  parseStatus: parseGooseStatus
}

const stripExtension = (file: string): string => file.replace(/\.(sql|go)$/, '')

export function parseGooseUp(output: string): string[] | undefined {
  const lines = outputLines(output)
  const applied = lines
    .map((line) => /\bOK\s+(\S+\.(?:sql|go))\b/.exec(line)?.[1])
    .filter((f): f is string => f !== undefined)
    .map(stripExtension)
  if (applied.length > 0) return applied
  return lines.some((line) => /no migrations to run/i.test(line)) ? [] : undefined
}

export function parseGooseStatus(output: string): { applied?: string[]; pending?: string[]; pendingCount?: number; current?: string } {
  const applied: string[] = []
  const pending: string[] = []
  let sawHeader = false
  for (const line of outputLines(output)) {
    if (/Applied At\s+Migration/.test(line)) sawHeader = true
    const match = /\s(.+?)\s+--\s+(\S+\.(?:sql|go))\s*$/.exec(line)
    if (!match) continue
    const name = stripExtension(match[2])
    if (/\bPending$/i.test(match[1].trim())) pending.push(name)
    else applied.push(name)
  }
  if (!sawHeader) return {}
  const current = applied.at(-1)?.match(/^(\d+)/)?.[1]
  return { applied, pending, pendingCount: pending.length, current }
}
