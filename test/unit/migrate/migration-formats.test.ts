import { describe, expect, it } from '@jest/globals'
import { FormatProblem, markersIn, parseDbmate, parseGoose, parsePlain, stripBom, type ParsedContent } from '../../../actions/migrate/src/migration-formats.js'
import { collectMigrations, detectFormat, parseMigrationFileName } from '../../../actions/migrate/src/migration-files.js'
import { compareVersions, isVersion, versionKey } from '../../../actions/migrate/src/versions.js'

const texts = (source: string, parsed: ParsedContent) => ({
  up: parsed.up.statements.map((s) => s.sql),
  down: parsed.down?.statements.map((s) => s.sql),
  // Every statement's offset points at its own text in the file.
  offsetsHold: [...parsed.up.statements, ...(parsed.down?.statements ?? [])].every((s) => source.startsWith(s.sql, s.offset))
})

describe('parseGoose', () => {
  it.each([
    ['-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n', ['CREATE TABLE t (id int)'], ['DROP TABLE t']],
    ['-- header comment\n\n-- +goose Up\nSELECT 1;\nSELECT 2;\n', ['SELECT 1', 'SELECT 2'], undefined],
    [
      '-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;\n-- +goose StatementEnd\nSELECT f();\n-- +goose Down\nDROP FUNCTION f();\n',
      ['CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql', 'SELECT f()'],
      ['DROP FUNCTION f()']
    ],
    ['-- +goose up\nSELECT 1;\n--+goose down\nSELECT 2;', ['SELECT 1'], ['SELECT 2']],
    ['-- +goose Up\n-- +goose Down\n', [], []]
  ])('%j', (source, up, down) => {
    const parsed = parseGoose(source)
    expect(texts(source, parsed)).toEqual({ up, down, offsetsHold: true })
  })

  it('reads NO TRANSACTION for both sections', () => {
    const parsed = parseGoose('-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (x);\n-- +goose Down\nDROP INDEX CONCURRENTLY i;\n')
    expect([parsed.up.noTransaction, parsed.down?.noTransaction]).toEqual([true, true])
  })

  it.each([
    ['SELECT 1;\n-- +goose Up\nSELECT 2;', 'has SQL on line 1 before its -- +goose Up annotation'],
    ['-- +goose Down\nDROP TABLE t;\n-- +goose Up\nSELECT 1;', 'has -- +goose Down on line 1 before its -- +goose Up'],
    ['-- +goose Up\nSELECT 1;\n-- +goose Up\nSELECT 2;', 'has a second -- +goose Up on line 3'],
    ['-- +goose Up\nSELECT 1;\n-- +goose Down\nSELECT 2;\n-- +goose Down\n', 'has a second -- +goose Down on line 5'],
    ['-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n', 'has -- +goose StatementBegin on line 2 without a StatementEnd'],
    ['-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\n', 'has -- +goose Down on line 4, inside the StatementBegin block of line 2'],
    ['-- +goose Up\n-- +goose StatementEnd\n', 'has -- +goose StatementEnd on line 2 without a StatementBegin'],
    ['-- +goose Up\n-- +goose ENVSUB ON\nSELECT ${X};', 'turns on -- +goose ENVSUB on line 2; the built-in runner does not substitute environment variables'],
    ['-- +goose Up\n-- +goose Sideways\n', 'has an unknown goose annotation "-- +goose Sideways" on line 2'],
    ['-- only a comment\n', 'has no -- +goose Up annotation']
  ])('refuses %j', (source, problem) => {
    expect(() => parseGoose(source)).toThrow(new FormatProblem(problem))
  })
})

describe('parseDbmate', () => {
  it.each([
    ['-- migrate:up\nCREATE TABLE t (id int);\n\n-- migrate:down\nDROP TABLE t;\n', ['CREATE TABLE t (id int)'], ['DROP TABLE t'], [false, false]],
    ['-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n-- migrate:down\nDROP INDEX i;', ['CREATE INDEX CONCURRENTLY i ON t (x)'], ['DROP INDEX i'], [true, false]],
    ['-- a note\n-- migrate:up\nSELECT 1;', ['SELECT 1'], undefined, [false, undefined]]
  ])('%j', (source, up, down, noTransaction) => {
    const parsed = parseDbmate(source)
    expect(texts(source, parsed)).toEqual({ up, down, offsetsHold: true })
    expect([parsed.up.noTransaction, parsed.down?.noTransaction]).toEqual(noTransaction)
  })

  it.each([
    ['SELECT 1;\n-- migrate:up\n', 'has SQL on line 1 before its -- migrate:up marker'],
    ['-- migrate:down\nDROP TABLE t;\n', 'has -- migrate:down on line 1 before its -- migrate:up'],
    ['-- migrate:up\n-- migrate:up\n', 'has a second -- migrate:up on line 2'],
    ['-- migrate:up tx:false\n', 'has an unknown option "tx:false" on line 1 (dbmate knows transaction:false)'],
    ['-- nothing here\n', 'has no -- migrate:up marker']
  ])('refuses %j', (source, problem) => {
    expect(() => parseDbmate(source)).toThrow(new FormatProblem(problem))
  })
})

