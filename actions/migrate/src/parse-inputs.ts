import { InputError } from '../../../packages/core/input-error.js'
import { parseBoolean, parseDuration, parseEnum, parseNumber, parseSingleLine } from '../../../packages/core/parsers.js'
import { databaseKindOfScheme, databaseUrlSecrets, parseDatabaseUrl, type DatabaseUrl } from '../../../packages/db/database-url.js'
import { MIGRATION_FORMATS } from './migration-formats.js'
import type { FormatChoice } from './migration-files.js'
import { TOOL_NAMES, type ToolName } from './tools/tool-adapter.js'
import { isVersion } from './versions.js'
import { parseLintRules } from './lint/lint-rules-input.js'
import type { Severities } from './lint/lint.js'

/**
 * Turns the raw inputs into one validated object. Pure: every problem is an InputError naming
 * the input, raised before anything is read from disk or connected to.
 */

export const INPUT_NAMES = [
  'database-url',
  'tool',
  'format',
  'directory',
  'working-directory',
  'command',
  'database-url-env',
  'tool-args',
  'dry-run',
  'target',
  'direction',
  'steps',
  'allow-changed',
  'allow-out-of-order',
  'lock-timeout',
  'statement-timeout',
  'history-table',
  'backup-id',
  'backup-uri',
  'mode',
  'lint',
  'lint-rules',
  'lint-fail-on',
  'lint-comment',
  'github-token'
] as const

export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Record<InputName, string>

export type Tool = 'builtin' | ToolName

/** How the lint runs: in `mode: lint`, or before applying with `lint: true`. */
export interface LintOptions {
  severities: Severities
  /** The lowest severity that fails the step (never: report only). */
  failOn: 'error' | 'warning' | 'never'
  /** Comment on the pull request: auto (when the event is a pull request and a token is there), always or never. */
  comment: 'auto' | 'always' | 'never'
  githubToken?: string
  /** The directory format to read when linting a tool's directory (golang-migrate: plain, goose, flyway). */
  format: FormatChoice
}

export interface Inputs {
  mode: 'apply' | 'lint'
  /** Set in mode lint, and in mode apply with lint: true. */
  lint?: LintOptions
  tool: Tool
  /** Directory format of the built-in runner; auto detects it from the files. */
  format: FormatChoice
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
  /** The uri output of the db-backup step: the restore snippet restores exactly that object. */
  backupUri?: string
  /** Where the restore snippet's db-backup action comes from: owner/name@ref. */
  actionSource?: string
}

/**
 * The parts of the database URL to mask: its password in every spelling, and the whole URL
 * unless it names a SQLite file (a scheme and a path are no secret, and masking "sqlite:" would
 * hide it in every later message).
 */
export function databaseUrlMasks(raw: string): string[] {
  if (raw.trim() === '') return []
  const secrets = databaseUrlSecrets(raw)
  if (databaseKindOfScheme(raw) === 'sqlite') return secrets.filter((s) => s.trim() !== raw.trim() && s !== raw)
  return [...new Set([...secrets, ...passwordParameters(raw)])]
}

/** Passwords given as query parameters (?password=…, ?sslpassword=…), as written and decoded. */
function passwordParameters(raw: string): string[] {
  const query = raw.trim().split('#', 1)[0].split('?')[1]
  if (query === undefined) return []
  const found: string[] = []
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=')
    if (at < 0 || !/^(ssl)?password$/i.test(pair.slice(0, at)) || at === pair.length - 1) continue
    const written = pair.slice(at + 1)
    found.push(written)
    try {
      found.push(decodeURIComponent(written.replace(/\+/g, ' ')))
    } catch {
      // a badly escaped value is masked as written
    }
  }
  return found
}

const optional = (name: string, raw: string): string | undefined => {
  const value = parseSingleLine(name, raw)
  return value === '' ? undefined : value
}

/** A duration input that may be 0 but never negative. */
function duration(name: string, raw: string, fallbackMs: number): number {
  const value = parseSingleLine(name, raw)
  if (value.startsWith('-')) throw new InputError(name, `is "${value}", which is negative`, 'a duration of 0 or more, such as 30s, 5m or 0')
  return parseDuration(name, value, fallbackMs)
}

