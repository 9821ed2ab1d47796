import type { Color, DeployRecord, PausedDeployment, TrafficStatus } from '../types.js'
import { otherColor } from '../types.js'

/**
 * The state file the host provider keeps on the server (JSON, written atomically), and how it
 * maps to the engine's TrafficStatus (pure).
 */

export interface ColorRecord {
  version: string
  image?: string
  command?: string
  /** False once stopped (after a promotion's keep-previous, or after a rollback). */
  running: boolean
  startedAt: string
  /** When a stop is scheduled (promotion + keep-previous): past it, the color no longer counts as kept. */
  stopAt?: string
}

export interface HostState {
  schema: 1
  active: Color
  weights: Record<Color, number>
  colors: Partial<Record<Color, ColorRecord>>
  paused?: PausedDeployment
  /** Most recent first, at most the configured history limit. */
  history: DeployRecord[]
  updatedAt: string
}

export function initialState(now: string): HostState {
  return { schema: 1, active: 'blue', weights: { blue: 100, green: 0 }, colors: {}, history: [], updatedAt: now }
}

export function parseState(text: string | undefined, now: string, path: string): HostState {
  if (text === undefined || text.trim() === '') return initialState(now)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new Error(`The state file ${path} on the server is not JSON; fix or remove it (a deploy never writes a partial file)`)
  }
  const state = value as HostState
  const isColor = (c: unknown): c is Color => c === 'blue' || c === 'green'
  if (state?.schema !== 1 || !isColor(state.active) || typeof state.weights?.blue !== 'number' || typeof state.weights?.green !== 'number' || !Array.isArray(state.history)) {
    throw new Error(`The state file ${path} on the server is not a deploy-actions state (schema 1); fix or remove it`)
  }
  return { ...state, colors: state.colors ?? {} }
}

export function serializeState(state: HostState): string {
  return `${JSON.stringify(state, null, 2)}\n`
}

export function toStatus(state: HostState, nowMs: number = Date.now()): TrafficStatus {
  const previous = state.colors[otherColor(state.active)]
  const kept = previous?.running === true && (previous.stopAt === undefined || Date.parse(previous.stopAt) > nowMs)
  return {
    active: state.active,
    activeVersion: state.colors[state.active]?.version,
    previousVersion: kept ? previous.version : undefined,
    weights: { ...state.weights },
    paused: state.paused,
    history: [...state.history]
  }
}

export function withRecord(state: HostState, entry: DeployRecord, limit: number): HostState {
  return { ...state, history: [entry, ...state.history].slice(0, limit) }
}

export function weightsFor(color: Color, percent: number): Record<Color, number> {
  const rounded = Math.round(percent)
  return color === 'blue' ? { blue: rounded, green: 100 - rounded } : { green: rounded, blue: 100 - rounded }
}
