import { describe, expect, it } from '@jest/globals'
import { splitStatements } from '../../../actions/migrate/src/sql-statements.js'
import { positionAt, positionOfDatabaseError } from '../../../actions/migrate/src/source-position.js'

describe('splitStatements', () => {
  it.each([
    ['SELECT 1; SELECT 2;', ['SELECT 1', 'SELECT 2']],
    ['SELECT 1', ['SELECT 1']],
    ["INSERT INTO t VALUES ('a;b', 'it''s; fine');", ["INSERT INTO t VALUES ('a;b', 'it''s; fine')"]],
    ["SELECT E'a\\';b'; SELECT 2", ["SELECT E'a\\';b'", 'SELECT 2']],
    ['SELECT "weird;name" FROM t; SELECT 2', ['SELECT "weird;name" FROM t', 'SELECT 2']],
    ['-- a comment; with a semicolon\nSELECT 1; /* block; /* nested; */ still */ SELECT 2;', ['-- a comment; with a semicolon\nSELECT 1', '/* block; /* nested; */ still */ SELECT 2']],
    [
      'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql; SELECT f();',
      ['CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql', 'SELECT f()']
    ],
    ['DO $body$ BEGIN PERFORM 1; END $body$; SELECT 1', ['DO $body$ BEGIN PERFORM 1; END $body$', 'SELECT 1']],
    [
      'CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n  UPDATE a SET y = CASE WHEN 1 THEN 2 END;\nEND;\nSELECT 1;',
      ['CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE a SET x = 1;\n  UPDATE a SET y = CASE WHEN 1 THEN 2 END;\nEND', 'SELECT 1']
    ],
    [
      'CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END; SELECT 3;',
      ['CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END', 'SELECT 3']
    ],
    ['BEGIN; SELECT 1; COMMIT;', ['BEGIN', 'SELECT 1', 'COMMIT']],
    ['SELECT $1::int; SELECT 2', ['SELECT $1::int', 'SELECT 2']],
    [';;  ; -- only a comment\n', []]
  ])('%j', (script, expected) => {
    expect(splitStatements(script).map((s) => s.sql)).toEqual(expected)
  })

  it('keeps each statement offset in the script', () => {
    const script = '-- deploy-actions:no-transaction\nCREATE INDEX CONCURRENTLY a ON t (x);\n\n  CREATE INDEX CONCURRENTLY b ON t (y);\n'
    const statements = splitStatements(script)
    expect(statements.map((s) => script.slice(s.offset, s.offset + 12))).toEqual(['-- deploy-ac', 'CREATE INDEX'])
    expect(positionAt(script, statements[1].offset)).toEqual({ line: 4, column: 3 })
  })
})

describe('source positions', () => {
  const text = 'CREATE TABLE a ();\nSELECT nme\n  FROM users;\n'
  it.each([
    [0, { line: 1, column: 1 }],
    [19, { line: 2, column: 1 }],
    [26, { line: 2, column: 8 }],
    [999, { line: 4, column: 1 }]
  ])('offset %d', (offset, expected) => {
    expect(positionAt(text, offset)).toEqual(expected)
  })

  it('maps a PostgreSQL error position (1-based, in characters) to line and column', () => {
    expect(positionOfDatabaseError(text, 27)).toEqual({ line: 2, column: 8 })
    expect(positionOfDatabaseError(text, undefined)).toBeUndefined()
    expect(positionOfDatabaseError(text, 0)).toBeUndefined()
  })

  it('counts characters outside the basic plane as one, as the server does', () => {
    const emoji = "INSERT INTO t VALUES ('😀');\nSELECT nme;"
    // The server puts "nme" at character 36 (the emoji is one character there, two in JavaScript).
    expect(positionOfDatabaseError(emoji, 36)).toEqual({ line: 2, column: 8 })
  })

  it('adds the offset of a statement run on its own', () => {
    expect(positionOfDatabaseError(text, 8, 19)).toEqual({ line: 2, column: 8 })
  })
})
