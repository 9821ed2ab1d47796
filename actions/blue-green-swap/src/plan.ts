import type { Release } from '../../../packages/providers/traffic/types.js'

/** What the engine is asked to do: the validated, provider-independent half of the inputs. */

export const MODES = ['deploy', 'rollback', 'status', 'promote', 'abort'] as const
export type Mode = (typeof MODES)[number]

export interface SwapPlan {
  mode: Mode
  /** The release to deploy (mode deploy only). */
  release?: Release
  /** Percent of traffic on green at each step, ascending, ending at 100. */
  steps: number[]
  /** How long each step runs before its analysis is judged. */
  bakeMs: number
  /** How long the previous color keeps running after promotion (instant rollback meanwhile). */
  keepPreviousMs: number
  /** Weights after which the deployment pauses for `promote` or `abort` in a later run. */
  pauseAfter: number[]
  /** Consecutive inconclusive analyses that roll back. */
  failureLimit: number
  lockTimeoutMs: number
}
