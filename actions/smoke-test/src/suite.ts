import { loadJsonPath } from '../../../packages/core/json-path.js'
import type { Logger } from '../../../packages/core/log.js'
import { formatMs } from '../../../packages/core/markdown.js'
import { evaluateBudgets, type SuiteBudgets } from './budgets.js'
import { attempt, failuresOf, readsJsonPath, resolveRequest, runCheck, type CheckContext, type ResolvedRequest, type Send } from './check-runner.js'
import { hasDynamicPlaceholder, type DynamicValues } from './placeholders.js'
import type { CheckSpec, StatusRanges, SuitePlan } from './check-spec.js'
import { runLoad } from './load.js'
import { loadPlan, loadVerdict, type LoadThresholds } from './pacing.js'
import { waitForReady } from './readiness.js'
import type { CheckResult, SuiteResult } from './results.js'
import { runGraph } from './scheduler.js'

/**
 * The run, start to end: wait for readiness, run the checks (concurrently where no capture links
 * them), judge the suite latency budgets, then the optional load phase. Returns what happened;
 * deciding to fail and publishing are the caller's. No @actions import: HTTP and logging injected.
 */

export type ReadinessTarget = { kind: 'url'; url: string; headers: Record<string, string>; timeoutMs: number } | { kind: 'check'; check: CheckSpec }

/** The request the load phase repeats: a plain GET (load-url), or a check's request with its headers and captures (load-check; the first check by default). */
export type LoadRequest = { kind: 'url'; url: string; headers: Record<string, string> } | { kind: 'check'; check: string }

export interface LoadSettings {
  durationMs: number
  rate: number
  request: LoadRequest
  /** Statuses that count as success: the expect-status input for load-url, else the check's. */
  statuses: StatusRanges
  timeoutMs: number
  thresholds: LoadThresholds
}

export interface SuiteSettings {
  plan: SuitePlan
  concurrency: number
  wait?: { target: ReadinessTarget; timeoutMs: number }
  budgets: SuiteBudgets
  load?: LoadSettings
}

export interface SuiteDependencies {
  send: Send
  logger: Logger
  mask: (value: string) => void
  isSecretHeader: (name: string) => boolean
  redact: (text: string) => string
  now?: () => number
  sleep?: (ms: number) => Promise<void>
  /** Folds a long phase (readiness, load) in the log: core.group on a runner; by default just runs it. */
  group?: <T>(name: string, fn: () => Promise<T>) => Promise<T>
  /** Once aborted (a cancelled job), no further check or load request starts. */
  signal?: AbortSignal
  /** Values of {{ uuid }}, {{ now }}, {{ timestamp }} (injected by tests). */
  dynamic?: () => DynamicValues
}

const READY_STATUSES: StatusRanges = [[200, 299]]

