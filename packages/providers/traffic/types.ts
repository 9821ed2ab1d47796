import type { Logger } from '../../core/log.js'

/**
 * The traffic switch capability: what blue-green-swap's engine asks of a platform. The engine
 * (actions/blue-green-swap/src) decides the phases, the steps, the analysis and when to roll
 * back; a provider only carries each decision out on its platform and reports where it stands.
 *
 * Vocabulary: the *active* color serves production (blue, before a deploy); the *idle* color is
 * where the new version starts (green). A deploy ends with the idle color active (promote) or with
 * every request back on the previously active color (rollback).
 *
 * Every method takes the run's AbortSignal. A provider never leaves a half-applied change: when a
 * call fails it either completed or changed nothing, and `status()` always tells the truth.
 * This file imports no implementation; the factory (factory.ts) loads providers lazily.
 */

export type Color = 'blue' | 'green'

export function otherColor(color: Color): Color {
  return color === 'blue' ? 'green' : 'blue'
}

/** One release the provider can start: an image (docker runtimes, clouds) or a command (process runtime). */
export interface Release {
  /** What is shown and recorded as the version: an image tag or digest, a commit, a label. */
  version: string
  image?: string
  command?: string
  /** Environment for the new version (never logged: values may be secrets). */
  env?: Record<string, string>
}

export interface DeployRecord {
  version: string
  color: Color
  /** ISO time the record was written. */
  at: string
  outcome: 'promoted' | 'rolled-back' | 'aborted'
  reason?: string
}

/** A deployment paused between steps (`pause-after-step`), continued by `promote` or ended by `abort`. */
export interface PausedDeployment {
  color: Color
  version: string
  /** Percent of traffic on `color` while paused. */
  weight: number
  /** The remaining steps, in percent, ending at 100. */
  remainingSteps: number[]
  at: string
}

/** Where the target stands; persisted by the provider (a state file, tags, the platform itself). */
export interface TrafficStatus {
  active: Color
  activeVersion?: string
  /** The version the previously active color runs, if it is still kept (instant rollback). */
  previousVersion?: string
  /** Percent of traffic per color right now (sums to 100). */
  weights: Record<Color, number>
  paused?: PausedDeployment
  /** Most recent first. */
  history: DeployRecord[]
}

/** The idle color, started and ready to be checked directly before it gets user traffic. */
export interface PreparedTarget {
  color: Color
  version: string
  /** Green's own address, bypassing the router (smoke checks run here first). */
  directUrl: string
}

/** A held lock; released exactly once. */
export interface TrafficLock {
  release(): Promise<void>
}

/** One request as the router recorded it, for the `nginx-log` analysis source. */
export interface AccessLogEntry {
  /** Milliseconds since the epoch. */
  time: number
  color: Color | undefined
  status: number
  durationMs: number
}

export interface TrafficProvider {
  readonly name: string
  /** False where the platform has no percentage split: the engine collapses its steps to one switch and says so. */
  readonly supportsWeights: boolean
  /** Who moves the traffic, for the summary: where supportsWeights is false, instead of the steps (default: the provider cannot split it); where it is true, only when the platform moves it in the engine's steps itself. */
  readonly trafficNote?: string
  /** The address users reach (the router, the production hostname). */
  publicUrl(): string

  status(signal: AbortSignal): Promise<TrafficStatus>
  /** Waits up to `timeoutMs` for the target's deploy lock; the error names the holder when it cannot get it. */
  lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock>
  /** Starts `release` on the idle color (replacing whatever stood there) and waits until it runs. Blue is untouched. */
  prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget>
  /** Sends `percent` of traffic to `color`, the rest to the other color. Graceful: in-flight requests finish. */
  shift(color: Color, percent: number, signal: AbortSignal): Promise<void>
  /** Records `color` as active with 100%; the previous color keeps running for `keepPreviousMs`, then stops. */
  promote(color: Color, version: string, keepPreviousMs: number, signal: AbortSignal): Promise<void>
  /** All traffic back to `to` (the previously active color), the failed color stopped, the outcome recorded. */
  rollback(to: Color, reason: string, signal: AbortSignal): Promise<void>
  /** Persists a paused deployment (or clears it with undefined). */
  savePaused(paused: PausedDeployment | undefined, signal: AbortSignal): Promise<void>
  /** Appends to the history kept with the state (bounded by the provider). */
  record(entry: DeployRecord, signal: AbortSignal): Promise<void>
  /** Requests the router logged since `sinceMs`, when the provider can read its access log. */
  readAccessLog?(sinceMs: number, signal: AbortSignal): Promise<AccessLogEntry[]>
  /** Frees connections (SSH sessions, clients). */
  close(): Promise<void>
}

export interface TrafficProviderDeps {
  logger: Logger
  /** Injected so tests can run the clock. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}
