import type { Logger } from '../../core/log.js'
import { pollClock, waitUntil, type PollClock, type PollResult } from '../../core/poll.js'
import type { ClientDeps } from './api-call.js'
import type { TrafficProviderDeps } from './types.js'

/** The injected sleep without the signal (the callers abort between sleeps themselves), or undefined for the real one. */
export function injectedSleep(deps: Pick<TrafficProviderDeps, 'sleep'>): ((ms: number) => Promise<void>) | undefined {
  const { sleep } = deps
  return sleep ? (ms: number) => sleep(ms) : undefined
}

export function clientDeps(deps: TrafficProviderDeps): ClientDeps {
  const sleep = injectedSleep(deps)
  return { logger: deps.logger, ...(sleep ? { sleep } : {}) }
}

/** A platform's poll clock: its poll interval, doubling up to 15 s (or up to the interval itself when that is longer). */
export function platformClock(deps: TrafficProviderDeps, pollIntervalMs: number): PollClock {
  const sleep = injectedSleep(deps)
  return pollClock({ ...(sleep ? { sleep } : {}), pollIntervalMs, maxPollIntervalMs: Math.max(pollIntervalMs, 15_000) })
}

/** Polls `check` until done, a progress line per poll; `first` is a result already in hand, returned at once when done. */
export async function waitWithProgress<T>(
  clock: PollClock,
  logger: Logger,
  what: string,
  timeoutMs: number,
  signal: AbortSignal,
  check: () => Promise<PollResult<T>>,
  first?: PollResult<T>
): Promise<T> {
  if (first?.done) return first.value
  return waitUntil({
    what,
    timeoutMs,
    intervalMs: clock.intervalMs,
    maxIntervalMs: clock.maxIntervalMs,
    check,
    onProgress: ({ status, elapsedMs }) => logger.info(`  … waiting for ${what}: ${status} (${Math.round(elapsedMs / 1000)}s)`),
    sleep: clock.sleep,
    now: clock.now,
    signal
  })
}