export async function runSuite(settings: SuiteSettings, deps: SuiteDependencies): Promise<SuiteResult> {
  const now = deps.now ?? (() => performance.now())
  const started = now()
  const startedAt = new Date().toISOString()
  const captures = new Map<string, string>()
  const ctx: CheckContext = { ...deps, captures, typedCaptures: new Map() }
  const group = deps.group ?? ((_name, fn) => fn())
  if (settings.wait?.target.kind === 'check' && readsJsonPath(settings.wait.target.check)) await loadJsonPath()
  const result: SuiteResult = { startedAt, durationMs: 0, concurrency: settings.concurrency, checks: [], budgets: [] }

  if (settings.wait) {
    const { target, timeoutMs: waitTimeoutMs } = settings.wait
    const request: ResolvedRequest = target.kind === 'url' ? { method: 'GET', url: target.url, headers: target.headers } : resolveRequest(target.check, ctx)
    const expectations = target.kind === 'url' ? { statuses: READY_STATUSES, assertions: [] } : { statuses: target.check.statuses, assertions: target.check.assertions }
    const label = target.kind === 'url' ? deps.redact(target.url) : `check "${target.check.name}"`
    result.readiness = await group(`Readiness: ${label}`, () =>
      waitForReady({
        target: label,
        timeoutMs: waitTimeoutMs,
        attemptTimeoutMs: target.kind === 'url' ? target.timeoutMs : target.check.timeoutMs,
        logger: deps.logger,
        now: deps.now,
        sleep: deps.sleep,
        signal: deps.signal,
        probe: (timeoutMs) =>
          attempt(request, expectations, deps.send, timeoutMs).then(
            () => [],
            (error: unknown) => failuresOf(error).map(deps.redact)
          )
      })
    )
    if (!result.readiness.passed) {
      result.checks = settings.plan.checks.map((check) => notRun(check, deps.redact, `not run: ${label} never became ready`))
      result.durationMs = now() - started
      if (settings.load) result.loadSkipped = 'the application never became ready'
      return result
    }
  }

  deps.logger.info(`Running ${settings.plan.checks.length} ${settings.plan.checks.length === 1 ? 'check' : 'checks'} (concurrency ${settings.concurrency})`)
  const byName = new Map(settings.plan.checks.map((c) => [c.name, c]))
  const results = await runGraph<CheckResult>({
    names: settings.plan.checks.map((c) => c.name),
    dependsOn: settings.plan.dependsOn,
    concurrency: settings.concurrency,
    run: (name) =>
      deps.signal?.aborted ? Promise.resolve(notRun(byName.get(name) as CheckSpec, deps.redact, 'not run: the job was cancelled')) : runCheck(byName.get(name) as CheckSpec, ctx),
    succeeded: (r) => r.status === 'passed',
    skipped: (name, failed) => notRun(byName.get(name) as CheckSpec, deps.redact, `skipped: needs a capture from "${failed}", which did not pass`)
  })
  result.checks = settings.plan.checks.map((c) => results.get(c.name) as CheckResult)
  for (const skipped of result.checks.filter((c) => c.status === 'skipped')) deps.logger.info(`- ${skipped.name}: ${skipped.failures[0]}`)

  const latencies = result.checks.filter((c) => c.latencyMs !== undefined).map((c) => c.latencyMs as number)
  const budgets = evaluateBudgets(latencies, settings.budgets)
  Object.assign(result, { latency: budgets.stats, budgets: budgets.results })

  if (settings.load) {
    if (result.checks.some((c) => c.status !== 'passed')) {
      result.loadSkipped = 'checks failed, so the load phase did not start'
      deps.logger.info(`Load phase not run: ${result.loadSkipped}`)
    } else {
      const load = settings.load
      const check = load.request.kind === 'check' ? byName.get(load.request.check) : undefined
      if (load.request.kind === 'check' && !check) throw new Error(`the load phase names check "${load.request.check}", which is not in the plan`)
      const first: ResolvedRequest = load.request.kind === 'url' ? { method: 'GET', url: load.request.url, headers: load.request.headers } : resolveRequest(check as CheckSpec, ctx)
      // A check with {{ uuid }} and the like gets fresh values for every request; any other request is resolved once.
      const request = check && hasDynamicPlaceholder([check.url, check.headers, check.body]) ? () => resolveRequest(check, ctx) : first
      const plan = loadPlan(load.durationMs, load.rate)
      const what = `${first.method} ${deps.redact(first.url)}${check ? ` (check "${check.name}")` : ''}`
      const verdict = await group(`Load phase: ${what} at ${load.rate}/s for ${formatMs(load.durationMs)}`, async () => {
        deps.logger.info(`Load phase: ${what} at ${load.rate}/s for ${formatMs(load.durationMs)} (${plan.total} requests)`)
        const { samples, elapsedMs } = await runLoad({
          plan,
          request,
          statuses: load.statuses,
          timeoutMs: load.timeoutMs,
          send: deps.send,
          logger: deps.logger,
          now: deps.now,
          sleep: deps.sleep,
          signal: deps.signal
        })
        const judged = loadVerdict(samples, elapsedMs, load.thresholds)
        judged.topErrors = judged.topErrors.map((e) => ({ ...e, reason: deps.redact(e.reason) }))
        const p95 = judged.latency ? formatMs(judged.latency.p95) : '—'
        deps.logger.info(`Load phase: ${judged.requests} requests, ${judged.errors} errors, p95 ${p95}${judged.failures.length > 0 ? ` — ${judged.failures.join('; ')}` : ''}`)
        return judged
      })
      result.load = { method: first.method, url: deps.redact(first.url), check: check?.name, durationMs: load.durationMs, rate: load.rate, thresholds: load.thresholds, verdict }
    }
  }
  result.durationMs = now() - started
  return result
}

function notRun(check: CheckSpec, redact: (text: string) => string, reason: string): CheckResult {
  return { name: check.name, method: check.method, url: redact(check.url), status: 'skipped', attempts: 0, failures: [reason], captured: [] }
}
