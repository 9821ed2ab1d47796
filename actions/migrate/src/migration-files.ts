import { createHash } from 'node:crypto'
import { InputError } from '../../../packages/core/input-error.js'
import { positionAt } from './source-position.js'
import { transactionControl, withoutLeadingComments } from './sql-statements.js'

/**
 * Migration files of the built-in runner: `<version>_<name>.sql` with an optional
 * `<version>_<name>.down.sql` (golang-migrate's `.up.sql` is accepted too). Pure: takes the file
 * names and contents, returns the migrations in version order or throws an InputError naming the
 * `directory` input and the offending file.
 */

export interface MigrationFile {
  /** File name inside the directory. */
  name: string
  content: string
}

export interface Migration {
  /** The version as written in the file name, e.g. "001" or "20240101120000". */
  version: string
  /** Numeric value of the version, for ordering and comparison. */
  order: bigint
  /** The part after the version, e.g. "create_users". */
  name: string
  /** Path of the up file as shown to users (directory/file). */
  file: string
  sql: string
  /** sha256 of the up file's bytes, hex. */
  checksum: string
  /** The file opts out of a transaction with `-- deploy-actions:no-transaction` on its first line. */
  transactional: boolean
  down?: { file: string; sql: string; transactional: boolean }
}

const NAME = /^(\d+)_([A-Za-z0-9][A-Za-z0-9_.-]*?)(\.up|\.down)?\.sql$/
export const NO_TRANSACTION_MARKER = '-- deploy-actions:no-transaction'

export interface ParsedName {
  version: string
  name: string
  direction: 'up' | 'down'
}

/** Parses one file name; undefined when it does not follow `<version>_<name>[.down].sql`. */
export function parseMigrationFileName(fileName: string): ParsedName | undefined {
  const match = NAME.exec(fileName)
  if (!match) return undefined
  return { version: match[1], name: match[2], direction: match[3] === '.down' ? 'down' : 'up' }
}

export function checksumOf(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex')
}

/** True when the file's first line is the no-transaction marker. */
export function isNoTransaction(sql: string): boolean {
  const firstLine = sql.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0].trim().toLowerCase()
  return firstLine === NO_TRANSACTION_MARKER
}

/**
 * Turns the directory's files into migrations. Files not ending in .sql are ignored (READMEs);
 * every .sql file must follow the naming scheme.
 */
export function collectMigrations(directory: string, files: readonly MigrationFile[], input = 'directory'): Migration[] {
  const ups = new Map<string, { parsed: ParsedName; file: MigrationFile }>()
  const downs = new Map<string, { parsed: ParsedName; file: MigrationFile }>()
  const byOrder = new Map<bigint, string>()
  const prefix = directory.replace(/\/+$/, '')
  const shown = (name: string): string => (prefix === '' || prefix === '.' ? name : `${prefix}/${name}`)

  for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    if (!file.name.toLowerCase().endsWith('.sql')) continue
    const parsed = parseMigrationFileName(file.name)
    if (!parsed) {
      throw new InputError(input, `holds ${shown(file.name)}, whose name is not <version>_<name>.sql`, 'file names such as 001_create_users.sql and 001_create_users.down.sql (the version is digits)')
    }
    const target = parsed.direction === 'up' ? ups : downs
    const existing = target.get(parsed.version)
    if (existing) {
      throw new InputError(input, `holds two ${parsed.direction} migrations with version ${parsed.version} (${shown(existing.file.name)} and ${shown(file.name)})`, 'one migration per version')
    }
    if (parsed.direction === 'up') {
      const order = BigInt(parsed.version)
      const clash = byOrder.get(order)
      if (clash !== undefined) {
        throw new InputError(input, `holds versions ${clash} and ${parsed.version}, which are the same number`, 'versions that differ as numbers (leading zeros do not count)')
      }
      byOrder.set(order, parsed.version)
    }
    target.set(parsed.version, { parsed, file })
  }
  for (const [version, down] of downs) {
    if (!ups.has(version)) throw new InputError(input, `holds ${shown(down.file.name)} without a matching up migration`, `a file ${version}_${down.parsed.name}.sql beside it`)
  }
  if (ups.size === 0) {
    throw new InputError(input, `(${directory}) holds no migrations`, 'files named <version>_<name>.sql such as 001_create_users.sql')
  }

  for (const { file } of [...ups.values(), ...downs.values()]) {
    if (isNoTransaction(file.content)) continue
    const control = transactionControl(file.content)
    if (control) {
      const { line } = positionAt(file.content, control.offset + (control.sql.length - withoutLeadingComments(control.sql).length))
      const keyword = withoutLeadingComments(control.sql).split(/\s/, 1)[0].toUpperCase()
      throw new InputError(
        input,
        `holds ${shown(file.name)}, which has its own ${keyword} on line ${line}; the runner already wraps each file in a transaction, and a ${keyword} inside it would break the all-or-nothing guarantee`,
        `the file without BEGIN/COMMIT, or "${NO_TRANSACTION_MARKER}" as its first line to manage transactions yourself`
      )
    }
  }

  return [...ups.values()]
    .map(({ parsed, file }): Migration => {
      const down = downs.get(parsed.version)
      return {
        version: parsed.version,
        order: BigInt(parsed.version),
        name: parsed.name,
        file: shown(file.name),
        sql: file.content,
        checksum: checksumOf(file.content),
        transactional: !isNoTransaction(file.content),
        down: down ? { file: shown(down.file.name), sql: down.file.content, transactional: !isNoTransaction(down.file.content) } : undefined
      }
    })
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
}

/** Compares two versions numerically ("010" equals "10"). */
export function compareVersions(a: string, b: string): number {
  const x = BigInt(a)
  const y = BigInt(b)
  return x < y ? -1 : x > y ? 1 : 0
}
