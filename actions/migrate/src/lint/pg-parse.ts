import { positionAt, type SourcePosition } from '../source-position.js'

/**
 * PostgreSQL's own parser (libpg-query: the server's grammar compiled to WebAssembly), loaded
 * only when a lint runs so that applying migrations starts as fast as before.
 */

/** One top-level statement: its node type (`IndexStmt`, `AlterTableStmt`…), its parse tree and where it stands. */
export interface ParsedStatement {
  kind: string
  node: Record<string, unknown>
  /** UTF-16 offsets into the file text: the statement's first character and one past its last. */
  start: number
  end: number
  /** Where the previous statement ended: the comments before this one (its ignore comments) stand between. */
  leadingStart: number
  position: SourcePosition
  text: string
}

export interface ParseFailure {
  message: string
  position: SourcePosition
}

export type ParseOutcome = { ok: true; statements: ParsedStatement[] } | { ok: false; failure: ParseFailure }

interface RawStatement {
  stmt?: Record<string, unknown>
  stmt_location?: number
  stmt_len?: number
}

type Parser = (sql: string) => { stmts?: RawStatement[] }

let parser: Promise<Parser> | undefined

async function loadParser(): Promise<Parser> {
  parser ??= import('libpg-query').then(async (module) => {
    await module.loadModule()
    return module.parseSync
  })
  return parser
}

/** Parses a whole file; a syntax error comes back with its line and column, never thrown. */
export async function parseSql(text: string): Promise<ParseOutcome> {
  const parse = await loadParser()
  const bytes = Buffer.from(text, 'utf8')
  try {
    const result = parse(text)
    const statements: ParsedStatement[] = []
    for (const raw of result.stmts ?? []) statements.push(...toStatement(raw, text, bytes, statements.at(-1)?.end ?? 0))
    return { ok: true, statements }
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails
    const cursor = details?.cursorPosition ?? 0
    const offset = charOffset(bytes, Math.max(0, cursor))
    return { ok: false, failure: { message: details?.message ?? (error as Error).message, position: positionAt(text, offset) } }
  }
}

function toStatement(raw: RawStatement, text: string, bytes: Buffer, previousEnd: number): ParsedStatement[] {
  const [kind] = Object.keys(raw.stmt ?? {})
  if (!kind || !raw.stmt) return []
  // The parser counts bytes of UTF-8. Depending on its version the start may cover the comments
  // and blank lines before the statement; they are skipped so the position is the first token.
  const rawStart = charOffset(bytes, raw.stmt_location ?? 0)
  const rawEnd = raw.stmt_len === undefined || raw.stmt_len === 0 ? text.length : charOffset(bytes, (raw.stmt_location ?? 0) + raw.stmt_len)
  const start = skipCommentsAndSpace(text, rawStart, rawEnd)
  return [
    {
      kind,
      node: raw.stmt[kind] as Record<string, unknown>,
      start,
      end: rawEnd,
      leadingStart: Math.min(previousEnd, rawStart),
      position: positionAt(text, start),
      text: text.slice(start, rawEnd).trim()
    }
  ]
}

function charOffset(bytes: Buffer, byteOffset: number): number {
  return bytes.subarray(0, Math.min(byteOffset, bytes.length)).toString('utf8').length
}

function skipCommentsAndSpace(text: string, from: number, to: number): number {
  let at = from
  while (at < to) {
    if (/\s/.test(text[at])) at++
    else if (text.startsWith('--', at)) at = lineEnd(text, at)
    else if (text.startsWith('/*', at)) at = text.indexOf('*/', at + 2) < 0 ? to : text.indexOf('*/', at + 2) + 2
    else break
  }
  return at
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from)
  return end < 0 ? text.length : end + 1
}