function actionSource(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const repository = env.GITHUB_ACTION_REPOSITORY || env.GITHUB_REPOSITORY
  if (!repository) return undefined
  return `${repository}/actions/db-backup@${env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF ? env.GITHUB_ACTION_REF : 'v1'}`
}

/** Tools whose migrations are plain SQL files the lint can read, and the directory format that reads them. */
const LINTABLE_TOOLS: Partial<Record<Tool, FormatChoice>> = { builtin: 'auto', 'golang-migrate': 'plain', goose: 'goose', flyway: 'flyway' }

export function parseMigrateInputs(raw: RawInputs, env: Readonly<Record<string, string | undefined>>): Inputs {
  const tool = parseEnum<Tool>('tool', parseSingleLine('tool', raw.tool), ['builtin', ...TOOL_NAMES], 'builtin')
  const builtin = tool === 'builtin'
  const mode = parseEnum('mode', parseSingleLine('mode', raw.mode), ['apply', 'lint'] as const, 'apply')
  const lintFirst = parseBoolean('lint', raw.lint, false)
  if (mode === 'lint' && lintFirst) throw new InputError('lint', 'is true but mode is already lint', 'lint: true only with mode: apply (to lint before applying)')
  const linting = mode === 'lint' || lintFirst
  if (mode === 'lint') {
    const ignored = (['dry-run', 'steps', 'target'] as const).filter((name) => raw[name].trim() !== '' && raw[name].trim() !== 'false')
    if (ignored.length > 0) throw new InputError(ignored[0], 'is set but mode is lint, which applies nothing', `no ${ignored[0]} with mode: lint`)
    if (raw.direction.trim() === 'down') throw new InputError('direction', 'is down but mode is lint, which reads the up migrations', 'direction: up with mode: lint')
  }
  if (linting && LINTABLE_TOOLS[tool] === undefined) {
    throw new InputError(
      mode === 'lint' ? 'mode' : 'lint',
      `asks for a lint but tool ${tool} keeps its migrations in its own form`,
      `the built-in runner, golang-migrate, goose or flyway (plain SQL files)`
    )
  }
  const rawUrl = raw['database-url']
  let databaseUrl: DatabaseUrl | undefined
  if ((builtin && mode === 'apply') || rawUrl.trim() !== '') {
    databaseUrl = parseDatabaseUrl(parseSingleLine('database-url', rawUrl), 'database-url', builtin ? ['postgres', 'sqlite'] : ['postgres', 'mysql', 'sqlite'])
  }
  if (linting && databaseUrl !== undefined && databaseUrl.kind !== 'postgres') {
    throw new InputError(mode === 'lint' ? 'mode' : 'lint', `asks for a lint of ${databaseUrl.kind} migrations`, "PostgreSQL migrations (the lint reads them with PostgreSQL's own parser)")
  }
  if (mode === 'lint' && !builtin && databaseUrl !== undefined) {
    throw new InputError('database-url', `is set but mode is lint with tool ${tool}, whose history this action does not read`, 'no database-url: every migration in the directory is linted')
  }
  const lint = linting ? parseLintOptions(raw, tool) : undefined
  if (!linting) {
    for (const name of ['lint-rules', 'lint-fail-on', 'lint-comment'] as const) {
      if (raw[name].trim() !== '') throw new InputError(name, 'is set but nothing is linted', 'mode: lint, or lint: true before applying')
    }
  }

  const format = parseEnum<FormatChoice>('format', parseSingleLine('format', raw.format), ['auto', ...MIGRATION_FORMATS], 'auto')
  if (!builtin && format !== 'auto') throw new InputError('format', `is ${format} but tool is ${tool}, which reads its own directory`, 'format only with tool: builtin')

  const databaseUrlEnv = optional('database-url-env', raw['database-url-env'])
  if (databaseUrlEnv !== undefined && builtin) {
    throw new InputError(
      'database-url-env',
      'is set but tool is builtin, which connects itself and passes the URL to no tool',
      'no database-url-env with the built-in runner (it is for tools)'
    )
  }
  if (databaseUrlEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(databaseUrlEnv)) {
    throw new InputError('database-url-env', `is "${databaseUrlEnv}", which is not an environment variable name`, 'letters, digits and underscores, such as DATABASE_URL')
  }

  const command = raw.command.trim() === '' ? undefined : raw.command.trim()
  if (tool === 'command' && command === undefined) throw new InputError('command', 'is required when tool is command', 'the shell command that applies your migrations')
  if (tool !== 'command' && command !== undefined) throw new InputError('command', `is set but tool is ${tool}`, 'tool: command to run your own command')

  // One argument per line, so an argument may hold spaces or commas.
  const toolArgs = raw['tool-args']
    .split('\n')
    .map((arg) => arg.trim())
    .filter((arg) => arg !== '')
  if (toolArgs.length > 0 && builtin) throw new InputError('tool-args', 'is set but tool is builtin, which runs no tool', 'tool-args only with a tool (prisma, alembic, golang-migrate, …)')

  const direction = parseEnum('direction', parseSingleLine('direction', raw.direction), ['up', 'down'] as const, 'up')
  if (direction === 'down' && !builtin) {
    throw new InputError('direction', `is down, which the ${tool} adapter does not run`, "up, or tool: builtin with down migrations (run your tool's own down command through tool: command)")
  }
  const target = optional('target', raw.target)
  if (target !== undefined && builtin && !isVersion(target)) {
    throw new InputError('target', `is "${target}", which is not a migration version`, 'the version a file name starts with, such as 20240101120000, 003 or (Flyway) 1.2')
  }
  if (target !== undefined && tool === 'prisma') throw new InputError('target', 'is set but prisma migrate deploy always applies every pending migration', 'no target with tool: prisma')
  if (target !== undefined && tool === 'command') throw new InputError('target', 'is set but tool: command runs your command as it is', 'the target inside your command')

  const stepsRaw = parseSingleLine('steps', raw.steps)
  let steps: number | undefined
  if (stepsRaw !== '') {
    if (direction !== 'down') throw new InputError('steps', 'is set but direction is up', 'steps only with direction: down')
    if (target !== undefined) throw new InputError('steps', 'cannot be combined with "target"', 'either steps (how many to revert) or target (the version to go back to)')
    steps = parseNumber('steps', stepsRaw, 1, { min: 1, integer: true })
  }

  const historyTable = optional('history-table', raw['history-table']) ?? 'deploy_actions_migrations'
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(historyTable) || historyTable.length > 120) {
    throw new InputError('history-table', `is "${historyTable}", which is not a table name`, 'a name such as deploy_actions_migrations or ops.migrations (letters, digits, underscores)')
  }

  return {
    mode,
    ...(lint ? { lint } : {}),
    tool,
    format,
    databaseUrl,
    databaseUrlEnv,
    directory: optional('directory', raw.directory) ?? 'migrations',
    workingDirectory: optional('working-directory', raw['working-directory']) ?? '.',
    command,
    toolArgs,
    dryRun: parseBoolean('dry-run', raw['dry-run'], false),
    direction,
    steps,
    target,
    allowChanged: parseBoolean('allow-changed', raw['allow-changed'], false),
    allowOutOfOrder: parseBoolean('allow-out-of-order', raw['allow-out-of-order'], false),
    lockTimeoutMs: duration('lock-timeout', raw['lock-timeout'], 5 * 60_000),
    statementTimeoutMs: duration('statement-timeout', raw['statement-timeout'], 0),
    historyTable,
    backupId: optional('backup-id', raw['backup-id']),
    backupUri: optional('backup-uri', raw['backup-uri']),
    actionSource: actionSource(env)
  }
}

function parseLintOptions(raw: RawInputs, tool: Tool): LintOptions {
  const token = parseSingleLine('github-token', raw['github-token'])
  return {
    severities: parseLintRules(raw['lint-rules']),
    failOn: parseEnum('lint-fail-on', parseSingleLine('lint-fail-on', raw['lint-fail-on']), ['error', 'warning', 'never'] as const, 'error'),
    comment: parseEnum('lint-comment', parseSingleLine('lint-comment', raw['lint-comment']), ['auto', 'always', 'never'] as const, 'auto'),
    // An unexpanded default (the root action passes `${{ github.token }}` on as text) is no token.
    ...(token !== '' && !token.includes('${{') ? { githubToken: token } : {}),
    format: LINTABLE_TOOLS[tool] ?? 'auto'
  }
}
