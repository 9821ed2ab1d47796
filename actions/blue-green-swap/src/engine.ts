import type { Logger } from '../../../packages/core/log.js'
import { formatMs } from '../../../packages/core/markdown.js'
import { otherColor, type Color, type PreparedTarget, type TrafficProvider, type TrafficStatus } from '../../../packages/providers/traffic/types.js'
import { stepVerdict, type AnalysisFigure, type AnalysisSource } from './analysis/types.js'
import type { SwapPlan } from './plan.js'
import type { GreenCheck, Outcome, PhaseTiming, StepRecord, SwapResult } from './result.js'
import { abortableSleep } from './sleep.js'

/**
 * The phases of a blue-green swap, independent of the platform: prepare green → check it directly →
 * shift traffic step by step, baking and analysing at each → promote, or roll back. Everything the
 * platform does goes through the provider; the clock, the sleep and the checks are injected, so the
 * engine is tested with an in-memory provider. No @actions import.
 */

export interface EngineDeps {
  provider: TrafficProvider
  analysis: readonly AnalysisSource[]
  /** Runs the checks against green's own address before it gets user traffic. */
  verifyGreen(target: PreparedTarget, signal: AbortSignal): Promise<GreenCheck>
  logger: Logger
  /** Who holds the lock (shown to a second run waiting for it). */
  owner: string
  /** The run's cancellation (SIGINT/SIGTERM). */
  signal: AbortSignal
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Time the rollback after a cancellation may take (the runner kills the job a few seconds after cancelling). */
  cleanupTimeoutMs?: number
}

export class CancelledError extends Error {
  constructor(detail: string) {
    super(`cancelled: ${detail}`)
    this.name = 'CancelledError'
  }
}

class Timeline {
  readonly phases: PhaseTiming[] = []
  private readonly started: number
  constructor(private readonly now: () => number) {
    this.started = now()
  }
  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const start = this.now()
    try {
      return await work()
    } finally {
      this.phases.push({ phase, startMs: start - this.started, durationMs: this.now() - start })
    }
  }
}

export async function runSwap(plan: SwapPlan, deps: EngineDeps): Promise<SwapResult> {
  const now = deps.now ?? Date.now
  const timeline = new Timeline(now)
  const { provider, logger, signal } = deps
  if (plan.mode === 'status') {
    const status = await provider.status(signal)
    return finish(plan, deps, timeline, status, 'status', describe(status), [], false)
  }
  const lock = await timeline.time('lock', () => provider.lock(deps.owner, plan.lockTimeoutMs, signal))
  try {
    const status = await provider.status(signal)
    switch (plan.mode) {
      case 'deploy':
        return await deploy(plan, deps, timeline, status)
      case 'promote':
        return await promote(plan, deps, timeline, status)
      case 'rollback':
        return await rollbackMode(plan, deps, timeline, status)
      case 'abort':
        return await abort(plan, deps, timeline, status)
    }
  } finally {
    await lock.release().catch((error: unknown) => logger.warning(`could not release the deploy lock: ${message(error)}`))
  }
}

async function deploy(plan: SwapPlan, deps: EngineDeps, timeline: Timeline, status: TrafficStatus): Promise<SwapResult> {
  const release = plan.release
  if (!release) throw new Error('mode deploy needs a release')
  const { provider, logger, signal } = deps
  const blue = status.active
  if (status.paused) {
    throw new Error(
      `${status.paused.version} is paused at ${status.paused.weight}% on ${status.paused.color}; continue it with mode: promote or end it with mode: abort before deploying again`
    )
  }
  if (status.weights[blue] !== 100) {
    throw new Error(`traffic is split (${status.weights[otherColor(blue)]}% on ${otherColor(blue)}) with no paused deployment recorded; run mode: rollback first`)
  }
  if (status.activeVersion === release.version) {
    const reason = `${release.version} is already live on ${blue} with 100% of traffic; nothing to do`
    logger.info(reason)
    return finish(plan, deps, timeline, status, 'unchanged', reason, [], false)
  }

  logger.info(`Deploying ${release.version}: ${blue} (${status.activeVersion ?? 'no version recorded'}) stays live while ${otherColor(blue)} starts`)
  let target: PreparedTarget
  try {
    target = await timeline.time('prepare', () => provider.prepare(release, signal))
  } catch (error) {
    return rollBack(plan, deps, timeline, blue, [], signal.aborted ? cancelReason(signal) : `${otherColor(blue)} did not start: ${message(error)}`)
  }
  logger.info(`${target.color} runs ${target.version} at ${target.directUrl}; checking it directly before it gets traffic`)
  let check: GreenCheck
  try {
    check = await timeline.time('verify', () => deps.verifyGreen(target, signal))
  } catch (error) {
    check = { passed: false, detail: message(error) }
  }
  if (signal.aborted) return rollBack(plan, deps, timeline, blue, [], cancelReason(signal), check)
  if (!check.passed) return rollBack(plan, deps, timeline, blue, [], `${target.color} failed its checks before getting traffic: ${check.detail}`, check)
  logger.info(`${target.color} passed its checks: ${check.detail}`)
  return shiftSteps(plan, deps, timeline, { blue, green: target.color, version: release.version, steps: plan.steps, firstStep: 1, doneSteps: [] }, check)
}

