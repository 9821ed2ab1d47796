// Terminal renderings of what GitHub would show on the run page: the step's outputs as a table and
// the job summary's Markdown as plain text — headings underlined, tables aligned (wide characters
// such as emoji counted as two columns), links as "text (url)", HTML tags dropped, and mermaid
// charts replaced by a text sparkline. Pure.

const SPARKS = '▁▂▃▄▅▆▇█'

/** Columns a string takes in a terminal: emoji and East Asian wide characters 2, combining marks and joiners 0. */
export function displayWidth(text) {
  let width = 0
  for (const char of String(text)) {
    const code = char.codePointAt(0)
    if (code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0x300 && code <= 0x36f)) continue
    const wide =
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x2600 && code <= 0x27bf && [0x2705, 0x274c, 0x26a0, 0x23f3, 0x26d4, 0x2b50].includes(code)) ||
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xff00 && code <= 0xff60) ||
      code === 0x23e9 ||
      code === 0x23ea ||
      code === 0x23f1
    width += wide ? 2 : 1
  }
  return width
}

function pad(text, width) {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)))
}

/** Aligned columns with a rule under the header. */
export function alignedTable(header, rows) {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))))
  const line = (cells) =>
    cells
      .map((c, i) => pad(c ?? '', widths[i]))
      .join('  ')
      .trimEnd()
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)]
}

/** The step's outputs: a multi-line value shows its first line and how many more there are. */
export function outputsTable(outputs) {
  const entries = Object.entries(outputs)
  if (entries.length === 0) return ['(no outputs)']
  return alignedTable(
    ['output', 'value'],
    entries.map(([name, value]) => {
      const lines = String(value).split('\n')
      return [name, lines.length > 1 ? `${lines[0]} … (+${lines.length - 1} lines)` : lines[0]]
    })
  )
}

/** ▁▃█-style sparkline of numbers, scaled from 0 (or the minimum when negative) to the maximum. */
export function sparkline(values) {
  if (values.length === 0) return ''
  const low = Math.min(0, ...values)
  const high = Math.max(...values)
  const span = high - low || 1
  return values.map((v) => SPARKS[Math.min(SPARKS.length - 1, Math.round(((v - low) / span) * (SPARKS.length - 1)))]).join('')
}

function listOf(text) {
  return [...(text ?? '').matchAll(/"([^"]*)"|([^,\s][^,]*)/g)].map((m) => (m[1] ?? m[2]).trim())
}

/** A mermaid block (xychart-beta: title, x-axis labels, bar/line series) → a few lines of text. */
export function mermaidAsText(lines) {
  const title = /title\s+"([^"]*)"/.exec(lines.join('\n'))?.[1]
  const labels = listOf(/x-axis\s*\[([^\]]*)\]/.exec(lines.join('\n'))?.[1])
  const unit = /y-axis\s+"([^"]*)"/.exec(lines.join('\n'))?.[1]
  const series = [...lines.join('\n').matchAll(/\b(bar|line)\s*\[([^\]]*)\]/g)].map((m) => listOf(m[2]).map(Number).filter(Number.isFinite))
  if (series.length === 0) return [`[chart${title ? `: ${title}` : ''} — open summary.md in a Markdown viewer]`]
  const out = [`${title ?? 'chart'}${unit ? ` (${unit})` : ''}`]
  for (const values of series) {
    out.push(`  ${sparkline(values)}  min ${Math.min(...values)}, max ${Math.max(...values)}`)
    if (labels.length === values.length) out.push(`  ${labels.map((l, i) => `${l} ${values[i]}`).join(' · ')}`)
  }
  return out
}

function cells(row) {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => inline(c.trim().replace(/\\\|/g, '|')))
}

/** Inline Markdown → plain text: links as "text (url)", emphasis and code marks and HTML tags dropped. */
export function inline(text) {
  return text
    .replace(/!\[([^\]]*)\]\(([^)]*)\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, (_, label, url) => (label === url ? url : `${label} (${url})`))
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/(^|\W)_([^_]+)_(?=\W|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** The job summary's Markdown as terminal text. */
export function renderSummary(markdown) {
  const lines = markdown.replace(/\r\n/g, '\n').split('\n')
  const out = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const fence = /^\s*```\s*(\w*)/.exec(line)
    if (fence) {
      const body = []
      while (++i < lines.length && !/^\s*```/.test(lines[i])) body.push(lines[i])
      out.push(...(fence[1] === 'mermaid' ? mermaidAsText(body) : body.map((l) => `    ${l}`)))
      continue
    }
    if (/^\s*\|/.test(line)) {
      const block = []
      while (i < lines.length && /^\s*\|/.test(lines[i])) block.push(lines[i++])
      i--
      const rows = block.filter((row) => !/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(row)).map(cells)
      const [header, ...body] = rows
      out.push(...(header.every((h) => h === '') ? alignedTable(header, body).slice(2) : alignedTable(header, body)))
      continue
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const text = inline(heading[2])
      out.push(text, (heading[1].length <= 2 ? '═' : '─').repeat(Math.max(3, displayWidth(text))))
      continue
    }
    const item = /^(\s*)[-*]\s+(.*)$/.exec(line)
    if (item) {
      out.push(`${item[1]}• ${inline(item[2])}`)
      continue
    }
    const quote = /^>\s?(.*)$/.exec(line)
    if (quote) {
      out.push(`│ ${inline(quote[1])}`)
      continue
    }
    const text = inline(line)
    if (text.trim() === '' && line.trim() !== '') continue // a line that was only HTML tags
    out.push(text)
  }
  // No runs of blank lines.
  return out
    .filter((l, i) => !(l.trim() === '' && (i === 0 || out[i - 1].trim() === '')))
    .join('\n')
    .trimEnd()
}
