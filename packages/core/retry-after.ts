/**
 * Reads a Retry-After header: delta-seconds or an HTTP date. Returns milliseconds to wait, or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | null | undefined, now: number = Date.now()): number | undefined {
  const header = Array.isArray(value) ? value[0] : value
  if (!header) return undefined
  const trimmed = header.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}