interface Shift {
  blue: Color
  green: Color
  version: string
  /** Weights still to apply. */
  steps: number[]
  /** Number of the first step in `steps` (a promoted deployment continues the count). */
  firstStep: number
  /** Steps already run in this run. */
  doneSteps: StepRecord[]
}

type StepsEnd = { kind: 'rollback'; reason: string } | { kind: 'paused'; reason: string } | { kind: 'promoted' }

async function shiftSteps(plan: SwapPlan, deps: EngineDeps, timeline: Timeline, shift: Shift, check?: GreenCheck): Promise<SwapResult> {
  const { provider, logger, signal } = deps
  const records = [...shift.doneSteps]
  let end: StepsEnd
  try {
    end = await runSteps(plan, deps, timeline, shift, records)
  } catch (error) {
    end = { kind: 'rollback', reason: signal.aborted ? cancelReason(signal) : `the switch failed: ${message(error)}` }
  }
  if (end.kind === 'rollback') return rollBack(plan, deps, timeline, shift.blue, records, end.reason, check)
  const status = await provider.status(signal)
  if (end.kind === 'paused') return finish(plan, deps, timeline, status, 'paused', end.reason, records, false, check)
  const reason = `${shift.version} is live on ${shift.green}; ${shift.blue} keeps running for ${formatMs(plan.keepPreviousMs)} for an instant rollback`
  logger.info(reason)
  return finish(plan, deps, timeline, status, 'promoted', reason, records, false, check)
}

/** Shifts, bakes and judges each step; throws when the provider fails (the caller rolls back). */
async function runSteps(plan: SwapPlan, deps: EngineDeps, timeline: Timeline, shift: Shift, records: StepRecord[]): Promise<StepsEnd> {
  const { provider, logger, signal } = deps
  const now = deps.now ?? Date.now
  const sleep = deps.sleep ?? abortableSleep
  const steps = provider.supportsWeights ? shift.steps : [100]
  if (!provider.supportsWeights && shift.steps.length > 1) logger.info(`${provider.name} cannot split traffic by percent: one switch to 100% instead of steps ${shift.steps.join(', ')}`)
  let inconclusive = 0
  for (const [index, weight] of steps.entries()) {
    const number = shift.firstStep + index
    const record: StepRecord = { step: number, weight, shiftMs: 0, figures: [] }
    records.push(record)
    const shiftStart = now()
    await timeline.time(`shift ${weight}%`, () => provider.shift(shift.green, weight, signal))
    record.shiftMs = now() - shiftStart
    logger.info(`Step ${number}: ${weight}% of traffic on ${shift.green} (${shift.version}) after ${formatMs(record.shiftMs)}`)
    if (plan.bakeMs > 0) {
      record.figures = await timeline.time(`bake ${weight}%`, () =>
        bake(plan, deps, sleep, { step: number, color: shift.green, version: shift.version, weight, startMs: now(), bakeMs: plan.bakeMs })
      )
      record.verdict = record.figures.length > 0 ? stepVerdict(record.figures) : undefined
      for (const figure of record.figures) logger.info(`  ${figure.name}: ${figure.verdict} — ${figure.detail}`)
      if (record.verdict === 'fail') {
        const failed = record.figures.filter((f) => f.verdict === 'fail')
        return { kind: 'rollback', reason: `analysis failed at ${weight}%: ${failed.map((f) => `${f.name} (${f.detail})`).join('; ')}` }
      }
      inconclusive = record.verdict === 'inconclusive' ? inconclusive + 1 : 0
      if (inconclusive >= plan.failureLimit) {
        return {
          kind: 'rollback',
          reason: `${inconclusive} consecutive inconclusive ${inconclusive === 1 ? 'analysis' : 'analyses'} (failure-limit ${plan.failureLimit}), last at ${weight}%`
        }
      }
    }
    const remaining = steps.slice(index + 1)
    if (remaining.length > 0 && plan.pauseAfter.includes(weight)) {
      await provider.savePaused({ color: shift.green, version: shift.version, weight, remainingSteps: remaining, at: new Date(now()).toISOString() }, signal)
      const reason = `paused at ${weight}% on ${shift.green} (${shift.version}); continue with mode: promote (steps ${remaining.join(', ')}) or end with mode: abort`
      logger.info(reason)
      return { kind: 'paused', reason }
    }
  }
  await timeline.time('promote', () => provider.promote(shift.green, shift.version, plan.keepPreviousMs, signal))
  await provider.record({ version: shift.version, color: shift.green, at: new Date(now()).toISOString(), outcome: 'promoted' }, signal)
  return { kind: 'promoted' }
}

