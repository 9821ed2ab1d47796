import type { Logger } from '../../../packages/core/log.js'
import { formatMs } from '../../../packages/core/markdown.js'
import { evaluateBudgets, type SuiteBudgets } from './budgets.js'
import { attempt, failuresOf, resolveRequest, runCheck, type CheckContext, type ResolvedRequest, type Send } from './check-runner.js'
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

export interface LoadSettings {
  durationMs: number
  rate: number
  /** The request to repeat: a URL given as load-url, or (when undefined) the first check's request. */
  url?: string
  headers: Record<string, string>
  /** Statuses that count as success: the expect-status input for load-url, else the first check's. */
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
}

const READY_STATUSES: StatusRanges = [[200, 299]]

export async function runSuite(settings: SuiteSettings, deps: SuiteDependencies): Promise<SuiteResult> {
  const now = deps.now ?? (() => performance.now())
  const started = now()
  const startedAt = new Date().toISOString()
  const captures = new Map<string, string>()
  const ctx: CheckContext = { ...deps, captures, typedCaptures: new Map() }
  const result: SuiteResult = { startedAt, durationMs: 0, concurrency: settings.concurrency, checks: [], budgets: [] }

  if (settings.wait) {
    const { target } = settings.wait
    const request: ResolvedRequest =
      target.kind === 'url' ? { method: 'GET', url: target.url, headers: target.headers } : resolveRequest(target.check, ctx)
    const expectations = target.kind === 'url' ? { statuses: READY_STATUSES, assertions: [] } : { statuses: target.check.statuses, assertions: target.check.assertions }
    const label = target.kind === 'url' ? deps.redact(target.url) : `check "${target.check.name}"`
    result.readiness = await waitForReady({
      target: label,
      timeoutMs: settings.wait.timeoutMs,
      attemptTimeoutMs: target.kind === 'url' ? target.timeoutMs : target.check.timeoutMs,
      logger: deps.logger,
      now: deps.now,
      sleep: deps.sleep,
      probe: (timeoutMs) =>
        attempt(request, expectations, deps.send, timeoutMs).then(
          () => [],
          (error: unknown) => failuresOf(error).map(deps.redact)
        )
    })
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
    run: (name) => runCheck(byName.get(name) as CheckSpec, ctx),
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
      const first = settings.plan.checks[0]
      const request: ResolvedRequest = load.url !== undefined ? { method: 'GET', url: load.url, headers: load.headers } : resolveRequest(first, ctx)
      const plan = loadPlan(load.durationMs, load.rate)
      deps.logger.info(`Load phase: ${request.method} ${deps.redact(request.url)} at ${load.rate}/s for ${formatMs(load.durationMs)} (${plan.total} requests)`)
      const { samples, elapsedMs } = await runLoad({ plan, request, statuses: load.statuses, timeoutMs: load.timeoutMs, send: deps.send, logger: deps.logger, now: deps.now, sleep: deps.sleep })
      const verdict = loadVerdict(samples, elapsedMs, load.thresholds)
      verdict.topErrors = verdict.topErrors.map((e) => ({ ...e, reason: deps.redact(e.reason) }))
      result.load = { method: request.method, url: deps.redact(request.url), durationMs: load.durationMs, rate: load.rate, thresholds: load.thresholds, verdict }
      const p95 = verdict.latency ? formatMs(verdict.latency.p95) : '—'
      deps.logger.info(`Load phase: ${verdict.requests} requests, ${verdict.errors} errors, p95 ${p95}${verdict.failures.length > 0 ? ` — ${verdict.failures.join('; ')}` : ''}`)
    }
  }
  result.durationMs = now() - started
  return result
}

function notRun(check: CheckSpec, redact: (text: string) => string, reason: string): CheckResult {
  return { name: check.name, method: check.method, url: redact(check.url), status: 'skipped', attempts: 0, failures: [reason], captured: [] }
}
