import { afterAll, describe, expect, it } from '@jest/globals'
import { runAction } from '../../support/runner.js'
import { migrationsDir } from './migrations-dir.js'

// Bad input fails before connecting: the URL points at a closed port, so any attempt to connect
// would fail with a connection error instead of the input error asserted here.
describe('migrate input errors (runner contract, before any connection)', () => {
  const closed = 'postgres://app:pw-never-shown@127.0.0.1:1/app'
  const good = migrationsDir({ '001_a.sql': 'CREATE TABLE a ();' })
  const dirs = [good]
  const folder = (files: Record<string, string>): string => {
    const dir = migrationsDir(files)
    dirs.push(dir)
    return dir.path
  }
  afterAll(() => dirs.forEach((d) => d.remove()))

  const cases: [string, () => Record<string, string>, RegExp][] = [
    ['a missing directory', () => ({ directory: '/nonexistent/migrations' }), /^Input "directory" is "\/nonexistent\/migrations", which does not exist/],
    ['a directory without migrations', () => ({ directory: folder({ 'README.md': '# none' }) }), /^Input "directory" \(.*\) holds no migrations; expected files named <version>_<name>\.sql/],
    ['an unparseable file name', () => ({ directory: folder({ '001_a.sql': 'SELECT 1;', 'add_users.sql': 'SELECT 1;' }) }), /^Input "directory" holds .*\/add_users\.sql, whose name is not <version>_<name>\.sql/],
    ['duplicate versions', () => ({ directory: folder({ '001_a.sql': 'SELECT 1;', '001_b.sql': 'SELECT 1;' }) }), /^Input "directory" holds two up migrations with version 001 \(.*001_a\.sql and .*001_b\.sql\)/],
    ['versions equal as numbers', () => ({ directory: folder({ '01_a.sql': 'SELECT 1;', '1_b.sql': 'SELECT 1;' }) }), /^Input "directory" holds versions 01 and 1, which are the same number/],
    ['a down file without its up file', () => ({ directory: folder({ '001_a.sql': 'SELECT 1;', '002_b.down.sql': 'SELECT 1;' }) }), /^Input "directory" holds .*002_b\.down\.sql without a matching up migration/],
    ['a file with its own COMMIT', () => ({ directory: folder({ '001_a.sql': 'BEGIN;\nCREATE TABLE a ();\nCOMMIT;\n' }) }), /^Input "directory" holds .*001_a\.sql, which has its own BEGIN on line 1; the runner already wraps each file in a transaction/],
    ['an unknown tool', () => ({ tool: 'liquibase' }), /^Input "tool" is "liquibase", which is not allowed; expected one of builtin, prisma, alembic, golang-migrate, goose, node-pg-migrate, flyway, atlas, command\.$/],
    ['a URL that is not a URL', () => ({ 'database-url': 'not a url' }), /^Input "database-url" is not a URL \(it has no scheme\)/],
    ['a URL with an unsupported scheme', () => ({ 'database-url': 'mongodb://u:pw-never-shown@db/app' }), /^Input "database-url" uses the mongodb scheme, which is not a supported database/],
    ['a MySQL URL with the built-in runner', () => ({ 'database-url': 'mysql://u:pw-never-shown@db/app' }), /^Input "database-url" points at a mysql database, which is not supported here; expected a URL such as postgres:\/\//],
    ['a URL without a database name', () => ({ 'database-url': 'postgres://u:pw-never-shown@db:5432/' }), /^Input "database-url" names no database/],
    ['an empty URL', () => ({ 'database-url': '' }), /^Input "database-url" is empty/],
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
    expect(result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain('pw-never-shown')
    expect(result.stdout).not.toMatch(/\n\s+at /) // no stack trace
  })
})
