import { createHash } from 'node:crypto'
import { InputError } from '../../../packages/core/input-error.js'
import { FormatProblem, isNoTransaction, markersIn, parseContent, stripBom, type MigrationFormat, type ParsedContent, type Section } from './migration-formats.js'
import { positionAt, type SourcePosition } from './source-position.js'
import type { Statement, StatementSplitter } from './sql-statements.js'
import { formatOptOut, transactionMode } from './transaction-mode.js'
import { compareVersions, versionKey } from './versions.js'

export { compareVersions } from './versions.js'
export { isNoTransaction, NO_TRANSACTION_MARKER } from './migration-formats.js'

/**
 * The migrations of a directory, in any of the formats of migration-formats.ts, detected from
 * the files (or named by the `format` input). Pure: takes the file names and contents, returns
 * the migrations in the order they apply, or throws an InputError naming the `directory` input
 * and the offending file — before anything connects.
 */

export interface MigrationFile {
  /** File name inside the directory. */
  name: string
  content: string
}

/** What runs for one direction of a migration. */
export interface MigrationScript {
  /** Path of the file as shown to users (directory/file). */
  file: string
  /** The file's text without a byte-order mark; statement offsets and error positions refer to it. */
  source: string
  /** The text of the section that runs (the whole file, or its up or down section). */
  sql: string
  statements: Statement[]
  /** False when it runs statement by statement outside the runner's transaction. */
  transactional: boolean
  /** Why it runs outside the runner's transaction. */
  outside?: string
  /** PostgreSQL's parser refused the section: the plan stops before anything runs. */
  syntaxError?: { message: string; position: SourcePosition }
}

export interface Migration {
  /** The version as written in the file name ("001", "20240101120000", Flyway's "1.2"); a repeatable's is R__<name>. */
  version: string
  /** The part after the version, e.g. "create_users". */
  name: string
  /** Path of the up file as shown to users (directory/file). */
  file: string
  /** sha256 of the up file's bytes, hex. */
  checksum: string
  /** A Flyway repeatable migration (R__): applied again whenever its checksum changes, after the versioned ones. */
  repeatable: boolean
  format: MigrationFormat
  up: MigrationScript
  down?: MigrationScript
}

export type FormatChoice = MigrationFormat | 'auto'

export interface ParsedName {
  version: string
  name: string
  /** up, down (a separate down file: plain .down.sql, Flyway U), repeatable (Flyway R__). */
  kind: 'up' | 'down' | 'repeatable'
}

const NUMBERED = /^(\d+)_([A-Za-z0-9][A-Za-z0-9_.-]*?)(\.up|\.down)?\.sql$/
const FLYWAY = /^([VU])(\d+(?:[._]\d+)*)__(.+)\.sql$/
const FLYWAY_REPEATABLE = /^R__(.+)\.sql$/

/** Parses one file name in a format; undefined when it does not follow that format's naming. */
export function parseMigrationFileName(fileName: string, format: MigrationFormat = 'plain'): ParsedName | undefined {
  if (format === 'flyway') {
    const repeatable = FLYWAY_REPEATABLE.exec(fileName)
    if (repeatable) return { version: `R__${repeatable[1]}`, name: repeatable[1], kind: 'repeatable' }
    const match = FLYWAY.exec(fileName)
    return match ? { version: match[2].replace(/_/g, '.'), name: match[3], kind: match[1] === 'U' ? 'down' : 'up' } : undefined
  }
  const match = NUMBERED.exec(fileName)
  if (!match) return undefined
  // goose and dbmate keep both directions in one file: a .up.sql/.down.sql pair is golang-migrate's.
  if (format !== 'plain' && match[3] !== undefined) return undefined
  return { version: match[1], name: match[2], kind: match[3] === '.down' ? 'down' : 'up' }
}

/** How to give a migration a down script, in its format's terms. */
export function downHint(migration: Migration): string {
  const base = migration.file.slice(migration.file.lastIndexOf('/') + 1)
  const dir = migration.file.slice(0, migration.file.length - base.length)
  switch (migration.format) {
    case 'goose':
      return `add a -- +goose Down section to ${migration.file}`
    case 'dbmate':
      return `add a -- migrate:down section to ${migration.file}`
    case 'flyway':
      return `add ${dir}${base.replace(/^V/, 'U')}`
    case 'plain':
      return `add ${migration.file.replace(/(\.up)?\.sql$/, '.down.sql')}`
  }
}

