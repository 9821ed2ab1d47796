import * as core from '@actions/core'
import { input, secretInput } from '../../../packages/core/action-input.js'
import { InputError } from '../../../packages/core/input-error.js'
import { parseBoolean, parseDuration, parseEnum, parseNumber } from '../../../packages/core/parsers.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { databaseUrlSecrets, parseDatabaseUrl, type DatabaseUrl } from '../../../packages/db/database-url.js'
import { TOOL_NAMES, type ToolName } from './tools/tool-adapter.js'

export type Tool = 'builtin' | ToolName

export interface Inputs {
  tool: Tool
  /** Parsed database URL; undefined only for tools that read their own configuration. */
  databaseUrl?: DatabaseUrl
  /** Overrides the environment variable a tool gets the URL in. */
  databaseUrlEnv?: string
  directory: string
  workingDirectory: string
  command?: string
  toolArgs: string[]
  dryRun: boolean
  direction: 'up' | 'down'
  steps?: number
  target?: string
  allowChanged: boolean
  allowOutOfOrder: boolean
  lockTimeoutMs: number
  statementTimeoutMs: number
  historyTable: string
  backupId?: string
}

const optional = (value: string): string | undefined => (value.trim() === '' ? undefined : value.trim())

/** A duration input that may be 0 but never negative. */
function duration(name: string, fallbackMs: number): number {
  const raw = input(name)
  if (raw.trim().startsWith('-')) throw new InputError(name, `is "${raw.trim()}", which is negative`, 'a duration of 0 or more, such as 30s, 5m or 0')
  return parseDuration(name, raw, fallbackMs)
}

/** Reads and validates every input; throws an InputError naming the first bad one, before anything connects. */
export function getInputs(): Inputs {
  // The URL is a secret: mask it, and its password in every spelling, before anything else runs.
  const rawUrl = secretInput('database-url')
  for (const secret of databaseUrlSecrets(rawUrl)) if (secret !== rawUrl) maskSecret(secret)

  const tool = parseEnum<Tool>('tool', input('tool'), ['builtin', ...TOOL_NAMES], 'builtin')
  const builtin = tool === 'builtin'
  let databaseUrl: DatabaseUrl | undefined
  if (builtin || rawUrl.trim() !== '') {
    databaseUrl = parseDatabaseUrl(rawUrl, 'database-url', builtin ? ['postgres', 'sqlite'] : ['postgres', 'mysql', 'sqlite'])
  }

  const databaseUrlEnv = optional(input('database-url-env'))
  if (databaseUrlEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(databaseUrlEnv)) {
    throw new InputError('database-url-env', `is "${databaseUrlEnv}", which is not an environment variable name`, 'letters, digits and underscores, such as DATABASE_URL')
  }

  const command = optional(input('command'))
  if (tool === 'command' && command === undefined) throw new InputError('command', 'is required when tool is command', 'the shell command that applies your migrations')
  if (tool !== 'command' && command !== undefined) throw new InputError('command', `is set but tool is ${tool}`, 'tool: command to run your own command')

  const direction = parseEnum('direction', input('direction'), ['up', 'down'] as const, 'up')
  if (direction === 'down' && !builtin) {
    throw new InputError('direction', `is down, which the ${tool} adapter does not run`, 'up, or tool: builtin with .down.sql files (run your tool\'s own down command through tool: command)')
  }
  const target = optional(input('target'))
  if (target !== undefined && builtin && !/^\d+$/.test(target)) {
    throw new InputError('target', `is "${target}", which is not a migration version`, 'the digits a file name starts with, such as 20240101120000 or 003')
  }
  if (target !== undefined && tool === 'prisma') throw new InputError('target', 'is set but prisma migrate deploy always applies every pending migration', 'no target with tool: prisma')
  if (target !== undefined && tool === 'command') throw new InputError('target', 'is set but tool: command runs your command as it is', 'the target inside your command')

  const stepsRaw = input('steps')
  let steps: number | undefined
  if (stepsRaw.trim() !== '') {
    if (direction !== 'down') throw new InputError('steps', 'is set but direction is up', 'steps only with direction: down')
    if (target !== undefined) throw new InputError('steps', 'cannot be combined with "target"', 'either steps (how many to revert) or target (the version to go back to)')
    steps = parseNumber('steps', stepsRaw, 1, { min: 1, integer: true })
  }

  const historyTable = optional(input('history-table')) ?? 'deploy_actions_migrations'
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(historyTable) || historyTable.length > 120) {
    throw new InputError('history-table', `is "${historyTable}", which is not a table name`, 'a name such as deploy_actions_migrations or ops.migrations (letters, digits, underscores)')
  }

  const inputs: Inputs = {
    tool,
    databaseUrl,
    databaseUrlEnv,
    directory: optional(input('directory')) ?? 'migrations',
    workingDirectory: optional(input('working-directory')) ?? '.',
    command,
    // One argument per line, so an argument may hold spaces or commas.
    toolArgs: input('tool-args')
      .split('\n')
      .map((arg) => arg.trim())
      .filter((arg) => arg !== ''),
    dryRun: parseBoolean('dry-run', input('dry-run'), false),
    direction,
    steps,
    target,
    allowChanged: parseBoolean('allow-changed', input('allow-changed'), false),
    allowOutOfOrder: parseBoolean('allow-out-of-order', input('allow-out-of-order'), false),
    lockTimeoutMs: duration('lock-timeout', 5 * 60_000),
    statementTimeoutMs: duration('statement-timeout', 0),
    historyTable,
    backupId: optional(input('backup-id'))
  }
  core.debug(`tool=${inputs.tool} direction=${inputs.direction} dry-run=${inputs.dryRun}`)
  return inputs
}
