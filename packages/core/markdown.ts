/** Pure builders for job-summary Markdown. */

export function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>')
}

export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [`| ${header.map(escapeCell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
  for (const row of rows) lines.push(`| ${row.map(escapeCell).join(' | ')} |`)
  return lines.join('\n')
}

/** A mermaid bar chart (renders in job summaries). Labels are quoted; values rounded. */
export function mermaidBarChart(title: string, yLabel: string, bars: readonly { label: string; value: number }[]): string {
  const labels = bars.map((b) => `"${b.label.replace(/"/g, "'").slice(0, 40)}"`).join(', ')
  const values = bars.map((b) => Math.round(b.value)).join(', ')
  const max = Math.max(1, ...bars.map((b) => Math.ceil(b.value)))
  return ['```mermaid', 'xychart-beta', `  title "${title}"`, `  x-axis [${labels}]`, `  y-axis "${yLabel}" 0 --> ${max}`, `  bar [${values}]`, '```'].join('\n')
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}
