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
  /** UTF-16 offset in the text where the parser stopped. */
  offset: number
  position: SourcePosition
}

export type ParseOutcome = { ok: true; statements: ParsedStatement[] } | { ok: false; failure: ParseFailure }

interface RawStatement {
  stmt?: Record<string, unknown>
  stmt_location?: number | null
  stmt_len?: number | null
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

/** Loads the parser once; the function it gives parses synchronously from then on. */
export async function loadSqlParser(): Promise<(text: string) => ParseOutcome> {
  const parse = await loadParser()
  return (text) => parseWith(parse, text)
}

/** Parses a whole file; a syntax error comes back with its line and column, never thrown. */
export async function parseSql(text: string): Promise<ParseOutcome> {
  return (await loadSqlParser())(text)
}

function parseWith(parse: Parser, text: string): ParseOutcome {
  // The parser refuses an empty string; a text of blanks and comments parses to no statement.
  if (text === '') return { ok: true, statements: [] }
  const toChar = charOffsets(text)
  const toPosition = positions(text)
  try {
    const result = parse(text)
    const statements: ParsedStatement[] = []
    for (const raw of result.stmts ?? []) statements.push(...toStatement(raw, text, toChar, toPosition, statements.at(-1)?.end ?? 0))
    return { ok: true, statements }
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails
    // Unlike statement locations, an error's cursor counts characters (code points), as the server's error position does.
    const offset = codePointsToChar(text, Math.max(0, details?.cursorPosition ?? 0))
    return { ok: false, failure: { message: details?.message ?? (error as Error).message, offset, position: positionAt(text, offset) } }
  }
}

function toStatement(raw: RawStatement, text: string, toChar: (byteOffset: number) => number, toPosition: (offset: number) => SourcePosition, previousEnd: number): ParsedStatement[] {
  const [kind] = Object.keys(raw.stmt ?? {})
  if (!kind || !raw.stmt) return []
  // The parser counts bytes of UTF-8. Depending on its version the start may cover the comments
  // and blank lines before the statement; they are skipped so the position is the first token.
  const rawStart = toChar(raw.stmt_location ?? 0)
  const rawEnd = raw.stmt_len === undefined || raw.stmt_len === null || raw.stmt_len === 0 ? text.length : toChar((raw.stmt_location ?? 0) + raw.stmt_len)
  const start = skipCommentsAndSpace(text, rawStart, rawEnd)
  return [
    {
      kind,
      node: raw.stmt[kind] as Record<string, unknown>,
      start,
      end: rawEnd,
      leadingStart: Math.min(previousEnd, rawStart),
      position: toPosition(start),
      text: text.slice(start, rawEnd).trim()
    }
  ]
}

/**
 * Maps UTF-8 byte offsets of `text` to UTF-16 offsets (JavaScript string indices). Offsets asked
 * in increasing order cost one pass over the text in all, so a file of many statements stays linear.
 */
export function charOffsets(text: string): (byteOffset: number) => number {
  let byte = 0
  let char = 0
  return (byteOffset) => {
    if (byteOffset < byte) {
      byte = 0
      char = 0
    }
    while (byte < byteOffset && char < text.length) {
      const code = text.codePointAt(char)!
      byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4
      char += code > 0xffff ? 2 : 1
    }
    return char
  }
}

/** positionAt for increasing offsets, in one pass over the text in all (a seed file of thousands of statements). */
function positions(text: string): (offset: number) => SourcePosition {
  let at = 0
  let line = 1
  let lineStart = 0
  return (offset) => {
    if (offset < at) return positionAt(text, offset)
    for (; at < Math.min(offset, text.length); at++) {
      if (text[at] === '\n') {
        line++
        lineStart = at + 1
      }
    }
    return { line, column: Math.min(offset, text.length) - lineStart + 1 }
  }
}

function codePointsToChar(text: string, codePoints: number): number {
  let char = 0
  for (let counted = 0; counted < codePoints && char < text.length; counted++) char += (text.codePointAt(char) ?? 0) > 0xffff ? 2 : 1
  return char
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
