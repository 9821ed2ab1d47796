import { describe, expect, it } from '@jest/globals'
import { runAction } from '../../support/runner.js'
import { migrationFolders } from './migrations-dir.js'

// Bad input fails before connecting: the URL points at a closed port, so any attempt to connect
// would fail with a connection error instead of the input error asserted here.
describe('migrate input errors (runner contract, before any connection)', () => {
  const closed = 'postgres://app:pw-never-shown@127.0.0.1:1/app'
  const migrations = migrationFolders()
  const good = migrations({ '001_a.sql': 'CREATE TABLE a ();' })
  const folder = (files: Record<string, string>): string => migrations(files).path

  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['a missing directory', () => ({ directory: '/nonexistent/migrations' }), /^Input "directory" is "\/nonexistent\/migrations", which does not exist/],
    ['a directory without migrations', () => ({ directory: folder({ 'README.md': '# none' }) }), /^Input "directory" \(.*\) holds no migrations; expected files named <version>_<name>\.sql/],
    [
      'an unparseable file name',
      () => ({ directory: folder({ '001_a.sql': 'SELECT 1;', 'add_users.sql': 'SELECT 1;' }) }),
      /^Input "directory" holds .*\/add_users\.sql, whose name is not <version>_<name>\.sql/
    ],
    [
      'duplicate versions',
      () => ({ directory: folder({ '001_a.sql': 'SELECT 1;', '001_b.sql': 'SELECT 1;' }) }),
      /^Input "directory" holds two up migrations with version 001 \(.*001_a\.sql and .*001_b\.sql\)/
    ],
    [
      'versions equal as numbers',
      () => ({ directory: folder({ '01_a.sql': 'SELECT 1;', '1_b.sql': 'SELECT 1;' }) }),
      /^Input "directory" holds versions 01 and 1, which are the same number/
    ],
    [
      'a down file without its up file',
      () => ({ directory: folder({ '001_a.sql': 'SELECT 1;', '002_b.down.sql': 'SELECT 1;' }) }),
      /^Input "directory" holds .*002_b\.down\.sql without a matching up migration/
    ],
    [
      'goose and dbmate files in one directory',
      () => ({ directory: folder({ '001_a.sql': '-- +goose Up\nSELECT 1;\n', '002_b.sql': '-- migrate:up\nSELECT 1;\n' }) }),
      /^Input "directory" mixes migration formats: .*001_a\.sql has goose annotations \(-- \+goose Up\) and .*002_b\.sql dbmate markers/
    ],
    [
      'a goose file beside a plain one',
      () => ({ directory: folder({ '001_a.sql': '-- +goose Up\nSELECT 1;\n-- +goose Down\nDROP TABLE a;\n', '002_b.sql': 'SELECT 1;' }) }),
      /^Input "directory" mixes migration formats: .*001_a\.sql is a goose file \(-- \+goose Up\) and .*002_b\.sql is not/
    ],
    [
      'Flyway and numbered names in one directory',
      () => ({ directory: folder({ 'V1__a.sql': 'SELECT 1;', '002_b.sql': 'SELECT 1;' }) }),
      /^Input "directory" mixes migration formats: .*V1__a\.sql is named as Flyway's and .*002_b\.sql is not/
    ],
    [
      'a goose file whose Down comes first',
      () => ({ directory: folder({ '001_a.sql': '-- +goose Down\nDROP TABLE a;\n-- +goose Up\nCREATE TABLE a ();\n' }) }),
      /^Input "directory" holds .*001_a\.sql, which has -- \+goose Down on line 1 before its -- \+goose Up/
    ],
    [
      'SQL before a goose Up annotation',
      () => ({ directory: folder({ '001_a.sql': 'DROP TABLE a;\n-- +goose Up\nCREATE TABLE a ();\n' }) }),
      /^Input "directory" holds .*001_a\.sql, which has SQL on line 1 before its -- \+goose Up annotation/
    ],
    [
      'a dbmate file with an unknown option',
      () => ({ directory: folder({ '001_a.sql': '-- migrate:up transactions:false\nSELECT 1;\n' }) }),
      /^Input "directory" holds .*001_a\.sql, which has an unknown option "transactions:false" on line 1/
    ],
    [
      'format plain for a goose file',
      () => ({ format: 'plain', directory: folder({ '001_a.sql': '-- +goose Up\nCREATE TABLE a ();\n-- +goose Down\nDROP TABLE a;\n' }) }),
      /^Input "directory" holds .*001_a\.sql, which has goose \(-- \+goose Up\/Down\) markers, so it is not a plain SQL file; its down section would run on apply/
    ],
    [
      'format flyway for numbered files',
      () => ({ format: 'flyway' }),
      /^Input "directory" holds .*001_a\.sql, whose name is not a flyway migration name; expected file names such as V1__create_users\.sql/
    ],
    ['an unknown format', () => ({ format: 'liquibase' }), /^Input "format" is "liquibase", which is not allowed; expected one of auto, plain, goose, dbmate, flyway\.$/],
    ['a format with a tool', () => ({ tool: 'goose', format: 'goose' }), /^Input "format" is goose but tool is goose, which reads its own directory/],
    ['tool-args with the built-in runner', () => ({ 'tool-args': '--verbose' }), /^Input "tool-args" is set but tool is builtin, which runs no tool; expected tool-args only with a tool/],
    ['database-url-env with the built-in runner', () => ({ 'database-url-env': 'PG_URL' }), /^Input "database-url-env" is set but tool is builtin, which connects itself/],
    ['a directory with a control character', () => ({ directory: 'db/\u001bmigrations' }), /^Input "directory" has a control character \(U\+001B at position 4\)/],
    [
      'an unknown tool',
      () => ({ tool: 'liquibase' }),
      /^Input "tool" is "liquibase", which is not allowed; expected one of builtin, prisma, alembic, golang-migrate, goose, node-pg-migrate, flyway, atlas, command\.$/
    ],
    ['a URL that is not a URL', () => ({ 'database-url': 'not a url' }), /^Input "database-url" is not a URL \(it has no scheme\)/],
    ['a URL with an unsupported scheme', () => ({ 'database-url': 'mongodb://u:pw-never-shown@db/app' }), /^Input "database-url" uses the mongodb scheme, which is not a supported database/],
    [
      'a MySQL URL with the built-in runner',
      () => ({ 'database-url': 'mysql://u:pw-never-shown@db/app' }),
      /^Input "database-url" points at a mysql database, which is not supported here; expected a URL such as postgres:\/\//
    ],
    ['a URL without a database name', () => ({ 'database-url': 'postgres://u:pw-never-shown@db:5432/' }), /^Input "database-url" names no database/],
    ['an empty URL', () => ({ 'database-url': '' }), /^Input "database-url" is empty/],
    // "sqlite:" is no secret: masked, it would turn the example in the message into ***path/to/app.db.
    [
      'a SQLite URL without a path',
      () => ({ 'database-url': 'sqlite:' }),
      /^Input "database-url" names no SQLite database file; expected a URL such as sqlite:path\/to\/app\.db or sqlite:\/\/\/abs\/app\.db\.$/
    ],
    ['a negative lock-timeout', () => ({ 'lock-timeout': '-5s' }), /^Input "lock-timeout" is "-5s", which is negative; expected a duration of 0 or more/],
    ['a negative statement-timeout', () => ({ 'statement-timeout': '-1' }), /^Input "statement-timeout" is "-1", which is negative/],
    ['a lock-timeout that is no duration', () => ({ 'lock-timeout': 'soon' }), /^Input "lock-timeout" is "soon", which is not a duration/],
    ['steps below 1', () => ({ direction: 'down', steps: '0' }), /^Input "steps" is 0, which is out of range; expected a whole number of at least 1/],
    ['steps with direction up', () => ({ steps: '2' }), /^Input "steps" is set but direction is up/],
    ['steps and target together', () => ({ direction: 'down', steps: '1', target: '001' }), /^Input "steps" cannot be combined with "target"/],
    ['a target that is no version', () => ({ target: 'latest' }), /^Input "target" is "latest", which is not a migration version/],
    ['a target with no file', () => ({ target: '042' }), /^Input "target" is 042, which is not the version of any migration/],
    ['direction down with a tool', () => ({ tool: 'goose', direction: 'down' }), /^Input "direction" is down, which the goose adapter does not run/],
    ['an unknown direction', () => ({ direction: 'sideways' }), /^Input "direction" is "sideways", which is not allowed; expected one of up, down/],
    ['tool command without a command', () => ({ tool: 'command' }), /^Input "command" is required when tool is command/],
    ['a history table that is no identifier', () => ({ 'history-table': 'x; DROP TABLE users' }), /^Input "history-table" is "x; DROP TABLE users", which is not a table name/],
    ['a dry-run that is no boolean', () => ({ 'dry-run': 'maybe' }), /^Input "dry-run" is "maybe", which is not a boolean/]
  ]

  it.each(cases)('rejects %s, naming the input', async (_name, inputs, expected) => {
    const result = await runAction({ action: 'migrate', inputs: { 'database-url': closed, directory: good.path, ...inputs() } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(expected)
    expect(result.stdout).not.toMatch(/ECONNREFUSED|Connecting to/)
    expect(
      result.stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain('pw-never-shown')
    expect(result.stdout).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('masks a server URL and its password, but never a SQLite scheme or path', async () => {
    const sqlite = await runAction({ action: 'migrate', inputs: { 'database-url': 'sqlite:', directory: good.path } })
    expect(sqlite.exitCode).toBe(1)
    expect(sqlite.stdout).not.toContain('::add-mask::')
    const server = await runAction({ action: 'migrate', inputs: { 'database-url': closed, directory: good.path, 'tool-args': '-v' } })
    expect(server.exitCode).toBe(1)
    expect(server.stdout).toContain(`::add-mask::${closed}`)
    expect(server.stdout).toContain('::add-mask::pw-never-shown')
  })
})
