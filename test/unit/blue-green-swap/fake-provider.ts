import {
  otherColor,
  type Color,
  type DeployRecord,
  type PausedDeployment,
  type PreparedTarget,
  type Release,
  type TrafficLock,
  type TrafficProvider,
  type TrafficStatus,
  type AccessLogEntry
} from '../../../packages/providers/traffic/types.js'

/**
 * An in-memory traffic provider for the engine's tests: it keeps the same state a real provider
 * persists, records every call, and can be told to fail or to block a call until released.
 */
export interface FakeOptions {
  active?: Color
  activeVersion?: string
  previousVersion?: string
  paused?: PausedDeployment
  weights?: Record<Color, number>
  supportsWeights?: boolean
  /** Calls that throw: method name → error message. */
  failOn?: Partial<Record<'prepare' | 'shift' | 'promote' | 'rollback', string>>
  accessLog?: AccessLogEntry[]
}

export interface SharedLock {
  holder?: string
  waiters: (() => void)[]
}

export class FakeTrafficProvider implements TrafficProvider {
  readonly name = 'fake'
  readonly supportsWeights: boolean
  readonly calls: string[] = []
  state: TrafficStatus
  /** Versions running per color (a stopped color has none). */
  running: Partial<Record<Color, string>> = {}
  /** Called at the start of `shift`, e.g. to cancel the run mid-shift. */
  onShift?: (color: Color, percent: number) => void
  lockState: SharedLock

  constructor(
    private readonly options: FakeOptions = {},
    lock?: SharedLock
  ) {
    const active = options.active ?? 'blue'
    this.supportsWeights = options.supportsWeights ?? true
    this.state = {
      active,
      activeVersion: options.activeVersion ?? 'v1',
      ...(options.previousVersion ? { previousVersion: options.previousVersion } : {}),
      weights: options.weights ?? ({ [active]: 100, [otherColor(active)]: 0 } as Record<Color, number>),
      ...(options.paused ? { paused: options.paused } : {}),
      history: []
    }
    this.running[active] = this.state.activeVersion
    if (options.previousVersion) this.running[otherColor(active)] = options.previousVersion
    if (options.paused) this.running[options.paused.color] = options.paused.version
    this.lockState = lock ?? { waiters: [] }
  }

  publicUrl(): string {
    return 'http://router.test'
  }

  async status(): Promise<TrafficStatus> {
    this.calls.push('status')
    return structuredClone(this.state)
  }

  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    this.calls.push(`lock ${owner}`)
    const deadline = Date.now() + timeoutMs
    while (this.lockState.holder !== undefined) {
      if (Date.now() >= deadline) throw new Error(`the deploy lock is held by ${this.lockState.holder}; waited ${timeoutMs} ms`)
      signal.throwIfAborted()
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()))
        this.lockState.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    this.lockState.holder = owner
    let released = false
    return {
      release: async () => {
        if (released) throw new Error('released twice')
        released = true
        this.calls.push(`unlock ${owner}`)
        this.lockState.holder = undefined
        for (const wake of this.lockState.waiters.splice(0)) wake()
      }
    }
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    signal.throwIfAborted()
    this.calls.push(`prepare ${release.version}`)
    if (this.options.failOn?.prepare) throw new Error(this.options.failOn.prepare)
    const color = otherColor(this.state.active)
    this.running[color] = release.version
    return { color, version: release.version, directUrl: `http://${color}.test` }
  }

  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    this.calls.push(`shift ${color} ${percent}`)
    this.onShift?.(color, percent)
    signal.throwIfAborted()
    if (this.options.failOn?.shift) throw new Error(this.options.failOn.shift)
    this.state.weights = { [color]: percent, [otherColor(color)]: 100 - percent } as Record<Color, number>
  }

  async promote(color: Color, version: string, keepPreviousMs: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted()
    this.calls.push(`promote ${color} ${version} keep ${keepPreviousMs}`)
    if (this.options.failOn?.promote) throw new Error(this.options.failOn.promote)
    const previous = this.state.activeVersion
    this.state = { ...this.state, active: color, activeVersion: version, previousVersion: previous, weights: { [color]: 100, [otherColor(color)]: 0 } as Record<Color, number> }
    delete this.state.paused
  }

  async rollback(to: Color, reason: string, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted()
    this.calls.push(`rollback ${to}`)
    if (this.options.failOn?.rollback) throw new Error(this.options.failOn.rollback)
    const failed = otherColor(to)
    const failedVersion = this.running[failed] ?? 'unknown'
    delete this.running[failed]
    const activeVersion = this.running[to]
    this.state = { active: to, ...(activeVersion ? { activeVersion } : {}), weights: { [to]: 100, [failed]: 0 } as Record<Color, number>, history: this.state.history }
    this.state.history.unshift({ version: failedVersion, color: failed, at: '2026-11-29T10:00:00.000Z', outcome: 'rolled-back', reason })
  }

  async savePaused(paused: PausedDeployment | undefined): Promise<void> {
    this.calls.push(paused ? `pause ${paused.weight}` : 'unpause')
    if (paused) this.state.paused = paused
    else delete this.state.paused
  }

  async record(entry: DeployRecord): Promise<void> {
    this.calls.push(`record ${entry.outcome} ${entry.version}`)
    this.state.history.unshift(entry)
  }

  async readAccessLog(sinceMs: number): Promise<AccessLogEntry[]> {
    return (this.options.accessLog ?? []).filter((e) => e.time >= sinceMs)
  }

  async close(): Promise<void> {}
}