/** One bake: the `during` sources run for the whole bake, the `after` sources are evaluated at its end. */
async function bake(plan: SwapPlan, deps: EngineDeps, sleep: NonNullable<EngineDeps['sleep']>, window: Parameters<AnalysisSource['run']>[0]): Promise<AnalysisFigure[]> {
  const during = deps.analysis.filter((s) => s.when === 'during')
  const after = deps.analysis.filter((s) => s.when === 'after')
  deps.logger.info(`  baking ${formatMs(plan.bakeMs)}${deps.analysis.length > 0 ? ` with analysis: ${deps.analysis.map((s) => s.name).join(', ')}` : ''}`)
  const duringFigures = await Promise.all([bakeWait(plan.bakeMs, window.weight, deps, sleep).then(() => []), ...during.map((source) => guarded(source, window, deps.signal))])
  const afterFigures = await Promise.all(after.map((source) => guarded(source, window, deps.signal)))
  return [...duringFigures.flat(), ...afterFigures.flat()]
}

const BAKE_PROGRESS_MS = 15_000

/** Waits out the bake in slices, saying how far it is, so a long bake never looks stuck. */
async function bakeWait(bakeMs: number, weight: number, deps: EngineDeps, sleep: NonNullable<EngineDeps['sleep']>): Promise<void> {
  let waited = 0
  while (waited < bakeMs) {
    const slice = Math.min(BAKE_PROGRESS_MS, bakeMs - waited)
    await sleep(slice, deps.signal)
    waited += slice
    if (waited < bakeMs) deps.logger.info(`  … baking at ${weight}%: ${formatMs(waited)} of ${formatMs(bakeMs)}`)
  }
}

/** A source that throws is inconclusive (its figures are missing), not a failed deployment; a cancellation still stops the run. */
async function guarded(source: AnalysisSource, window: Parameters<AnalysisSource['run']>[0], signal: AbortSignal): Promise<AnalysisFigure[]> {
  try {
    return await source.run(window, signal)
  } catch (error) {
    if (signal.aborted) throw error
    return [{ source: source.name, name: source.name, verdict: 'inconclusive', detail: `no figures: ${message(error)}` }]
  }
}

async function promote(plan: SwapPlan, deps: EngineDeps, timeline: Timeline, status: TrafficStatus): Promise<SwapResult> {
  const paused = status.paused
  if (!paused) {
    const reason = `no deployment is paused; ${status.activeVersion ?? 'the active version'} is live on ${status.active}; nothing to promote`
    deps.logger.info(reason)
    return finish(plan, deps, timeline, status, 'unchanged', reason, [], false)
  }
  deps.logger.info(`Continuing ${paused.version} on ${paused.color} from ${paused.weight}%: steps ${paused.remainingSteps.join(', ')}`)
  await deps.provider.savePaused(undefined, deps.signal)
  return shiftSteps(plan, deps, timeline, { blue: status.active, green: paused.color, version: paused.version, steps: paused.remainingSteps, firstStep: 1, doneSteps: [] })
}

async function abort(plan: SwapPlan, deps: EngineDeps, timeline: Timeline, status: TrafficStatus): Promise<SwapResult> {
  const paused = status.paused
  if (!paused) {
    const reason = `no deployment is paused; nothing to abort (${status.activeVersion ?? 'the active version'} is live on ${status.active})`
    deps.logger.info(reason)
    return finish(plan, deps, timeline, status, 'unchanged', reason, [], false)
  }
  const result = await rollBack(plan, deps, timeline, status.active, [], `aborted: ${paused.version} was paused at ${paused.weight}% on ${paused.color}`)
  return { ...result, outcome: 'aborted', failed: false }
}

