import { loadSqlParser } from './lint/pg-parse.js'
import type { StatementSplitter } from './sql-statements.js'

/**
 * Splits PostgreSQL migrations with PostgreSQL's own parser (libpg-query), so a statement ends
 * exactly where the server would end it: dollar quotes, nested comments, E'' strings, BEGIN ATOMIC
 * bodies, standard_conforming_strings all as the server reads them. A script the parser refuses
 * comes back as a syntax problem at its line and column, to stop the plan before anything runs.
 * The parser (WebAssembly) loads here, only for a PostgreSQL target of the built-in runner.
 */
export async function loadPostgresSplitter(): Promise<StatementSplitter> {
  const parse = await loadSqlParser()
  return (script) => {
    const outcome = parse(script)
    if (!outcome.ok) return { ok: false, problem: { message: outcome.failure.message, offset: outcome.failure.offset } }
    // Each statement from its first token to its end (the parser leaves the semicolon out).
    return { ok: true, statements: outcome.statements.map((statement) => ({ sql: statement.text, offset: statement.start })) }
  }
}
