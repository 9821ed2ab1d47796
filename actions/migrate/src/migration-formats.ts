import { handWrittenSplitter, splitStatements, type Statement, type StatementSplitter, type SyntaxProblem } from './sql-statements.js'

/**
 * The directory formats the built-in runner reads, and the parsing of one file's text into the
 * section that runs on apply and the section that runs on revert. A section marked as down is
 * never part of the up section, whatever the format. Pure: problems are thrown as FormatProblem
 * (a phrase that completes "holds <file>, which …").
 *
 *   plain   <version>_<name>.sql (+ .down.sql; golang-migrate's .up.sql/.down.sql): the whole file
 *   goose   -- +goose Up / Down, StatementBegin / StatementEnd, NO TRANSACTION
 *   dbmate  -- migrate:up / -- migrate:down, each with an optional transaction:false
 *   flyway  V<version>__<desc>.sql, U<version>__<desc>.sql (undo), R__<desc>.sql (repeatable)
 */

export const MIGRATION_FORMATS = ['plain', 'goose', 'dbmate', 'flyway'] as const
export type MigrationFormat = (typeof MIGRATION_FORMATS)[number]

export class FormatProblem extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FormatProblem'
  }
}

/** A part of a file that runs as a unit; statement offsets index into the whole file (BOM removed). */
export interface Section {
  /** Where the section's text starts and ends in the file. */
  start: number
  end: number
  statements: Statement[]
  /** The format's own opt-out of a transaction (goose NO TRANSACTION, dbmate transaction:false). */
  noTransaction: boolean
  /** The first place PostgreSQL's parser refused (offset in the whole file); the section then must not run. */
  syntaxError?: SyntaxProblem
}

export interface ParsedContent {
  up: Section
  /** The down section in the same file (goose, dbmate); undefined when the file has none. */
  down?: Section
}

export const NO_TRANSACTION_MARKER = '-- deploy-actions:no-transaction'

/** The file's text without a leading UTF-8 byte-order mark, which psql ignores and PostgreSQL would not. */
export function stripBom(content: string): string {
  return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content
}

/** True when the file's first line is the no-transaction marker. */
export function isNoTransaction(source: string): boolean {
  return stripBom(source).split(/\r?\n/, 1)[0].trim().toLowerCase() === NO_TRANSACTION_MARKER
}

interface Line {
  text: string
  /** Offset of the line's first character, and of the character after its line break. */
  start: number
  next: number
  number: number
}

function linesOf(source: string): Line[] {
  const lines: Line[] = []
  let start = 0
  let number = 1
  while (start <= source.length) {
    const end = source.indexOf('\n', start)
    const stop = end < 0 ? source.length : end
    lines.push({ text: source.slice(start, stop).replace(/\r$/, ''), start, next: end < 0 ? source.length + 1 : end + 1, number: number++ })
    if (end < 0) break
    start = end + 1
  }
  return lines
}

const GOOSE_ANNOTATION = /^--\s*\+goose\s+(.*?)\s*$/i
const DBMATE_MARKER = /^--\s*migrate:(up|down)\b(.*)$/i

/** Which formats' markers the file's lines carry (for detection, and to refuse a mix). */
export function markersIn(source: string): { goose: boolean; dbmate: boolean } {
  const lines = linesOf(source).map((line) => line.text.trim())
  return {
    goose: lines.some((line) => /^--\s*\+goose\s+(up|down)\b/i.test(line)),
    dbmate: lines.some((line) => DBMATE_MARKER.test(line))
  }
}

interface Split {
  statements: Statement[]
  syntaxError?: SyntaxProblem
}

/**
 * Statements of source[start, end), with offsets in the whole source. When the splitter's parser
 * refuses the text, the problem is kept and the hand-written split stands in, so the plan can
 * still show the file; a section with a syntax error is never run.
 */
function statementsBetween(source: string, start: number, end: number, split: StatementSplitter): Split {
  const text = source.slice(start, end)
  const outcome = split(text)
  const shift = (statements: Statement[]): Statement[] => statements.map((statement) => ({ sql: statement.sql, offset: statement.offset + start }))
  if (outcome.ok) return { statements: shift(outcome.statements) }
  return { statements: shift(splitStatements(text)), syntaxError: { message: outcome.problem.message, offset: outcome.problem.offset + start } }
}

const isCommentOrBlank = (text: string): boolean => text.trim() === '' || text.trim().startsWith('--')

/** A plain file: all of it runs on apply. */
export function parsePlain(source: string, split: StatementSplitter = handWrittenSplitter): ParsedContent {
  const markers = markersIn(source)
  if (markers.goose || markers.dbmate) {
    throw new FormatProblem(`has ${markers.goose ? 'goose (-- +goose Up/Down)' : 'dbmate (-- migrate:up/down)'} markers, so it is not a plain SQL file; its down section would run on apply`)
  }
  return { up: { start: 0, end: source.length, ...statementsBetween(source, 0, source.length, split), noTransaction: false } }
}

interface OpenSection {
  start: number
  statements: Statement[]
  syntaxError?: SyntaxProblem
  /** Start of the text not yet split into statements. */
  pending: number
}

