import { describe, expect, it } from '@jest/globals'
import { databaseUrlMasks, INPUT_NAMES, parseMigrateInputs, type RawInputs } from '../../../actions/migrate/src/parse-inputs.js'

// The action.yml defaults, as the runner passes them when the workflow sets nothing.
const defaults: RawInputs = {
  ...(Object.fromEntries(INPUT_NAMES.map((name) => [name, ''])) as RawInputs),
  tool: 'builtin',
  format: 'auto',
  directory: 'migrations',
  'working-directory': '.',
  'dry-run': 'false',
  direction: 'up',
  'allow-changed': 'false',
  'allow-out-of-order': 'false',
  'lock-timeout': '5m',
  'statement-timeout': '0',
  'history-table': 'deploy_actions_migrations',
  'database-url': 'postgres://app:pw@db:5432/shop'
}
const parse = (raw: Partial<RawInputs>, env: Record<string, string> = {}) => parseMigrateInputs({ ...defaults, ...raw }, env)

describe('parseMigrateInputs', () => {
  it('reads the defaults into one typed object', () => {
    expect(parse({})).toMatchObject({
      tool: 'builtin',
      format: 'auto',
      databaseUrl: { kind: 'postgres', host: 'db', database: 'shop', password: 'pw' },
      directory: 'migrations',
      workingDirectory: '.',
      toolArgs: [],
      dryRun: false,
      direction: 'up',
      allowChanged: false,
      allowOutOfOrder: false,
      lockTimeoutMs: 300_000,
      statementTimeoutMs: 0,
      historyTable: 'deploy_actions_migrations'
    })
  })

  it.each([
    ['a format', { format: 'goose' }, { format: 'goose' }],
    ['a Flyway target', { target: '1.2' }, { target: '1.2' }],
    ['steps down', { direction: 'down', steps: '2' }, { direction: 'down', steps: 2 }],
    ['a tool with arguments, one per line', { tool: 'prisma', 'tool-args': '--schema\n  db/schema.prisma \n\n' }, { tool: 'prisma', toolArgs: ['--schema', 'db/schema.prisma'] }],
    ['a tool reading the URL from another variable', { tool: 'goose', 'database-url-env': 'GOOSE_DSN' }, { databaseUrlEnv: 'GOOSE_DSN' }],
    ['a tool without a URL', { tool: 'alembic', 'database-url': '' }, { tool: 'alembic', databaseUrl: undefined }],
    ['a MySQL URL for a tool', { tool: 'flyway', 'database-url': 'mysql://u:p@db/app' }, { databaseUrl: { kind: 'mysql' } }],
    ['a SQLite URL', { 'database-url': 'sqlite:db/app.db' }, { databaseUrl: { kind: 'sqlite', path: 'db/app.db' } }],
    ['durations', { 'lock-timeout': '30s', 'statement-timeout': '1m30s' }, { lockTimeoutMs: 30_000, statementTimeoutMs: 90_000 }],
    [
      'a restore point',
      { 'backup-id': ' 20261122T0120-42 ', 'backup-uri': 's3://backups/shop/prod/20261122T0120-42.dump.zst' },
      { backupId: '20261122T0120-42', backupUri: 's3://backups/shop/prod/20261122T0120-42.dump.zst' }
    ],
    ['the command of tool: command', { tool: 'command', command: 'bin/rails db:migrate' }, { command: 'bin/rails db:migrate' }]
  ])('%s', (_name, raw, expected) => {
    expect(parse(raw)).toMatchObject(expected)
  })

  it.each([
    [{ GITHUB_ACTION_REPOSITORY: 'acme/deploy-actions', GITHUB_ACTION_REF: 'v1.4.0', GITHUB_REPOSITORY: 'acme/shop' }, 'acme/deploy-actions/actions/db-backup@v1.4.0'],
    [{ GITHUB_REPOSITORY: 'acme/deploy-actions' }, 'acme/deploy-actions/actions/db-backup@v1'],
    [{}, undefined]
  ])('the restore snippet uses the action from %j', (env, expected) => {
    expect(parse({}, env).actionSource).toBe(expected)
  })

  it.each([
    [
      'an unknown tool',
      { tool: 'liquibase' },
      'Input "tool" is "liquibase", which is not allowed; expected one of builtin, prisma, alembic, golang-migrate, goose, node-pg-migrate, flyway, atlas, command.'
    ],
    ['an unknown format', { format: 'sqitch' }, 'Input "format" is "sqitch", which is not allowed; expected one of auto, plain, goose, dbmate, flyway.'],
    ['a format with a tool', { tool: 'flyway', format: 'flyway' }, 'Input "format" is flyway but tool is flyway, which reads its own directory; expected format only with tool: builtin.'],
    [
      'tool-args with builtin',
      { 'tool-args': '--verbose' },
      'Input "tool-args" is set but tool is builtin, which runs no tool; expected tool-args only with a tool (prisma, alembic, golang-migrate, …).'
    ],
    [
      'database-url-env with builtin',
      { 'database-url-env': 'DB' },
      'Input "database-url-env" is set but tool is builtin, which connects itself and passes the URL to no tool; expected no database-url-env with the built-in runner (it is for tools).'
    ],
    ['a bad variable name', { tool: 'goose', 'database-url-env': 'MY-URL' }, 'Input "database-url-env" is "MY-URL", which is not an environment variable name'],
    ['command with another tool', { tool: 'goose', command: 'make migrate' }, 'Input "command" is set but tool is goose'],
    ['tool command without a command', { tool: 'command' }, 'Input "command" is required when tool is command'],
    ['direction down with a tool', { tool: 'goose', direction: 'down' }, 'Input "direction" is down, which the goose adapter does not run'],
    ['a target that is no version', { target: 'latest' }, 'Input "target" is "latest", which is not a migration version'],
    ['a target with prisma', { tool: 'prisma', target: '3' }, 'Input "target" is set but prisma migrate deploy always applies every pending migration'],
    ['steps going up', { steps: '1' }, 'Input "steps" is set but direction is up'],
    ['steps and target', { direction: 'down', steps: '1', target: '3' }, 'Input "steps" cannot be combined with "target"'],
    ['steps of 0', { direction: 'down', steps: '0' }, 'Input "steps" is 0, which is out of range; expected a whole number of at least 1.'],
    ['a negative lock-timeout', { 'lock-timeout': '-5s' }, 'Input "lock-timeout" is "-5s", which is negative'],
    ['a history table that is no name', { 'history-table': 'x; DROP TABLE users' }, 'Input "history-table" is "x; DROP TABLE users", which is not a table name'],
    ['a MySQL URL with builtin', { 'database-url': 'mysql://u:p@db/app' }, 'Input "database-url" points at a mysql database, which is not supported here'],
    ['an empty URL with builtin', { 'database-url': '' }, 'Input "database-url" is empty'],
    [
      'a URL spanning two lines',
      { 'database-url': 'postgres://u:secret@db/app\nx' },
      'Input "database-url" has a control character (U+000A at position 27); expected a single line of printable characters.'
    ],
    ['a target with a line break', { target: '3\n4' }, 'Input "target" has a control character (U+000A at position 2)'],
    ['a backup-uri with a tab', { 'backup-uri': 's3://b/k\tx' }, 'Input "backup-uri" has a control character (U+0009 at position 9)'],
    ['a dry-run that is no boolean', { 'dry-run': 'maybe' }, 'Input "dry-run" is "maybe", which is not a boolean']
  ])('rejects %s, naming the input', (_name, raw, message) => {
    expect(() => parse(raw)).toThrow(message)
  })

  it('never repeats the URL in an error', () => {
    expect(() => parse({ 'database-url': 'postgres://u:secret@db/app\nx' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('secret') }))
  })
})

describe('databaseUrlMasks', () => {
  it.each([
    ['postgres://app:p%40ss@db/shop', ['postgres://app:p%40ss@db/shop', 'p%40ss', 'p@ss']],
    ['postgres://app@db/shop', ['postgres://app@db/shop']],
    ['postgres://app@db/shop?sslmode=require&password=s%26cret&sslpassword=k3y', ['postgres://app@db/shop?sslmode=require&password=s%26cret&sslpassword=k3y', 's%26cret', 's&cret', 'k3y']],
    ['sqlite:', []],
    ['sqlite:path/to/app.db', []],
    ['file:app.db', []],
    ['not a url', ['not a url']],
    ['', []]
  ])('%j', (raw, expected) => {
    expect(databaseUrlMasks(raw)).toEqual(expected)
  })
})
