import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAlembicCurrent, parseAlembicUpgrade } from '../../../actions/migrate/src/tools/alembic.js'
import { parseAtlasApply, parseAtlasStatus } from '../../../actions/migrate/src/tools/atlas.js'
import { parseFlywayInfo, parseFlywayMigrate } from '../../../actions/migrate/src/tools/flyway.js'
import { parseGolangMigrateUp, parseGolangMigrateVersion } from '../../../actions/migrate/src/tools/golang-migrate.js'
import { parseGooseStatus, parseGooseUp } from '../../../actions/migrate/src/tools/goose.js'
import { nodePgMigrate, parseNodePgMigrateUp } from '../../../actions/migrate/src/tools/node-pg-migrate.js'
import { parsePrismaDeploy, parsePrismaStatus } from '../../../actions/migrate/src/tools/prisma.js'
import type { ToolContext } from '../../../actions/migrate/src/tools/tool-adapter.js'

// Parsers of each tool's output, on recorded outputs shaped after the tools' real output
// (node-pg-migrate's recorded from node-pg-migrate 9 against PostgreSQL 15 here).
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
const fixture = (path: string): string => readFileSync(join(fixtures, path), 'utf8')

const context = (localVersions: string[]): ToolContext => ({ directory: 'migrations', urlEnv: 'DATABASE_URL', extraArgs: [], localVersions })

describe('apply output: which migrations the tool applied', () => {
  it.each([
    ['prisma/deploy-applied.txt', parsePrismaDeploy, ['20240312091500_init', '20240401120000_add_orders']],
    ['prisma/deploy-nothing.txt', parsePrismaDeploy, []],
    ['prisma/deploy-tree-only.txt', parsePrismaDeploy, ['20210301000000_init', '20210315000000_add_index']],
    ['alembic/upgrade.txt', parseAlembicUpgrade, ['1975ea83b712 create account table', 'ae1027a6acf Add a column']],
    ['alembic/upgrade-nothing.txt', parseAlembicUpgrade, []],
    ['golang-migrate/up.txt', parseGolangMigrateUp, ['1_create_users_table', '2_add_orders', '3_add_order_index']],
    ['golang-migrate/up-no-change.txt', parseGolangMigrateUp, []],
    ['goose/up.txt', parseGooseUp, ['00001_create_users', '00002_add_orders']],
    ['goose/up-nothing.txt', parseGooseUp, []],
    ['node-pg-migrate/up.txt', parseNodePgMigrateUp, ['1700000000000_create-users', '1700000100000_create-orders']],
    ['node-pg-migrate/up-nothing.txt', parseNodePgMigrateUp, []],
    ['flyway/migrate.txt', parseFlywayMigrate, ['1 - create users', '2 - add orders']],
    ['flyway/migrate-up-to-date.txt', parseFlywayMigrate, []],
    ['flyway/migrate-logged.txt', parseFlywayMigrate, ['1 - Init', '2 - Add packages']],
    ['atlas/apply.txt', parseAtlasApply, ['20220908110527', '20220908110528']],
    ['atlas/apply-nothing.txt', parseAtlasApply, []]
  ] as const)('%s', (file, parse, expected) => {
    expect(parse(fixture(file))).toEqual(expected)
  })

  it.each([parsePrismaDeploy, parseAlembicUpgrade, parseGolangMigrateUp, parseGooseUp, parseNodePgMigrateUp, parseFlywayMigrate, parseAtlasApply])(
    '%p says "unknown" (undefined) for output it does not recognise, rather than "nothing applied"',
    (parse) => {
      expect(parse('Error: connection refused\n')).toBeUndefined()
    }
  )

  it('strips ANSI colours before reading', () => {
    expect(parsePrismaDeploy('\u001b[1mApplying migration `20240101000000_init`\u001b[22m\n')).toEqual(['20240101000000_init'])
  })
})

