import { InputError } from '../core/input-error.js'

/**
 * Database connection URLs as the suite accepts them (migrate, db-backup), parsed without ever
 * repeating the URL in an error: it usually holds a password.
 *
 *   postgres://user:password@host:5432/app?sslmode=require   (also postgresql://)
 *   mysql://user:password@host:3306/app                      (also mariadb://)
 *   sqlite:relative/app.db, sqlite:///absolute/app.db, file:app.db, sqlite::memory:
 *
 * Pure: imports nothing from @actions/*. Mask what databaseUrlSecrets() returns the moment the
 * URL is read (packages/core/secrets.ts maskSecret).
 */

export type DatabaseKind = 'postgres' | 'mysql' | 'sqlite'

export interface ServerDatabaseUrl {
  kind: 'postgres' | 'mysql'
  /** The URL as given (a secret). */
  raw: string
  /** The scheme as written, without the colon: postgres, postgresql, mysql, mariadb. */
  scheme: string
  host: string
  /** The port given, or the kind's default (5432, 3306). */
  port: number
  database: string
  /** Decoded user name; empty when the URL has none. */
  user: string
  /** Decoded password; empty when the URL has none. */
  password: string
  /** Query parameters such as sslmode, decoded. */
  params: Record<string, string>
}

export interface SqliteDatabaseUrl {
  kind: 'sqlite'
  raw: string
  scheme: string
  /** Path of the database file as written (relative paths are relative to the working directory), or ':memory:'. */
  path: string
}

export type DatabaseUrl = ServerDatabaseUrl | SqliteDatabaseUrl

const DEFAULT_PORT: Record<ServerDatabaseUrl['kind'], number> = { postgres: 5432, mysql: 3306 }
const SCHEMES: Record<string, DatabaseKind> = {
  postgres: 'postgres',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mysql',
  sqlite: 'sqlite',
  sqlite3: 'sqlite',
  file: 'sqlite'
}

function schemeOf(value: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(value.trim())?.[1]?.toLowerCase()
}

/** Which kind of database a URL's scheme names, without parsing the rest; undefined when none. */
export function databaseKindOfScheme(raw: string): DatabaseKind | undefined {
  const scheme = schemeOf(raw)
  return scheme !== undefined && Object.hasOwn(SCHEMES, scheme) ? SCHEMES[scheme] : undefined
}
const EXPECTED = 'a URL such as postgres://user:password@host:5432/app, mysql://user:password@host/app or sqlite:path/to/app.db'

/**
 * Parses a database URL. `allowed` limits the kinds (the error then names the kinds accepted);
 * `input` is the action input the URL came from, named in every error.
 */
export function parseDatabaseUrl(raw: string, input = 'database-url', allowed: readonly DatabaseKind[] = ['postgres', 'mysql', 'sqlite']): DatabaseUrl {
  const value = raw.trim()
  if (value === '') throw new InputError(input, 'is empty', EXPECTED)
  const scheme = schemeOf(value)
  if (scheme === undefined) throw new InputError(input, 'is not a URL (it has no scheme)', EXPECTED)

  const kind = databaseKindOfScheme(value)
  if (kind === undefined) throw new InputError(input, `uses the ${scheme} scheme, which is not a supported database`, expectedFor(allowed))
  const parsed: DatabaseUrl = kind === 'sqlite' ? parseSqlite(value, scheme, input) : parseServer(value, scheme, kind, input)
  if (!allowed.includes(parsed.kind)) {
    throw new InputError(input, `points at a ${parsed.kind} database, which is not supported here`, expectedFor(allowed))
  }
  return parsed
}

function expectedFor(allowed: readonly DatabaseKind[]): string {
  const examples: Record<DatabaseKind, string> = {
    postgres: 'postgres://user:password@host:5432/app',
    mysql: 'mysql://user:password@host:3306/app',
    sqlite: 'sqlite:path/to/app.db'
  }
  return `a URL such as ${allowed.map((k) => examples[k]).join(' or ')}`
}

