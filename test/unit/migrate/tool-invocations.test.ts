import { describe, expect, it } from '@jest/globals'
import { parseDatabaseUrl } from '../../../packages/db/database-url.js'
import { toolAdapter } from '../../../actions/migrate/src/tools/adapters.js'
import { TOOL_NAMES, type ToolContext, type ToolName } from '../../../actions/migrate/src/tools/tool-adapter.js'

const url = 'postgres://deploy:p%40ss-w0rd@db.internal:5432/shop?sslmode=require'
const base = (overrides: Partial<ToolContext> = {}, tool: ToolName = 'prisma'): ToolContext => ({
  directory: 'db/migrations',
  databaseUrl: parseDatabaseUrl(url),
  urlEnv: toolAdapter(tool).urlEnv,
  extraArgs: [],
  command: tool === 'command' ? './bin/migrate' : undefined,
  localVersions: [],
  ...overrides
})

describe('tool invocations', () => {
  it.each(TOOL_NAMES.map((t) => [t]))('%s never puts the URL or its password in an argument', (tool) => {
    const adapter = toolAdapter(tool)
    const context = base({}, tool)
    for (const invocation of [adapter.apply(context), ...(adapter.status ? [adapter.status(context)] : [])]) {
      const args = invocation.args.join(' ')
      expect(args).not.toContain('p%40ss-w0rd')
      expect(args).not.toContain('p@ss-w0rd')
      expect(args).not.toContain('db.internal')
    }
  })

  it.each([
    ['prisma', {}, 'prisma', ['migrate', 'deploy'], { DATABASE_URL: url }],
    ['alembic', { target: 'ae1027a6acf' }, 'alembic', ['upgrade', 'ae1027a6acf'], { DATABASE_URL: url }],
    ['alembic', {}, 'alembic', ['upgrade', 'head'], { DATABASE_URL: url }],
    [
      'golang-migrate',
      {},
      'sh',
      ['-c', 'exec "$0" -database "$DEPLOY_ACTIONS_MIGRATE_URL" "$@"', 'migrate', '-path', 'db/migrations', 'up'],
      { DATABASE_URL: url, DEPLOY_ACTIONS_MIGRATE_URL: url }
    ],
    ['golang-migrate', { target: '7' }, 'sh', ['-c', 'exec "$0" -database "$DEPLOY_ACTIONS_MIGRATE_URL" "$@"', 'migrate', '-path', 'db/migrations', 'goto', '7'], undefined],
    ['goose', {}, 'goose', ['up'], { GOOSE_DRIVER: 'postgres', GOOSE_DBSTRING: url, GOOSE_MIGRATION_DIR: 'db/migrations' }],
    ['goose', { target: '20240101' }, 'goose', ['up-to', '20240101'], undefined],
    ['node-pg-migrate', {}, 'node-pg-migrate', ['up', '-m', 'db/migrations', '-d', 'DATABASE_URL'], { DATABASE_URL: url }],
    ['node-pg-migrate', { target: '1700000100000' }, 'node-pg-migrate', ['up', '1700000100000', '--timestamp', '-m', 'db/migrations', '-d', 'DATABASE_URL'], undefined],
    [
      'flyway',
      { target: '3' },
      'flyway',
      ['-target=3', 'migrate'],
      { FLYWAY_URL: 'jdbc:postgresql://db.internal:5432/shop?sslmode=require', FLYWAY_USER: 'deploy', FLYWAY_PASSWORD: 'p@ss-w0rd', FLYWAY_LOCATIONS: 'filesystem:db/migrations' }
    ],
    [
      'atlas',
      {},
      'sh',
      ['-c', 'exec "$0" "$@" --url "$DEPLOY_ACTIONS_MIGRATE_URL"', 'atlas', 'migrate', 'apply', '--dir', 'file://db/migrations'],
      { DEPLOY_ACTIONS_MIGRATE_URL: url, DATABASE_URL: url }
    ],
    ['command', {}, 'sh', ['-c', './bin/migrate'], { DATABASE_URL: url }]
  ] as const)('%s %j runs %s %j', (tool, overrides, command, args, env) => {
    const invocation = toolAdapter(tool).apply(base(overrides, tool))
    expect(invocation.command).toBe(command)
    expect(invocation.args).toEqual(args)
    if (env) expect(invocation.env).toEqual(env)
  })

  it('passes the URL in the variable database-url-env names', () => {
    expect(toolAdapter('prisma').apply(base({ urlEnv: 'SHOP_DATABASE_URL' })).env).toEqual({ SHOP_DATABASE_URL: url })
  })

  it('gives goose the SQLite file path and the sqlite3 driver', () => {
    const env = toolAdapter('goose').apply(base({ databaseUrl: parseDatabaseUrl('sqlite:data/app.db') }, 'goose')).env
    expect(env).toMatchObject({ GOOSE_DRIVER: 'sqlite3', GOOSE_DBSTRING: 'data/app.db' })
  })

  it('prisma migrate status exits 1 when migrations are pending, which still counts as an answer', () => {
    expect(toolAdapter('prisma').status!(base()).okExitCodes).toEqual([0, 1])
  })

  it('appends tool-args to the command', () => {
    expect(toolAdapter('prisma').apply(base({ extraArgs: ['--schema', 'db/schema.prisma'] })).args).toEqual(['migrate', 'deploy', '--schema', 'db/schema.prisma'])
  })
})
