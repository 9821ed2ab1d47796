/** Maps a character offset in a text to a 1-based line and column. Pure. */
export interface SourcePosition {
  line: number
  column: number
}

export function positionAt(text: string, offset: number): SourcePosition {
  const clamped = Math.max(0, Math.min(offset, text.length))
  let line = 1
  let lineStart = 0
  for (let i = 0; i < clamped; i++) {
    if (text[i] === '\n') {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: clamped - lineStart + 1 }
}

/**
 * PostgreSQL reports an error's `position` as a 1-based character index into the query it was
 * sent. `queryOffset` is where that query starts in the file (a statement run on its own).
 */
export function positionOfDatabaseError(fileText: string, position: number | undefined, queryOffset = 0): SourcePosition | undefined {
  if (position === undefined || !Number.isFinite(position) || position < 1) return undefined
  // The server counts characters (code points); JavaScript strings count UTF-16 units.
  let offset = queryOffset
  for (let counted = 1; counted < position && offset < fileText.length; counted++) {
    offset += (fileText.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1
  }
  return positionAt(fileText, offset)
}