export function checksumOf(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

const EXAMPLES: Record<MigrationFormat, string> = {
  plain: '001_create_users.sql with an optional 001_create_users.down.sql (or .up.sql/.down.sql)',
  goose: '20240101120000_create_users.sql with -- +goose Up and -- +goose Down sections',
  dbmate: '20240101120000_create_users.sql with -- migrate:up and -- migrate:down sections',
  flyway: 'V1__create_users.sql, V1.1__add_index.sql, U1__create_users.sql (undo), R__views.sql (repeatable)'
}
const ANY_FORMAT = 'one format per directory: <version>_<name>.sql files (plain, golang-migrate, goose or dbmate) or Flyway V<version>__<name>.sql files'

/** The directory's format, from its file names and the markers inside the files. */
export function detectFormat(files: readonly MigrationFile[], shown: (name: string) => string, input = 'directory'): MigrationFormat {
  const flyway = files.filter((f) => FLYWAY.test(f.name) || FLYWAY_REPEATABLE.test(f.name))
  const numbered = files.filter((f) => NUMBERED.test(f.name))
  const unknown = files.find((f) => !flyway.includes(f) && !numbered.includes(f))
  if (unknown)
    throw new InputError(
      input,
      `holds ${shown(unknown.name)}, whose name is not <version>_<name>.sql`,
      `file names such as ${EXAMPLES.plain} (the version is digits), or Flyway's ${EXAMPLES.flyway}`
    )
  if (flyway.length > 0 && numbered.length > 0) {
    throw new InputError(input, `mixes migration formats: ${shown(flyway[0].name)} is named as Flyway's and ${shown(numbered[0].name)} is not`, ANY_FORMAT)
  }
  if (flyway.length > 0) return 'flyway'
  const goose = numbered.filter((f) => markersIn(stripBom(f.content)).goose)
  const dbmate = numbered.filter((f) => markersIn(stripBom(f.content)).dbmate)
  if (goose.length > 0 && dbmate.length > 0) {
    throw new InputError(
      input,
      `mixes migration formats: ${shown(goose[0].name)} has goose annotations (-- +goose Up) and ${shown(dbmate[0].name)} dbmate markers (-- migrate:up)`,
      ANY_FORMAT
    )
  }
  const marked = goose.length > 0 ? goose : dbmate
  if (marked.length === 0) return 'plain'
  const format = goose.length > 0 ? 'goose' : 'dbmate'
  const plain = numbered.find((f) => !marked.includes(f))
  if (plain) {
    const marker = format === 'goose' ? '-- +goose Up' : '-- migrate:up'
    throw new InputError(
      input,
      `mixes migration formats: ${shown(marked[0].name)} is a ${format} file (${marker}) and ${shown(plain.name)} is not`,
      `every file as ${EXAMPLES[format]}, or format: plain`
    )
  }
  return format
}

interface Named {
  parsed: ParsedName
  file: MigrationFile
  source: string
  content: ParsedContent
}

/**
 * Turns the directory's files into migrations. Files not ending in .sql are ignored (READMEs);
 * every .sql file must follow the directory's format.
 */
export function collectMigrations(directory: string, files: readonly MigrationFile[], input = 'directory', choice: FormatChoice = 'auto'): Migration[] {
  const prefix = directory.replace(/\/+$/, '')
  const shown = (name: string): string => (prefix === '' || prefix === '.' ? name : `${prefix}/${name}`)
  const sqlFiles = [...files].filter((f) => f.name.toLowerCase().endsWith('.sql')).sort((a, b) => a.name.localeCompare(b.name))
  if (sqlFiles.length === 0)
    throw new InputError(input, `(${directory}) holds no migrations`, `files named <version>_<name>.sql such as 001_create_users.sql, or Flyway's V1__create_users.sql`)
  const format = choice === 'auto' ? detectFormat(sqlFiles, shown, input) : choice

  const ups = new Map<string, Named>()
  const downs = new Map<string, Named>()
  for (const file of sqlFiles) {
    const parsed = parseMigrationFileName(file.name, format)
    if (!parsed) throw new InputError(input, `holds ${shown(file.name)}, whose name is not a ${format} migration name`, `file names such as ${EXAMPLES[format]}`)
    const source = stripBom(file.content)
    let content: ParsedContent
    try {
      content = parseContent(format, source)
    } catch (error) {
      if (error instanceof FormatProblem) throw new InputError(input, `holds ${shown(file.name)}, which ${error.message}`, `a ${format} migration such as ${EXAMPLES[format]}`)
      throw error
    }
    const target = parsed.kind === 'down' ? downs : ups
    const key = parsed.kind === 'repeatable' ? parsed.version : versionKey(parsed.version)
    const existing = target.get(key)
    if (existing) {
      const direction = parsed.kind === 'down' ? 'down' : 'up'
      throw new InputError(
        input,
        existing.parsed.version === parsed.version
          ? `holds two ${direction} migrations with version ${parsed.version} (${shown(existing.file.name)} and ${shown(file.name)})`
          : `holds versions ${existing.parsed.version} and ${parsed.version}, which are the same number`,
        parsed.kind === 'repeatable' ? 'one repeatable migration per name' : 'versions that differ as numbers (leading zeros do not count)'
      )
    }
    target.set(key, { parsed, file, source, content })
  }
  for (const [key, down] of downs) {
    if (!ups.has(key))
      throw new InputError(
        input,
        `holds ${shown(down.file.name)} without a matching up migration`,
        `a file ${format === 'flyway' ? `V${down.parsed.version}__${down.parsed.name}.sql` : `${down.parsed.version}_${down.parsed.name}.sql`} beside it`
      )
  }

  const script = (named: Named, section: 'up' | 'down'): MigrationScript | undefined => scriptOf(shown(named.file.name), named.source, named.content, section, format)

  const migrations = [...ups.entries()].map(([key, named]): Migration => {
    const separateDown = downs.get(key)
    return {
      version: named.parsed.version,
      name: named.parsed.name,
      file: shown(named.file.name),
      checksum: checksumOf(named.file.content),
      repeatable: named.parsed.kind === 'repeatable',
      format,
      up: script(named, 'up')!,
      down: separateDown ? script(separateDown, 'up') : script(named, 'down')
    }
  })
  const versioned = migrations.filter((m) => !m.repeatable).sort((a, b) => compareVersions(a.version, b.version))
  const repeatable = migrations.filter((m) => m.repeatable).sort((a, b) => a.name.localeCompare(b.name))
  return [...versioned, ...repeatable]
}

/** One direction's script from a parsed file: its section, statements and transaction mode. */
function scriptOf(file: string, source: string, content: ParsedContent, section: 'up' | 'down', format: MigrationFormat): MigrationScript | undefined {
  const chosen: Section | undefined = section === 'up' ? content.up : content.down
  if (!chosen) return undefined
  const mode = transactionMode(source, chosen, formatOptOut(content, section, format, isNoTransaction(source)))
  return {
    file,
    source,
    sql: source.slice(chosen.start, chosen.end),
    statements: chosen.statements,
    transactional: mode.transactional,
    outside: mode.reason,
    syntaxError: chosen.syntaxError && { message: chosen.syntaxError.message, position: positionAt(source, chosen.syntaxError.offset) }
  }
}

/**
 * A migration's script for one direction split again with `split` (PostgreSQL's parser), with its
 * transaction mode decided from those statements. Done only for the scripts a run executes, so the
 * parser loads only when something is to run.
 */
export function splitScript(migration: Migration, direction: 'up' | 'down', split: StatementSplitter): MigrationScript {
  const script = direction === 'up' ? migration.up : migration.down!
  // A down script in its own file (.down.sql, Flyway U) is that whole file; goose and dbmate keep it in a section.
  const section = direction === 'down' && script.file !== migration.file ? 'up' : direction
  return scriptOf(script.file, script.source, parseContent(migration.format, script.source, split), section, migration.format)!
}
