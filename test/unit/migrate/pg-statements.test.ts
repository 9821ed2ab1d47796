import { beforeAll, describe, expect, it } from '@jest/globals'
import { collectMigrations, splitScript, type MigrationFile } from '../../../actions/migrate/src/migration-files.js'
import { loadPostgresSplitter } from '../../../actions/migrate/src/pg-statements.js'
import { syntaxProblems } from '../../../actions/migrate/src/plan.js'
import { positionAt } from '../../../actions/migrate/src/source-position.js'
import type { StatementSplitter } from '../../../actions/migrate/src/sql-statements.js'

// How migrations of each format are split by PostgreSQL's parser: statement offsets in the file,
// syntax errors kept per section with their line and column, and refused by the plan only for
// what would run.
let split: StatementSplitter
beforeAll(async () => {
  split = await loadPostgresSplitter()
})

/** The directory's migrations with both directions split again by the parser, as the runner does for what it runs. */
const collect = (files: MigrationFile[]) => collectMigrations('m', files).map((m) => ({ ...m, up: splitScript(m, 'up', split), down: m.down && splitScript(m, 'down', split) }))
const starts = (source: string, statements: { offset: number }[]) => statements.map((s) => positionAt(source, s.offset))

describe("splitting with PostgreSQL's parser", () => {
  it('gives each statement from its first token, with its place in the file after multi-byte text and CRLF lines', () => {
    const source = "-- ünïcödé comment; 😀\r\nINSERT INTO t VALUES ('😀;');\r\n\r\n  /* c; */ SELECT 2\r\n"
    const [migration] = collect([{ name: '001_a.sql', content: source }])
    expect(migration.up.statements.map((s) => s.sql)).toEqual(["INSERT INTO t VALUES ('😀;')", 'SELECT 2'])
    expect(starts(source, migration.up.statements)).toEqual([
      { line: 2, column: 1 },
      { line: 4, column: 12 }
    ])
    expect(migration.up.syntaxError).toBeUndefined()
  })

  it('finds nothing to run in a file of comments and blanks, and in an empty file', () => {
    const migrations = collect([
      { name: '001_a.sql', content: '-- nothing; here\n/* nor; here */\n' },
      { name: '002_b.sql', content: '' }
    ])
    expect(migrations.map((m) => m.up.statements)).toEqual([[], []])
  })

  it('splits goose sections apart and sends a StatementBegin block whole; a Down section error is placed in the file', () => {
    const source =
      '-- +goose Up\nCREATE TABLE a (id int); CREATE TABLE b (id int);\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n-- +goose StatementEnd\n-- +goose Down\nDROP TABLE b;\nDROP TABLE a,;\n'
    const [migration] = collect([{ name: '001_a.sql', content: source }])
    expect(migration.up.statements.map((s) => s.sql)).toEqual([
      'CREATE TABLE a (id int)',
      'CREATE TABLE b (id int)',
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END'
    ])
    expect(starts(source, migration.up.statements)).toEqual([
      { line: 2, column: 1 },
      { line: 2, column: 26 },
      { line: 4, column: 1 }
    ])
    expect(migration.up.syntaxError).toBeUndefined()
    expect(migration.down?.syntaxError).toEqual({ message: 'syntax error at or near ";"', position: { line: 8, column: 14 } })
    // The down section still lists its statements (the hand-written split), for the dry-run.
    expect(migration.down?.statements.map((s) => s.sql)).toEqual(['DROP TABLE b', 'DROP TABLE a,'])
  })

  it('places a dbmate up section error at its line and column in the file', () => {
    const source = '-- migrate:up\nCREATE TABLE a (id int);\nALTER TABLE a ADD COLUMN;\n-- migrate:down\nDROP TABLE a;\n'
    const [migration] = collect([{ name: '001_a.sql', content: source }])
    expect(migration.up.syntaxError).toEqual({ message: 'syntax error at or near ";"', position: { line: 3, column: 25 } })
    expect(migration.down?.syntaxError).toBeUndefined()
  })

  it('classifies transactions from the statements the parser found', () => {
    const [own, concurrently] = collect([
      { name: '001_a.sql', content: '-- header\nBEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n' },
      { name: '002_b.sql', content: 'CREATE TABLE b (id int);\n\nCREATE INDEX CONCURRENTLY b_id ON b (id);\n' }
    ])
    expect(own.up).toMatchObject({ transactional: false, outside: 'it has its own BEGIN on line 2' })
    expect(concurrently.up).toMatchObject({ transactional: false, outside: 'CREATE INDEX CONCURRENTLY on line 3 cannot run inside a transaction block' })
  })
})

describe('syntax problems', () => {
  it('name the file, line and column of each script the parser refused, with the parser message', () => {
    const [a, b] = collect([
      { name: '001_a.sql', content: 'CREATE TABLE a (id int);\n' },
      { name: '001_a.down.sql', content: 'DROP TABLE a,;\n' },
      { name: '002_b.sql', content: 'CREATE TABLE b (id int);\nSELEC 1;\n' }
    ])
    expect(syntaxProblems([a.up, b.up])).toEqual([
      {
        message: 'm/002_b.sql:2:1: syntax error at or near "SELEC" (PostgreSQL 42601), found by PostgreSQL\'s parser before anything ran',
        file: 'm/002_b.sql',
        position: { line: 2, column: 1 }
      }
    ])
    // A down script in its own file is split as a whole file.
    expect(syntaxProblems([a.down!]).map((p) => p.message)).toEqual([
      'm/001_a.down.sql:1:14: syntax error at or near ";" (PostgreSQL 42601), found by PostgreSQL\'s parser before anything ran'
    ])
  })

  it('are none when the hand-written splitter read the file (SQLite)', () => {
    const [migration] = collectMigrations('m', [{ name: '001_a.sql', content: 'CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT);\n' }])
    expect(syntaxProblems([migration.up])).toEqual([])
    expect(splitScript(migration, 'up', split).syntaxError?.message).toBe('syntax error at or near "AUTOINCREMENT"')
  })
})
