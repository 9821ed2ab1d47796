import type { Logger } from '../core/log.js'
import { formatBytes } from '../core/markdown.js'

/** Progress lines for long streams: bytes done and the rate since the start. */

export function progressLine(label: string, bytes: number, elapsedMs: number, extra = ''): string {
  const rate = elapsedMs > 0 ? (bytes / elapsedMs) * 1000 : 0
  return `${label}: ${formatBytes(bytes)} in ${(elapsedMs / 1000).toFixed(0)} s (${formatBytes(rate)}/s)${extra ? `, ${extra}` : ''}`
}

/** Logs `line()` every `intervalMs` until stopped. */
export function startProgress(logger: Logger, intervalMs: number, line: (elapsedMs: number) => string, now: () => number = () => performance.now()): { stop(): void } {
  const started = now()
  const timer = setInterval(() => logger.info(line(now() - started)), intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
