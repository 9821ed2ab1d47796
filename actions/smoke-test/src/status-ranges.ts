import type { StatusRanges } from './check-spec.js'

/**
 * Parses expected statuses: `200`, `200-299,304`, `2xx`, `[200, 204]`. Returns the ranges, or a
 * problem sentence when the value is not a status list.
 */
export function parseStatusRanges(value: unknown): { ranges: StatusRanges } | { problem: string } {
  const parts = Array.isArray(value)
    ? value.map(String)
    : typeof value === 'number'
      ? [String(value)]
      : typeof value === 'string'
        ? value.replace(/\s*-\s*/g, '-').split(/[\s,]+/)
        : undefined
  if (parts === undefined) return { problem: `is ${JSON.stringify(value)}, which is not a status list` }
  const ranges: [number, number][] = []
  for (const raw of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const range = statusRange(raw)
    if (range === undefined) return { problem: `has "${raw}", which is not a status, a range or a class` }
    ranges.push(range)
  }
  if (ranges.length === 0) return { problem: 'is empty' }
  return { ranges }
}

export const STATUS_LIST_EXPECTED = 'HTTP statuses from 100 to 599 as a list, ranges or classes, e.g. 200-299,304 or 2xx'

function statusRange(raw: string): [number, number] | undefined {
  const klass = /^([1-5])xx$/i.exec(raw)
  if (klass) return [Number(klass[1]) * 100, Number(klass[1]) * 100 + 99]
  const range = /^(\d{3})\s*-\s*(\d{3})$/.exec(raw)
  if (range) {
    const [low, high] = [Number(range[1]), Number(range[2])]
    return isStatus(low) && isStatus(high) && low <= high ? [low, high] : undefined
  }
  if (/^\d{3}$/.test(raw) && isStatus(Number(raw))) return [Number(raw), Number(raw)]
  return undefined
}

function isStatus(code: number): boolean {
  return code >= 100 && code <= 599
}

export function statusAllowed(ranges: StatusRanges, status: number): boolean {
  return ranges.some(([low, high]) => status >= low && status <= high)
}

export function describeStatusRanges(ranges: StatusRanges): string {
  return ranges.map(([low, high]) => (low === high ? String(low) : low % 100 === 0 && high === low + 99 ? `${low / 100}xx` : `${low}-${high}`)).join(', ')
}
