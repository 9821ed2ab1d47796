import { describe, expect, it } from '@jest/globals'
import { checksumOf, collectMigrations, compareVersions, isNoTransaction, parseMigrationFileName } from '../../../actions/migrate/src/migration-files.js'

describe('parseMigrationFileName', () => {
  it.each([
    ['001_create_users.sql', { version: '001', name: 'create_users', kind: 'up' }],
    ['001_create_users.down.sql', { version: '001', name: 'create_users', kind: 'down' }],
    ['20240101120000_add-orders.up.sql', { version: '20240101120000', name: 'add-orders', kind: 'up' }],
    ['7_v1.2_fix.sql', { version: '7', name: 'v1.2_fix', kind: 'up' }],
    ['create_users.sql', undefined],
    ['001-create_users.sql', undefined],
    ['001_.sql', undefined],
    ['V1__init.sql', undefined],
    ['001_users.SQL.bak', undefined]
  ])('%s', (name, expected) => {
    expect(parseMigrationFileName(name)).toEqual(expected)
  })
})

describe('collectMigrations', () => {
  const file = (name: string, content = 'SELECT 1;') => ({ name, content })

  it('orders by version as a number, pairs down files, ignores other files', () => {
    const migrations = collectMigrations('db/migrations', [file('10_c.sql'), file('9_b.sql'), file('0001_a.sql'), file('0001_a.down.sql', 'DROP x;'), file('README.md')])
    expect(migrations.map((m) => [m.version, m.name, m.file, m.down?.file])).toEqual([
      ['0001', 'a', 'db/migrations/0001_a.sql', 'db/migrations/0001_a.down.sql'],
      ['9', 'b', 'db/migrations/9_b.sql', undefined],
      ['10', 'c', 'db/migrations/10_c.sql', undefined]
    ])
  })

  it('records the checksum and the no-transaction marker', () => {
    const [m] = collectMigrations('.', [file('1_idx.sql', '-- deploy-actions:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);')])
    expect(m.file).toBe('1_idx.sql')
    expect(m.up.transactional).toBe(false)
    expect(m.up.outside).toBe('it starts with -- deploy-actions:no-transaction')
    expect(m.checksum).toBe(checksumOf('-- deploy-actions:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (c);'))
  })

  it.each([
    [[file('1_a.sql'), file('x.sql')], 'Input "directory" holds m/x.sql, whose name is not <version>_<name>.sql'],
    [[file('1_a.sql'), file('1_b.sql')], 'Input "directory" holds two up migrations with version 1 (m/1_a.sql and m/1_b.sql)'],
    [[file('1_a.sql'), file('01_b.sql')], 'Input "directory" holds versions 01 and 1, which are the same number'],
    [[file('1_a.sql'), file('2_b.down.sql')], 'Input "directory" holds m/2_b.down.sql without a matching up migration'],
    [[file('notes.txt')], 'Input "directory" (m) holds no migrations'],
    [[], 'Input "directory" (m) holds no migrations']
  ])('rejects %j', (files, message) => {
    expect(() => collectMigrations('m', files)).toThrow(message)
  })
})

describe('helpers', () => {
  it.each([
    ['-- deploy-actions:no-transaction\nX', true],
    ['\uFEFF-- Deploy-Actions:No-Transaction  \r\nX', true],
    ['CREATE TABLE t ();\n-- deploy-actions:no-transaction', false],
    ['-- deploy-actions:no-transaction-please', false]
  ])('isNoTransaction(%j) = %s', (sql, expected) => {
    expect(isNoTransaction(sql)).toBe(expected)
  })

  it.each([
    ['1', '2', -1],
    ['010', '10', 0],
    ['20240101000000', '9', 1]
  ])('compareVersions(%s, %s) = %d', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected)
  })
})

describe("files that cannot run in the runner's transaction are classified before anything runs", () => {
  const file = (name: string, content: string) => ({ name, content })
  it.each([
    ['BEGIN;\nCREATE TABLE a ();\nCOMMIT;\n', 'it has its own BEGIN on line 1'],
    ['CREATE TABLE a ();\n-- done\nCOMMIT;', 'it has its own COMMIT on line 3'],
    ['CREATE TABLE a ();\n\nstart transaction;', 'it has its own START on line 3'],
    ['CREATE TABLE a ();\nEND;', 'it has its own END on line 2'],
    ['CREATE TABLE a ();\n-- an index\nCREATE INDEX CONCURRENTLY i ON a (x);', 'CREATE INDEX CONCURRENTLY on line 3 cannot run inside a transaction block'],
    ['create unique index concurrently if not exists i on a (x);', 'CREATE INDEX CONCURRENTLY on line 1 cannot run inside a transaction block'],
    ['DROP INDEX CONCURRENTLY i;', 'DROP INDEX CONCURRENTLY on line 1 cannot run inside a transaction block'],
    ['REINDEX (VERBOSE) INDEX CONCURRENTLY i;', 'REINDEX CONCURRENTLY on line 1 cannot run inside a transaction block'],
    ['ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;', 'DETACH PARTITION CONCURRENTLY on line 1 cannot run inside a transaction block'],
    ['\n\nVACUUM ANALYZE a;', 'VACUUM on line 3 cannot run inside a transaction block'],
    ["ALTER SYSTEM SET work_mem = '64MB';", 'ALTER SYSTEM on line 1 cannot run inside a transaction block'],
    ['CREATE DATABASE reports;', 'CREATE/DROP DATABASE on line 1 cannot run inside a transaction block'],
    ['-- deploy-actions:no-transaction\nCREATE TABLE a ();', 'it starts with -- deploy-actions:no-transaction']
  ])('%j runs outside the transaction: %s', (content, reason) => {
    const [m] = collectMigrations('m', [file('1_a.sql', content)])
    expect(m.up).toMatchObject({ transactional: false, outside: reason })
  })

  it.each([
    'CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END; $$ LANGUAGE plpgsql;',
    'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; END;',
    'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;',
    'SAVEPOINT s; UPDATE a SET x = 1; ROLLBACK TO SAVEPOINT s;',
    'CREATE INDEX concurrently_named ON a (x);',
    "INSERT INTO notes VALUES ('VACUUM; CREATE INDEX CONCURRENTLY');",
    'REFRESH MATERIALIZED VIEW CONCURRENTLY v;'
  ])("%j stays in the runner's transaction", (content) => {
    const [m] = collectMigrations('m', [file('1_a.sql', content)])
    expect(m.up).toMatchObject({ transactional: true, outside: undefined })
  })
})
