import { InputError } from '../../../../core/input-error.js'

/**
 * Which of ECS's own deployment strategies runs the engine's `steps` in native mode (pure):
 * `100` → BLUE_GREEN (one switch); `P,100` → CANARY (canaryPercent P); equal increments such as
 * `25,50,75,100` → LINEAR (stepPercent 25). ECS bakes each step itself, so the engine's `bake`
 * becomes its per-step bake time, in whole minutes (ECS has no finer unit). Any other shape is an
 * InputError: ECS could not run it, and reshaping it silently would deploy something else.
 */

export type NativeStrategy = { kind: 'BLUE_GREEN' } | { kind: 'CANARY'; canaryPercent: number; stepBakeMinutes: number } | { kind: 'LINEAR'; stepPercent: number; stepBakeMinutes: number }

/** ECS's bounds: canaryPercent 0.1–100, stepPercent 3–100, step bake times 0–1440 minutes (0 would leave no time for the analysis). */
const MIN_LINEAR_STEP = 3
const MAX_STEP_BAKE_MINUTES = 1440

const SHAPES = '100 (BLUE_GREEN, one switch), P,100 (CANARY, such as 10,100) or equal increments ending at 100 (LINEAR, such as 25,50,75,100 or 10,20,…,100)'

export function nativeStrategy(steps: number[], bakeMs: number): NativeStrategy {
  if (steps.length === 1) return { kind: 'BLUE_GREEN' }
  const first = steps[0]
  const equal = steps.every((step, index) => step === first * (index + 1))
  const kind = steps.length === 2 ? 'CANARY' : equal ? 'LINEAR' : undefined
  if (!kind) throw new InputError('steps', `is ${steps.join(',')}, a shape ECS native deployments cannot run with ecs-service`, SHAPES)
  if (kind === 'LINEAR' && first < MIN_LINEAR_STEP) throw new InputError('steps', `moves ${first}% per step, below ECS's smallest linear step (${MIN_LINEAR_STEP}%)`, SHAPES)
  const stepBakeMinutes = stepBake(bakeMs, kind)
  return kind === 'CANARY' ? { kind, canaryPercent: first, stepBakeMinutes } : { kind, stepPercent: first, stepBakeMinutes }
}

function stepBake(bakeMs: number, kind: 'CANARY' | 'LINEAR'): number {
  const expected = `whole minutes from 1m to ${MAX_STEP_BAKE_MINUTES}m (ECS's ${kind === 'CANARY' ? 'canaryBakeTimeInMinutes' : 'stepBakeTimeInMinutes'}), such as 5m`
  if (bakeMs < 60_000) throw new InputError('bake', `is ${bakeMs === 0 ? 'empty' : 'under a minute'}, but ECS's ${kind} strategy bakes each step in whole minutes`, expected)
  if (bakeMs % 60_000 !== 0) throw new InputError('bake', `is not a whole number of minutes, which ECS's ${kind} strategy cannot express`, expected)
  if (bakeMs > MAX_STEP_BAKE_MINUTES * 60_000) throw new InputError('bake', `is longer than ECS's longest step bake time (${MAX_STEP_BAKE_MINUTES} minutes)`, expected)
  return bakeMs / 60_000
}

/** The engine's steps ECS takes with this strategy (what shift() is asked for). */
export function strategySteps(strategy: NativeStrategy): number[] {
  if (strategy.kind === 'BLUE_GREEN') return [100]
  if (strategy.kind === 'CANARY') return [strategy.canaryPercent, 100]
  return Array.from({ length: Math.round(100 / strategy.stepPercent) }, (_, index) => (index + 1) * strategy.stepPercent)
}

/** For the summary and the log: how ECS moves the traffic. */
export function strategyNote(strategy: NativeStrategy): string {
  const minutes = (count: number) => `${count} ${count === 1 ? 'minute' : 'minutes'}`
  switch (strategy.kind) {
    case 'BLUE_GREEN':
      return "ECS moves the traffic (the service's BLUE_GREEN deployment: test traffic, production traffic, then its bake time with blue still up)"
    case 'CANARY':
      return `ECS moves the traffic in steps ${strategySteps(strategy).join(', ')} (the service's CANARY deployment: ${strategy.canaryPercent}%, ${minutes(strategy.stepBakeMinutes)} canary bake, then 100% and its bake time with blue still up)`
    case 'LINEAR':
      return `ECS moves the traffic in steps ${strategySteps(strategy).join(', ')} (the service's LINEAR deployment: ${strategy.stepPercent}% per step, ${minutes(strategy.stepBakeMinutes)} step bake, then its bake time at 100% with blue still up)`
  }
}