function parseSqlite(value: string, scheme: string, input: string): SqliteDatabaseUrl {
  let rest = value.slice(scheme.length + 1)
  const query = rest.indexOf('?')
  if (query >= 0) rest = rest.slice(0, query)
  // sqlite:///abs/path → /abs/path; sqlite://relative/path → relative/path; sqlite:path → path
  let path = rest.startsWith('//') ? rest.slice(2) : rest
  try {
    path = decodeURIComponent(path)
  } catch {
    throw new InputError(input, 'has a badly escaped path (a % not followed by two hex digits)', 'a URL such as sqlite:path/to/app.db')
  }
  if (path === '' || path === '/') throw new InputError(input, 'names no SQLite database file', 'a URL such as sqlite:path/to/app.db or sqlite:///abs/app.db')
  return { kind: 'sqlite', raw: value, scheme, path }
}

function parseServer(value: string, scheme: string, kind: ServerDatabaseUrl['kind'], input: string): ServerDatabaseUrl {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(input, 'is not a valid URL', EXPECTED)
  }
  if (url.hostname === '') throw new InputError(input, 'names no host', `a URL such as ${scheme}://user:password@host/app`)
  let port = DEFAULT_PORT[kind]
  if (url.port !== '') {
    port = Number(url.port)
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InputError(input, 'has a port out of range', 'a port from 1 to 65535')
  }
  let database: string
  let user: string
  let password: string
  try {
    database = decodeURIComponent(url.pathname.replace(/^\//, ''))
    user = decodeURIComponent(url.username)
    password = decodeURIComponent(url.password)
  } catch {
    throw new InputError(input, 'has badly escaped characters (a % not followed by two hex digits)', 'special characters in the user or password percent-encoded, e.g. @ as %40')
  }
  if (database === '') throw new InputError(input, 'names no database (the path after the host is empty)', `a URL such as ${scheme}://user:password@host/app`)
  if (database.includes('/')) throw new InputError(input, 'has a path with more than one segment', `a URL such as ${scheme}://user:password@host/app`)
  const params: Record<string, string> = {}
  for (const [key, param] of url.searchParams) params[key] = param
  return {
    kind,
    raw: value,
    scheme,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    database,
    user,
    password,
    params
  }
}

/**
 * Every form of the URL's secret parts that could end up in a log: the URL itself, its password
 * decoded and as written. Mask each of them.
 */
export function databaseUrlSecrets(raw: string): string[] {
  const secrets = new Set<string>()
  const value = raw.trim()
  if (value !== '') secrets.add(value)
  if (raw !== '' && raw !== value) secrets.add(raw)
  const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/?#]*)@/i.exec(value)?.[1]
  const encoded = userinfo?.includes(':') ? userinfo.slice(userinfo.indexOf(':') + 1) : undefined
  if (encoded) {
    secrets.add(encoded)
    try {
      secrets.add(decodeURIComponent(encoded))
    } catch {
      // a badly escaped password is masked as written
    }
  }
  return [...secrets].filter((s) => s.length > 0)
}

/** A description safe to log: kind, host, port, database and user, never the password. */
export function describeDatabase(url: DatabaseUrl): string {
  if (url.kind === 'sqlite') return `SQLite database ${url.path}`
  const who = url.user === '' ? '' : ` as ${url.user}`
  return `${url.kind === 'postgres' ? 'PostgreSQL' : 'MySQL'} database "${url.database}" on ${url.host}:${url.port}${who}`
}

/** The URL rebuilt without its password, for tools that take credentials separately. */
export function withoutPassword(url: ServerDatabaseUrl): string {
  const copy = new URL(url.raw)
  copy.password = ''
  return copy.toString()
}

/**
 * The JDBC form (Flyway, Liquibase): jdbc:postgresql://host:port/db?params with the user and
 * password returned separately, since JDBC URLs carry no userinfo.
 */
export function toJdbc(url: ServerDatabaseUrl): { url: string; user: string; password: string } {
  const subprotocol = url.kind === 'postgres' ? 'postgresql' : url.scheme === 'mariadb' ? 'mariadb' : 'mysql'
  const host = url.host.includes(':') ? `[${url.host}]` : url.host
  const query = new URLSearchParams(url.params).toString()
  return {
    url: `jdbc:${subprotocol}://${host}:${url.port}/${encodeURIComponent(url.database)}${query === '' ? '' : `?${query}`}`,
    user: url.user,
    password: url.password
  }
}
