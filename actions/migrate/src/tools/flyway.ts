import { toJdbc } from '../../../../packages/db/database-url.js'
import { outputLines, type ToolAdapter, type ToolContext } from './tool-adapter.js'

/** Flyway takes a JDBC URL and the credentials apart, from FLYWAY_URL, FLYWAY_USER and FLYWAY_PASSWORD. */
function flywayEnvironment(context: ToolContext): Record<string, string> {
  const env: Record<string, string> = { FLYWAY_LOCATIONS: `filesystem:${context.directory}` }
  const url = context.databaseUrl
  if (url && url.kind !== 'sqlite') {
    const jdbc = toJdbc(url)
    env.FLYWAY_URL = jdbc.url
    if (jdbc.user) env.FLYWAY_USER = jdbc.user
    if (jdbc.password) env.FLYWAY_PASSWORD = jdbc.password
  } else if (url) {
    env.FLYWAY_URL = `jdbc:sqlite:${url.path}`
  }
  return env
}

export const flyway: ToolAdapter = {
  name: 'flyway',
  program: 'flyway',
  urlEnv: 'FLYWAY_URL',
  usesDirectory: true,
  apply: (context) => ({
    command: 'flyway',
    args: [...context.extraArgs, ...(context.target ? [`-target=${context.target}`] : []), 'migrate'],
    env: flywayEnvironment(context)
  }),
  status: (context) => ({ command: 'flyway', args: [...context.extraArgs, 'info'], env: flywayEnvironment(context) }),
  parseApply: parseFlywayMigrate,
  parseStatus: parseFlywayInfo
}

export function parseFlywayMigrate(output: string): string[] | undefined {
  const lines = outputLines(output)
  const applied = lines
    .map((line) => /Migrating schema \S+ to version "?(.+?)"?\s*$/.exec(line)?.[1])
    .filter((v): v is string => v !== undefined)
    .map((v) => v.replace(/^"|"$/g, ''))
  if (applied.length > 0) return applied
  if (lines.some((line) => /is up to date\. No migration necessary/i.test(line))) return []
  return undefined
}

/** Reads the table `flyway info` prints: | Category | Version | Description | Type | Installed On | State | … */
export function parseFlywayInfo(output: string): { applied?: string[]; pending?: string[]; pendingCount?: number; current?: string } {
  const rows = outputLines(output)
    .filter((line) => /^\s*\|.*\|\s*$/.test(line))
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim())
    )
  const header = rows.find((cells) => cells.includes('Version') && cells.includes('State'))
  if (!header) return {}
  const at = (name: string): number => header.indexOf(name)
  const applied: string[] = []
  const pending: string[] = []
  for (const cells of rows) {
    if (cells === header || cells.length !== header.length) continue
    const version = cells[at('Version')]
    const label = [version, cells[at('Description')]].filter((v) => v && v !== '').join(' - ')
    const state = cells[at('State')]
    if (/^Pending$/i.test(state)) pending.push(label)
    else if (/^(Success|Baseline|Out of Order)$/i.test(state)) applied.push(label)
  }
  const current = applied
    .map((label) => label.split(' - ')[0])
    .filter((v) => v !== '')
    .at(-1)
  return { applied, pending, pendingCount: pending.length, current }
}