describe('status output: applied, pending, current', () => {
  it.each([
    [
      'prisma/status-pending.txt',
      () => parsePrismaStatus(fixture('prisma/status-pending.txt')),
      { pending: ['20240401120000_add_orders', '20240402083000_add_order_index'], pendingCount: 2 }
    ],
    ['prisma/status-up-to-date.txt', () => parsePrismaStatus(fixture('prisma/status-up-to-date.txt')), { pending: [], pendingCount: 0 }],
    ['alembic/current-head.txt', () => parseAlembicCurrent(fixture('alembic/current-head.txt')), { current: 'ae1027a6acf', pending: [], pendingCount: 0 }],
    ['alembic/current-behind.txt', () => parseAlembicCurrent(fixture('alembic/current-behind.txt')), { current: '1975ea83b712' }],
    ['alembic/current-empty.txt', () => parseAlembicCurrent(fixture('alembic/current-empty.txt')), { current: undefined }],
    [
      'golang-migrate/version.txt',
      () => parseGolangMigrateVersion(fixture('golang-migrate/version.txt'), context(['1', '2', '3', '10'])),
      { current: '2', pending: ['3', '10'], pendingCount: 2 }
    ],
    [
      'golang-migrate/version-dirty.txt',
      () => parseGolangMigrateVersion(fixture('golang-migrate/version-dirty.txt'), context(['1', '2', '3'])),
      { current: '3 (dirty)', pending: [], pendingCount: 0 }
    ],
    [
      'golang-migrate/version-none.txt',
      () => parseGolangMigrateVersion(fixture('golang-migrate/version-none.txt'), context(['1', '2'])),
      { current: undefined, pending: ['1', '2'], pendingCount: 2 }
    ],
    [
      'goose/status.txt',
      () => parseGooseStatus(fixture('goose/status.txt')),
      { applied: ['00001_create_users', '00002_add_orders'], pending: ['00003_add_order_index', '00004_backfill_totals'], pendingCount: 2, current: '00002' }
    ],
    [
      'node-pg-migrate/up-dry-run.txt',
      () => nodePgMigrate.parseStatus!(fixture('node-pg-migrate/up-dry-run.txt'), context([])),
      { pending: ['1700000000000_create-users', '1700000100000_create-orders'], pendingCount: 2 }
    ],
    ['node-pg-migrate/up-nothing.txt', () => nodePgMigrate.parseStatus!(fixture('node-pg-migrate/up-nothing.txt'), context([])), { pending: [], pendingCount: 0 }],
    ['flyway/info.txt', () => parseFlywayInfo(fixture('flyway/info.txt')), { applied: ['1 - create users', '2 - add orders'], pending: ['3 - add index'], pendingCount: 1, current: '2' }],
    ['atlas/status-pending.txt', () => parseAtlasStatus(fixture('atlas/status-pending.txt')), { current: '20220908110527', pendingCount: 2 }],
    ['atlas/status-ok.txt', () => parseAtlasStatus(fixture('atlas/status-ok.txt')), { current: '20220908110528', pendingCount: 0, pending: [] }],
    ['atlas/status-empty.txt', () => parseAtlasStatus(fixture('atlas/status-empty.txt')), { current: undefined, pendingCount: 3 }]
  ] as const)('%s', (_file, parse, expected) => {
    expect(parse()).toEqual(expected)
  })

  it.each([
    ['prisma', () => parsePrismaStatus("Error: P1001: Can't reach database server")],
    ['goose', () => parseGooseStatus('goose run: dial tcp: connection refused')],
    ['flyway', () => parseFlywayInfo('ERROR: Unable to obtain connection from database')],
    ['atlas', () => parseAtlasStatus('Error: connection refused')],
    ['golang-migrate', () => parseGolangMigrateVersion('error: dial tcp: connection refused', context(['1']))]
  ])('%s status that cannot be read tells nothing', (_tool, parse) => {
    expect(parse()).toEqual({})
  })
})
