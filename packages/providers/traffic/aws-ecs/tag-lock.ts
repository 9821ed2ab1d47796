import type { Logger } from '../../../core/log.js'
import { waitUntil } from '../../../core/poll.js'
import type { TrafficLock } from '../types.js'
import { TAG, lockTag, readTagState, type StateTag } from './state-tags.js'

/** A lock left by a run that died expires; a live run holds it for at most a job's lifetime. */
const LOCK_TTL_MS = 6 * 60 * 60_000

/** Where the lock tag lives: the listener (alb-weights) or the service (native). */
export interface TagStore {
  /** "listener tag", "service tag": named in the error when the lock cannot be taken. */
  kind: string
  /** Names the wait: "the deploy lock on <resource>". */
  resource: string
  read(signal: AbortSignal): Promise<StateTag[]>
  write(tags: Record<string, string>, signal: AbortSignal): Promise<void>
  remove(keys: string[], signal: AbortSignal): Promise<void>
}

export interface TagLockClock {
  logger: Logger
  sleep: (ms: number) => Promise<void>
  now: () => number
  pollIntervalMs?: number
  maxPollIntervalMs?: number
}

/** The deploy lock both modes keep in a tag, waited for up to `timeoutMs` with progress; released exactly once, and only by its holder. */
export async function takeTagLock(store: TagStore, owner: string, timeoutMs: number, signal: AbortSignal, clock: TagLockClock): Promise<TrafficLock> {
  const wanted = lockTag(owner, 0).slice(2)
  await waitUntil({
    what: `the deploy lock on ${store.resource}`,
    timeoutMs,
    intervalMs: clock.pollIntervalMs ?? 5_000,
    maxIntervalMs: clock.maxPollIntervalMs ?? 30_000,
    sleep: clock.sleep,
    now: clock.now,
    signal,
    onProgress: ({ status }) => clock.logger.info(`Waiting for the deploy lock: ${status}`),
    check: async () => {
      const held = readTagState(await store.read(signal)).lock
      if (held && held.owner !== wanted && held.expiresAt > clock.now()) return { done: false, status: `held by ${held.owner}` }
      await store.write({ [TAG.lock]: lockTag(owner, clock.now() + LOCK_TTL_MS) }, signal)
      // Tags are not conditional: read back, and a run that wrote at the same instant keeps waiting.
      const after = readTagState(await store.read(signal)).lock
      return after?.owner === wanted ? { done: true, value: undefined } : { done: false, status: `held by ${after?.owner ?? 'nobody'}` }
    }
  }).catch((error: unknown) => {
    throw new Error(`could not take the deploy lock (${store.kind} ${TAG.lock}): ${error instanceof Error ? error.message : String(error)}; remove the tag if its holder is gone`)
  })
  let released = false
  return {
    release: async () => {
      if (released) return
      released = true
      const held = readTagState(await store.read(AbortSignal.timeout(60_000))).lock
      if (held?.owner === wanted) await store.remove([TAG.lock], AbortSignal.timeout(60_000))
    }
  }
}