async function rollbackMode(plan: SwapPlan, deps: EngineDeps, timeline: Timeline, status: TrafficStatus): Promise<SwapResult> {
  const active = status.active
  // A deployment still under way (paused or split): all traffic back to the active color.
  if (status.paused || status.weights[active] !== 100) {
    return { ...(await rollBack(plan, deps, timeline, active, [], 'rollback requested while a deployment was under way')), failed: false }
  }
  if (status.previousVersion === undefined) {
    const last = status.history[0]
    const reason =
      last?.outcome === 'rolled-back'
        ? `already rolled back: ${status.activeVersion ?? 'the active version'} is live on ${active} (${last.version} was rolled back at ${last.at})`
        : `nothing to roll back to: no previous version is kept running beside ${status.activeVersion ?? 'the active version'} on ${active}`
    deps.logger.info(reason)
    return finish(plan, deps, timeline, status, 'unchanged', reason, [], last?.outcome !== 'rolled-back')
  }
  const previous = otherColor(active)
  return { ...(await rollBack(plan, deps, timeline, previous, [], `rollback requested: back to ${status.previousVersion} on ${previous}`)), failed: false }
}

async function rollBack(plan: SwapPlan, deps: EngineDeps, timeline: Timeline, to: Color, steps: StepRecord[], reason: string, check?: GreenCheck): Promise<SwapResult> {
  const { provider, logger } = deps
  // After a cancellation the run's own signal is aborted; the way back gets a signal of its own.
  const signal = deps.signal.aborted ? AbortSignal.timeout(deps.cleanupTimeoutMs ?? 6000) : deps.signal
  logger.warning(`Rolling back to ${to}: ${reason}`)
  await timeline.time('rollback', () => provider.rollback(to, reason, signal))
  const status = await provider.status(signal)
  const result = finish(plan, deps, timeline, status, 'rolled-back', reason, steps, plan.mode === 'deploy' || plan.mode === 'promote', check)
  if (deps.signal.aborted) throw Object.assign(new CancelledError(`traffic is back on ${to}`), { result })
  return result
}

function finish(
  plan: SwapPlan,
  deps: EngineDeps,
  timeline: Timeline,
  status: TrafficStatus,
  outcome: Outcome,
  reason: string,
  steps: StepRecord[],
  failed: boolean,
  check?: GreenCheck
): SwapResult {
  const previousColor = status.previousVersion !== undefined ? otherColor(status.active) : undefined
  const { provider } = deps
  // A provider that takes the steps but moves the traffic itself (ECS CANARY / LINEAR) says so too.
  const switchNote =
    steps.length === 0
      ? undefined
      : !provider.supportsWeights
        ? `${provider.trafficNote ?? `${provider.name} cannot split traffic by percent`}: one switch${plan.steps.length > 1 ? ` instead of steps ${plan.steps.join(', ')}` : ''}`
        : provider.trafficNote
  return {
    mode: plan.mode,
    outcome,
    activeColor: status.active,
    ...(previousColor ? { previousColor } : {}),
    ...(status.activeVersion !== undefined ? { activeVersion: status.activeVersion } : {}),
    ...(status.previousVersion !== undefined ? { previousVersion: status.previousVersion } : {}),
    url: deps.provider.publicUrl(),
    rolledBack: outcome === 'rolled-back' || outcome === 'aborted',
    reason,
    phases: timeline.phases,
    steps,
    ...(check ? { greenCheck: check } : {}),
    ...(switchNote ? { switchNote } : {}),
    status,
    failed
  }
}

function describe(status: TrafficStatus): string {
  const split = status.weights[status.active] === 100 ? '100%' : `${status.weights[status.active]}% (${status.weights[otherColor(status.active)]}% on ${otherColor(status.active)})`
  const paused = status.paused ? `; ${status.paused.version} paused at ${status.paused.weight}% on ${status.paused.color}` : ''
  return `${status.activeVersion ?? 'no version recorded'} is live on ${status.active} with ${split}${paused}`
}

function cancelReason(signal: AbortSignal): string {
  return `the job was cancelled (${message(signal.reason)})`
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
