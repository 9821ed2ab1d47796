import type { DatabaseUrl } from '../../../../packages/db/database-url.js'

/**
 * A migration tool the action drives through its command line. Adapters are pure: they build
 * the invocation (command, arguments, environment) and parse the tool's output; running it is
 * run-tool.ts's job. The database URL always travels in the environment, never in an argument
 * the runner would print.
 */

export const TOOL_NAMES = ['prisma', 'alembic', 'golang-migrate', 'goose', 'node-pg-migrate', 'flyway', 'atlas', 'command'] as const
export type ToolName = (typeof TOOL_NAMES)[number]

export interface ToolContext {
  /** Path of the migrations directory as given (relative to the working directory). */
  directory: string
  target?: string
  databaseUrl?: DatabaseUrl
  /** The environment variable the URL is passed in. */
  urlEnv: string
  /** Extra arguments from the tool-args input, appended to the apply and status commands. */
  extraArgs: string[]
  /** The shell command for tool: command. */
  command?: string
  /** Versions of the files in the directory, for tools whose status only tells the current version. */
  localVersions: string[]
}

export interface Invocation {
  /** The program: a bare name looked up on PATH (and node_modules/.bin for npm tools), or `sh`. */
  command: string
  args: string[]
  env: Record<string, string>
  /** Exit codes that still mean the tool answered (prisma migrate status exits 1 when migrations are pending). */
  okExitCodes?: number[]
}

/** What a tool could tell; undefined where it cannot. */
export interface ToolStatus {
  applied?: string[]
  pending?: string[]
  pendingCount?: number
  current?: string
}

export interface ToolAdapter {
  name: ToolName
  /** The program to find before running anything. */
  program?: string
  /** Installed from npm: look in <working-directory>/node_modules/.bin first. */
  npm?: boolean
  /** Default variable for the URL. */
  urlEnv: string
  usesDirectory: boolean
  apply(context: ToolContext): Invocation
  /** Lists applied/pending migrations without changing anything (dry-run and after apply). */
  status?(context: ToolContext): Invocation
  /** Names of the migrations the apply output says it applied. */
  parseApply(output: string): string[] | undefined
  parseStatus?(output: string, context: ToolContext): ToolStatus
}

/** The environment that carries the URL, under the adapter's variable (or the one chosen). */
export function urlEnvironment(context: ToolContext): Record<string, string> {
  return context.databaseUrl ? { [context.urlEnv]: context.databaseUrl.raw } : {}
}

/** Lines of output without ANSI colours or carriage returns. */
export function outputLines(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  return output.replace(/\u001b\[[0-9;]*m/g, '').split(/\r?\n/)
}
