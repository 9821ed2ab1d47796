import { describe, expect, it } from '@jest/globals'
import { checksumOf, collectMigrations, compareVersions, isNoTransaction, parseMigrationFileName } from '../../../actions/migrate/src/migration-files.js'

describe('parseMigrationFileName', () => {
  it.each([
    ['001_create_users.sql', { version: '001', name: 'create_users', direction: 'up' }],
    ['001_create_users.down.sql', { version: '001', name: 'create_users', direction: 'down' }],
    ['20240101120000_add-orders.up.sql', { version: '20240101120000', name: 'add-orders', direction: 'up' }],
    ['7_v1.2_fix.sql', { version: '7', name: 'v1.2_fix', direction: 'up' }],
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
    expect(m.transactional).toBe(false)
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

describe('files that manage their own transaction', () => {
  const file = (name: string, content: string) => ({ name, content })
  it.each([
    ['BEGIN;\nCREATE TABLE a ();\nCOMMIT;\n', 'has its own BEGIN on line 1'],
    ['CREATE TABLE a ();\n-- done\nCOMMIT;', 'has its own COMMIT on line 3'],
    ['CREATE TABLE a ();\n\nstart transaction;', 'has its own START on line 3'],
    ['CREATE TABLE a ();\nEND;', 'has its own END on line 2']
  ])('%j is refused', (content, problem) => {
    expect(() => collectMigrations('m', [file('1_a.sql', content)])).toThrow(`Input "directory" holds m/1_a.sql, which ${problem}`)
  })

  it.each([
    'CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; END; $$ LANGUAGE plpgsql;',
    'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; END;',
    'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;',
    'SAVEPOINT s; UPDATE a SET x = 1; ROLLBACK TO SAVEPOINT s;',
    '-- deploy-actions:no-transaction\nBEGIN;\nCREATE TABLE a ();\nCOMMIT;\n'
  ])('%j is accepted', (content) => {
    expect(collectMigrations('m', [file('1_a.sql', content)])).toHaveLength(1)
  })
})