/** A goose file: `-- +goose Up` … `-- +goose Down` …, with StatementBegin/StatementEnd blocks. */
export function parseGoose(source: string, split: StatementSplitter = handWrittenSplitter): ParsedContent {
  let up: Section | undefined
  let down: Section | undefined
  let current: OpenSection | undefined
  let which: 'up' | 'down' | undefined
  let block: { start: number; line: number } | undefined
  let noTransaction = false

  // The text between StatementBegin/StatementEnd blocks is split; a block runs as written, as goose sends it.
  const splitInto = (section: OpenSection, from: number, to: number): void => {
    const piece = statementsBetween(source, from, to, split)
    section.statements.push(...piece.statements)
    section.syntaxError ??= piece.syntaxError
  }
  const close = (end: number): Section | undefined => {
    if (!current) return undefined
    splitInto(current, current.pending, end)
    return { start: current.start, end, statements: current.statements.sort((a, b) => a.offset - b.offset), noTransaction: false, syntaxError: current.syntaxError }
  }

  for (const line of linesOf(source)) {
    const match = GOOSE_ANNOTATION.exec(line.text.trim())
    if (!match || !line.text.trimStart().startsWith('--')) {
      if (which === undefined && !isCommentOrBlank(line.text)) throw new FormatProblem(`has SQL on line ${line.number} before its -- +goose Up annotation`)
      continue
    }
    const annotation = match[1].toLowerCase().replace(/\s+/g, ' ')
    if (block && annotation !== 'statementend') throw new FormatProblem(`has -- +goose ${match[1]} on line ${line.number}, inside the StatementBegin block of line ${block.line}`)
    switch (annotation) {
      case 'up':
        if (which !== undefined) throw new FormatProblem(`has a second -- +goose Up on line ${line.number}`)
        which = 'up'
        current = { start: line.next, statements: [], pending: line.next }
        break
      case 'down':
        if (which === undefined) throw new FormatProblem(`has -- +goose Down on line ${line.number} before its -- +goose Up`)
        if (which === 'down') throw new FormatProblem(`has a second -- +goose Down on line ${line.number}`)
        up = close(line.start)
        which = 'down'
        current = { start: line.next, statements: [], pending: line.next }
        break
      case 'statementbegin':
        if (!current) throw new FormatProblem(`has -- +goose StatementBegin on line ${line.number} before its -- +goose Up`)
        splitInto(current, current.pending, line.start)
        block = { start: line.next, line: line.number }
        break
      case 'statementend': {
        if (!current || !block) throw new FormatProblem(`has -- +goose StatementEnd on line ${line.number} without a StatementBegin`)
        const raw = source.slice(block.start, line.start)
        const text = raw.trim().replace(/;$/, '').trimEnd()
        if (text !== '') current.statements.push({ sql: text, offset: block.start + (raw.length - raw.trimStart().length) })
        current.pending = line.next
        block = undefined
        break
      }
      case 'no transaction':
        noTransaction = true
        break
      case 'envsub off':
        break
      case 'envsub on':
        throw new FormatProblem(`turns on -- +goose ENVSUB on line ${line.number}; the built-in runner does not substitute environment variables`)
      default:
        throw new FormatProblem(`has an unknown goose annotation "-- +goose ${match[1]}" on line ${line.number}`)
    }
  }
  if (block) throw new FormatProblem(`has -- +goose StatementBegin on line ${block.line} without a StatementEnd`)
  if (which === undefined) throw new FormatProblem('has no -- +goose Up annotation')
  if (which === 'up') up = close(source.length)
  else down = close(source.length)
  return { up: { ...up!, noTransaction }, down: down && { ...down, noTransaction } }
}

/** A dbmate file: `-- migrate:up [transaction:false]` … `-- migrate:down [transaction:false]` …. */
export function parseDbmate(source: string, split: StatementSplitter = handWrittenSplitter): ParsedContent {
  const markers: { direction: 'up' | 'down'; line: Line; noTransaction: boolean }[] = []
  for (const line of linesOf(source)) {
    const match = DBMATE_MARKER.exec(line.text.trim())
    if (!match) {
      if (markers.length === 0 && !isCommentOrBlank(line.text)) throw new FormatProblem(`has SQL on line ${line.number} before its -- migrate:up marker`)
      continue
    }
    const direction = match[1].toLowerCase() as 'up' | 'down'
    let noTransaction = false
    for (const option of match[2]
      .trim()
      .split(/\s+/)
      .filter((o) => o !== '')) {
      const setting = /^transaction:(true|false)$/i.exec(option)
      if (!setting) throw new FormatProblem(`has an unknown option "${option}" on line ${line.number} (dbmate knows transaction:false)`)
      noTransaction = setting[1].toLowerCase() === 'false'
    }
    if (markers.some((m) => m.direction === direction)) throw new FormatProblem(`has a second -- migrate:${direction} on line ${line.number}`)
    if (direction === 'down' && markers.length === 0) throw new FormatProblem(`has -- migrate:down on line ${line.number} before its -- migrate:up`)
    markers.push({ direction, line, noTransaction })
  }
  if (markers.length === 0) throw new FormatProblem('has no -- migrate:up marker')
  const sections = markers.map((marker, index): Section => {
    const start = marker.line.next
    const end = index + 1 < markers.length ? markers[index + 1].line.start : source.length
    return { start: Math.min(start, source.length), end, ...statementsBetween(source, Math.min(start, source.length), end, split), noTransaction: marker.noTransaction }
  })
  return { up: sections[0], down: sections[1] }
}

/** Parses a file's text (BOM removed) in the given format, splitting its sections with `split`. */
export function parseContent(format: MigrationFormat, source: string, split: StatementSplitter = handWrittenSplitter): ParsedContent {
  switch (format) {
    case 'goose':
      return parseGoose(source, split)
    case 'dbmate':
      return parseDbmate(source, split)
    case 'plain':
    case 'flyway':
      return parsePlain(source, split)
  }
}
