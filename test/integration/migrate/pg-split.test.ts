import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import pg from 'pg'
import { loadPostgresSplitter } from '../../../actions/migrate/src/pg-statements.js'
import { positionAt, positionOfDatabaseError } from '../../../actions/migrate/src/source-position.js'
import { splitStatements, type StatementSplitter } from '../../../actions/migrate/src/sql-statements.js'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'

// Tricky files split by PostgreSQL's parser (libpg-query, what the built-in runner now uses for
// PostgreSQL) and by the real server: the whole file sent as one simple query is split by the
// server itself, which answers one result per statement. Each split statement, run on its own,
// must give exactly one result, and the sequence of results (command tag and rows) must be the
// server's. The hand-written splitter (still used for SQLite) is run the same way, to show where
// it disagreed with the server.

interface Outcome {
  command: string
  rows: unknown[]
}

/** [name, file, the hand-written splitter agrees with the server] */
const files: [string, string, boolean][] = [
  [
    'dollar quotes, nested tags, semicolons inside',
    'CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $fn$\nBEGIN\n  RETURN $q$a;b$q$ || $$;$$;\nEND;\n$fn$;\nSELECT f();\nDO $$ BEGIN PERFORM 1; END $$;\n',
    true
  ],
  ['nested block comments and line comments holding semicolons', 'SELECT 1 /* outer; /* inner; */ still; */ AS one; -- trailing; comment\nSELECT 2 AS two;\n/* only a comment; */\n', true],
  ["E'' strings and a standard string ending in a backslash", "SELECT E'it\\'s; fine' AS e;\nSELECT 'C:\\' AS path;\nSELECT 'it''s; ok' AS quoted;\n", true],
  ['quoted identifiers with semicolons and doubled quotes', 'CREATE TEMP TABLE "odd;name" ("a""b;" int);\nINSERT INTO "odd;name" VALUES (1);\nSELECT "a""b;" FROM "odd;name";\n', true],
  ['multi-byte characters before later statements (UTF-8 bytes vs JS indices)', "SELECT 'héllo; wörld 😀' AS u;\nSELECT '日本語;' AS j;\nSELECT 3 AS three;\n", true],
  [
    'BEGIN ATOMIC function bodies with CASE … END inside',
    'CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END;\nEND;\nSELECT g(5);\n',
    true
  ],
  [
    'BEGIN ATOMIC reading a column named begin',
    'CREATE TEMP TABLE marks (begin int);\nINSERT INTO marks VALUES (7);\nCREATE FUNCTION h() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT m.begin FROM marks m;\nEND;\nSELECT h();\n',
    false
  ],
  [
    'a rule with several actions in parentheses',
    'CREATE TEMP TABLE src (id int);\nCREATE TEMP TABLE log (id int);\nCREATE RULE copy_twice AS ON INSERT TO src DO ALSO (INSERT INTO log VALUES (NEW.id); INSERT INTO log VALUES (NEW.id + 1));\nINSERT INTO src VALUES (1);\nSELECT count(*) FROM log;\n',
    false
  ],
  ['server-side COPY of a query holding a semicolon (no psql needed)', "COPY (SELECT 'a;b') TO '/dev/null';\nSELECT 1;\n", true],
  ['a last statement without a semicolon, then a comment', 'SELECT 1;\nSELECT 2 -- no semicolon after this one\n', true]
]

describe("PostgreSQL's parser splits migrations as the PostgreSQL server does (real PostgreSQL)", () => {
  let server: Postgres
  let client: pg.Client
  let parserSplit: StatementSplitter

  beforeAll(async () => {
    server = await startPostgres()
    client = new pg.Client({ connectionString: server.createDatabase('split') })
    await client.connect()
    parserSplit = await loadPostgresSplitter()
  })
  afterAll(async () => {
    await client?.end()
    await server?.stop()
  })

  const outcomes = (result: pg.QueryResult | pg.QueryResult[]): Outcome[] => (Array.isArray(result) ? result : [result]).map((r) => ({ command: r.command, rows: r.rows }))

  /** Runs the file in a transaction that is rolled back; each query must be one statement when `eachAlone`. */
  const run = async (queries: string[], eachAlone: boolean): Promise<Outcome[] | string> => {
    await client.query('BEGIN')
    try {
      const all: Outcome[] = []
      for (const query of queries) {
        const got = outcomes(await client.query(query))
        if (eachAlone && got.length !== 1) return `${got.length} statements in one piece: ${query}`
        all.push(...got)
      }
      return all
    } catch (error) {
      return (error as Error).message
    } finally {
      await client.query('ROLLBACK')
    }
  }

  it.each(files)('%s', async (_name, file, handWrittenAgrees) => {
    const server = await run([file], false)
    expect(Array.isArray(server)).toBe(true)

    const split = parserSplit(file)
    if (!split.ok) throw new Error(split.problem.message)
    // Every statement's offset points at its own text in the file.
    for (const statement of split.statements) expect(file.slice(statement.offset, statement.offset + statement.sql.length)).toBe(statement.sql)
    expect(
      await run(
        split.statements.map((s) => s.sql),
        true
      )
    ).toEqual(server)

    const handWritten = await run(
      splitStatements(file).map((s) => s.sql),
      true
    )
    if (handWrittenAgrees) expect(handWritten).toEqual(server)
    else expect(handWritten).not.toEqual(server)
  })

  it('refuses what the server refuses, at the same place (characters outside ASCII before it)', async () => {
    const file = "SELECT '😀 é';\nCREATE TABLE t (id int,);\n"
    const split = parserSplit(file)
    expect(split).toEqual({ ok: false, problem: { message: 'syntax error at or near ")"', offset: file.indexOf(',)') + 1 } })
    const server = (await client.query(file).catch((error: unknown) => error)) as pg.DatabaseError
    expect(server.message).toBe('syntax error at or near ")"')
    // The server's position is 1-based, in characters (the emoji is one there, two in JavaScript).
    expect(positionOfDatabaseError(file, Number(server.position))).toEqual(positionAt(file, file.indexOf(',)') + 1))
  })
})
