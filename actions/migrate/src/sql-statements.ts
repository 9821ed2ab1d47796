/**
 * The hand-written splitter: it splits what runs on SQLite (whose SQL PostgreSQL's grammar refuses:
 * AUTOINCREMENT, trigger bodies…) and reads every file when the directory is loaded, before the
 * plan; what a PostgreSQL run executes is split again by PostgreSQL's own parser (pg-statements.ts).
 * Splits a SQL script into statements at top-level semicolons, keeping each statement's offset
 * in the script so a database error inside one statement can be mapped back to the file. It
 * knows what can hide a semicolon: '…' and "…" quotes, E'…' escapes, $tag$…$tag$ bodies
 * (PostgreSQL), -- and nested /* … *\/ comments, and the BEGIN … END bodies of CREATE TRIGGER
 * (SQLite) and BEGIN ATOMIC (PostgreSQL). Pure.
 */

export interface Statement {
  sql: string
  /** Index of the statement's first character in the script (0-based, UTF-16 code units). */
  offset: number
}

/** The parser refused the script: its message, and the UTF-16 offset in the script where it stopped. */
export interface SyntaxProblem {
  message: string
  offset: number
}

export type SplitOutcome = { ok: true; statements: Statement[] } | { ok: false; problem: SyntaxProblem }

/** Splits one script; offsets index into the script given. */
export type StatementSplitter = (script: string) => SplitOutcome

export const handWrittenSplitter: StatementSplitter = (script) => ({ ok: true, statements: splitStatements(script) })

export function splitStatements(script: string): Statement[] {
  const statements: Statement[] = []
  let start = 0
  let i = 0
  let depth = 0 // BEGIN/CASE … END nesting inside a trigger or BEGIN ATOMIC body
  let blockBody = false
  const n = script.length

  const flush = (end: number): void => {
    const raw = script.slice(start, end)
    const leading = raw.length - raw.trimStart().length
    const sql = raw.trim()
    if (sql !== '' && !isOnlyComments(sql)) statements.push({ sql, offset: start + leading })
    start = end + 1
    depth = 0
    blockBody = false
  }

  while (i < n) {
    const c = script[i]
    const next = script[i + 1]
    if (c === '-' && next === '-') {
      const end = script.indexOf('\n', i)
      i = end < 0 ? n : end + 1
      continue
    }
    if (c === '/' && next === '*') {
      let level = 1
      i += 2
      while (i < n && level > 0) {
        if (script[i] === '/' && script[i + 1] === '*') {
          level++
          i += 2
        } else if (script[i] === '*' && script[i + 1] === '/') {
          level--
          i += 2
        } else i++
      }
      continue
    }
    if (c === "'" || c === '"' || c === '`') {
      const escapes = c === "'" && /[eE]/.test(script[i - 1] ?? '') && !/[A-Za-z0-9_]/.test(script[i - 2] ?? '')
      i++
      while (i < n) {
        if (escapes && script[i] === '\\') {
          i += 2
          continue
        }
        if (script[i] === c) {
          if (script[i + 1] === c) {
            i += 2
            continue
          }
          break
        }
        i++
      }
      i++
      continue
    }
    if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 64))
      if (tag && !/[A-Za-z0-9_]/.test(script[i - 1] ?? '')) {
        const close = script.indexOf(tag[0], i + tag[0].length)
        i = close < 0 ? n : close + tag[0].length
        continue
      }
    }
    if (/[A-Za-z_]/.test(c) && !/[A-Za-z0-9_$]/.test(script[i - 1] ?? '')) {
      const word = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(script.slice(i, i + 64))![0]
      const upper = word.toUpperCase()
      if (!blockBody && (upper === 'BEGIN' || upper === 'ATOMIC')) {
        const head = script.slice(start, i).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ')
        if (/^\s*CREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+|TEMPORARY\s+)?TRIGGER\b/i.test(head) || (upper === 'ATOMIC' && /\bBEGIN\s*$/i.test(head))) {
          blockBody = true
          depth = upper === 'ATOMIC' ? 1 : 0
        }
      }
      if (blockBody) {
        if (upper === 'BEGIN' || upper === 'CASE') depth++
        else if (upper === 'END') depth--
      }
      i += word.length
      continue
    }
    if (c === ';' && (!blockBody || depth <= 0)) {
      flush(i)
      i++
      continue
    }
    i++
  }
  flush(n)
  return statements
}

function isOnlyComments(sql: string): boolean {
  return (
    sql
      .replace(/--[^\n]*/g, '')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .trim() === ''
  )
}

/** The statement's text without its leading comments. */
export function withoutLeadingComments(sql: string): string {
  let rest = sql
  for (;;) {
    const trimmed = rest.trimStart()
    if (trimmed.startsWith('--')) rest = trimmed.slice(trimmed.indexOf('\n') < 0 ? trimmed.length : trimmed.indexOf('\n') + 1)
    else if (trimmed.startsWith('/*')) rest = trimmed.slice(trimmed.indexOf('*/') < 0 ? trimmed.length : trimmed.indexOf('*/') + 2)
    else return trimmed
  }
}