describe('plain files and markers', () => {
  it('refuses a plain file that carries a down section of another format', () => {
    expect(() => parsePlain('-- +goose Up\nCREATE TABLE t ();\n-- +goose Down\nDROP TABLE t;')).toThrow('its down section would run on apply')
    expect(() => parsePlain('-- migrate:up\nCREATE TABLE t ();\n-- migrate:down\nDROP TABLE t;')).toThrow('has dbmate (-- migrate:up/down) markers')
  })

  it.each([
    ['-- +goose Up', { goose: true, dbmate: false }],
    ['  -- +goose Down  ', { goose: true, dbmate: false }],
    ['-- migrate:down', { goose: false, dbmate: true }],
    ["SELECT '-- +goose Down';", { goose: false, dbmate: false }],
    ['-- +goose StatementBegin', { goose: false, dbmate: false }]
  ])('markersIn(%j)', (source, expected) => {
    expect(markersIn(source)).toEqual(expected)
  })

  it('strips a UTF-8 byte-order mark, and only that', () => {
    expect(stripBom('\uFEFFCREATE TABLE t ();')).toBe('CREATE TABLE t ();')
    expect(stripBom('CREATE TABLE t ();\uFEFF')).toBe('CREATE TABLE t ();\uFEFF')
  })
})

describe('file names and format detection', () => {
  it.each([
    ['V1__init.sql', { version: '1', name: 'init', kind: 'up' }],
    ['V1_2__add_index.sql', { version: '1.2', name: 'add_index', kind: 'up' }],
    ['V2.0.10__Add orders.sql', { version: '2.0.10', name: 'Add orders', kind: 'up' }],
    ['U1_2__add_index.sql', { version: '1.2', name: 'add_index', kind: 'down' }],
    ['R__views.sql', { version: 'R__views', name: 'views', kind: 'repeatable' }],
    ['v1__lower.sql', undefined],
    ['V1_init.sql', undefined],
    ['001_init.sql', undefined]
  ])('flyway: %s', (name, expected) => {
    expect(parseMigrationFileName(name, 'flyway')).toEqual(expected)
  })

  it.each([
    ['001_init.sql', 'goose', { version: '001', name: 'init', kind: 'up' }],
    ['001_init.down.sql', 'goose', undefined],
    ['001_init.up.sql', 'dbmate', undefined]
  ] as const)('%s in %s', (name, format, expected) => {
    expect(parseMigrationFileName(name, format)).toEqual(expected)
  })

  const file = (name: string, content = 'SELECT 1;') => ({ name, content })
  const shown = (name: string): string => `m/${name}`
  it.each([
    [[file('1_a.sql'), file('1_a.down.sql')], 'plain'],
    [[file('1_a.up.sql'), file('1_a.down.sql')], 'plain'],
    [[file('1_a.sql', '-- +goose Up\nSELECT 1;'), file('2_b.sql', '\uFEFF-- +goose Up\nSELECT 2;')], 'goose'],
    [[file('1_a.sql', '-- migrate:up\nSELECT 1;')], 'dbmate'],
    [[file('V1__a.sql'), file('R__b.sql')], 'flyway']
  ])('detects %j as %s', (files, format) => {
    expect(detectFormat(files, shown)).toBe(format)
  })

  it('orders Flyway versions as numbers, repeatable migrations last', () => {
    const migrations = collectMigrations('m', [file('V10__j.sql'), file('R__a_view.sql'), file('V1_10__c.sql'), file('V1.2__b.sql'), file('V1__a.sql'), file('U1__a.sql', 'DROP TABLE a;')])
    expect(migrations.map((m) => [m.version, m.repeatable, m.down?.file])).toEqual([
      ['1', false, 'm/U1__a.sql'],
      ['1.2', false, undefined],
      ['1.10', false, undefined],
      ['10', false, undefined],
      ['R__a_view', true, undefined]
    ])
  })

  it("keeps a goose file's down section out of what runs on apply", () => {
    const [m] = collectMigrations('m', [file('1_users.sql', '-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n')])
    expect(m.up.statements.map((s) => s.sql)).toEqual(['CREATE TABLE users (id int)'])
    expect(m.up.sql).not.toContain('DROP')
    expect(m.down).toMatchObject({ file: 'm/1_users.sql', statements: [{ sql: 'DROP TABLE users', offset: 57 }] })
  })

  it.each([
    [[file('V1__a.sql'), file('V1.0__b.sql')], 'Input "directory" holds versions 1 and 1.0, which are the same number'],
    [[file('V1__a.sql'), file('U2__b.sql')], 'Input "directory" holds m/U2__b.sql without a matching up migration; expected a file V2__b.sql beside it'],
    [[file('1_a.sql', '-- +goose Up\nSELECT 1;'), file('2_b.up.sql', '-- +goose Up\nSELECT 2;')], 'Input "directory" holds m/2_b.up.sql, whose name is not a goose migration name']
  ])('refuses %j', (files, message) => {
    expect(() => collectMigrations('m', files)).toThrow(message)
  })
})

describe('versions', () => {
  it.each([
    ['1', '2', -1],
    ['010', '10', 0],
    ['1.2', '1.10', -1],
    ['1_1', '1.1', 0],
    ['1.0', '1', 0],
    ['2', '1.99', 1],
    ['20240101000000', '9', 1]
  ])('compareVersions(%s, %s) = %d', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected)
  })

  it.each([
    ['1.2.0', '1.2'],
    ['007', '7'],
    ['0', '0']
  ])('versionKey(%s) = %s', (version, key) => {
    expect(versionKey(version)).toBe(key)
  })

  it.each([
    ['1.2', true],
    ['20240101', true],
    ['1..2', false],
    ['v1', false],
    ['R__x', false]
  ])('isVersion(%s) = %s', (version, expected) => {
    expect(isVersion(version)).toBe(expected)
  })
})
