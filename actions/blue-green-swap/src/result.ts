import type { Color, TrafficStatus } from '../../../packages/providers/traffic/types.js'
import type { AnalysisFigure, Verdict } from './analysis/types.js'
import type { Mode } from './plan.js'

/** What a run did, as plain data: the input of the outputs and of the job summary. */

export type Outcome = 'promoted' | 'rolled-back' | 'paused' | 'aborted' | 'unchanged' | 'status'

export interface PhaseTiming {
  phase: string
  /** Milliseconds from the start of the run. */
  startMs: number
  durationMs: number
}

export interface StepRecord {
  step: number
  weight: number
  /** Time the shift to this weight took. */
  shiftMs: number
  figures: AnalysisFigure[]
  verdict?: Verdict
}

export interface GreenCheck {
  passed: boolean
  /** One line: what passed, or why it failed. */
  detail: string
}

export interface SwapResult {
  mode: Mode
  outcome: Outcome
  activeColor: Color
  previousColor?: Color
  activeVersion?: string
  previousVersion?: string
  url: string
  rolledBack: boolean
  reason: string
  phases: PhaseTiming[]
  steps: StepRecord[]
  greenCheck?: GreenCheck
  /** Set where the provider has no percentage split: the steps collapsed to one switch, and who moved the traffic. */
  switchNote?: string
  /** Where things stand at the end. */
  status?: TrafficStatus
  /** The run fails (after the outputs and summary are written): a deploy or promote that rolled back. */
  failed: boolean
}
