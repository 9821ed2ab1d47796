import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from './paths.js'
import { callInputs, condition, interpolate, runJob, type JobContext, type JobSpec, type RunJobOptions, type StepResult } from './workflow-job.js'

/**
 * A caller's job that uses a reusable workflow (`uses: …/.github/workflows/x.yml@v1`), as the
 * runner sees it: the called file's jobs, the inputs it receives (the caller's `with:` evaluated
 * against a recorded context, then the declared defaults) and the secrets passed explicitly.
 * workflow-job.ts runs the called jobs; this file only prepares what they are given.
 */

export interface CalledJob extends JobSpec {
  if?: string
  outputs?: Record<string, string>
}

export interface CalledWorkflow {
  on: { workflow_call: { inputs: Record<string, { type?: string; default?: unknown }>; secrets: Record<string, unknown> } }
  jobs: Record<string, CalledJob>
}

export interface CallerJob {
  uses: string
  if?: string
  with?: Record<string, unknown>
  secrets?: Record<string, string>
}

/** The example's caller job and the reusable workflow it calls (read from .github/workflows). */
export function loadCall(example: string, job: string): { caller: CallerJob; called: CalledWorkflow } {
  const workflow = parse(readFileSync(join(repoRoot, 'workflows-examples', example), 'utf8')) as { jobs: Record<string, CallerJob> }
  const caller = workflow.jobs[job]
  const file = /\.github\/workflows\/([\w.-]+\.ya?ml)@/.exec(caller.uses)?.[1]
  if (!file) throw new Error(`${example} ${job}: ${caller.uses} is not one of the suite's reusable workflows`)
  const called = parse(readFileSync(join(repoRoot, '.github', 'workflows', file), 'utf8')) as CalledWorkflow
  return { caller, called }
}

/** The caller's `with:` values, each `${{ }}` evaluated against what the earlier jobs recorded. */
export function callerWith(caller: CallerJob, context: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(caller.with ?? {}).map(([k, v]) => [k, interpolate(v, context)]))
}

/** Every secret the called workflow declares: what the caller passes (from its own secrets), else empty. */
export function callerSecrets(caller: CallerJob, called: CalledWorkflow, recorded: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(called.on.workflow_call.secrets).map((name) => [name, caller.secrets?.[name] ? interpolate(caller.secrets[name], { secrets: recorded }) : '']))
}

export { callInputs }

/** A job's `outputs:` evaluated against its steps' outputs, as `needs.<job>.outputs` shows them. */
export function jobOutputs(job: CalledJob, results: StepResult[], context: Record<string, unknown>): Record<string, string> {
  const steps = Object.fromEntries(results.map((r) => [r.label, { outputs: r.outputs, outcome: r.outcome, conclusion: r.outcome }]))
  return Object.fromEntries(Object.entries(job.outputs ?? {}).map(([name, value]) => [name, interpolate(value, { ...context, steps })]))
}

/** The job's result as `needs.<job>.result` shows it: failure when a step without continue-on-error failed (results are in the job's step order). */
export const jobResult = (job: JobSpec, results: StepResult[]): 'success' | 'failure' =>
  results.some((r, i) => r.outcome === 'failure' && !job.steps[i]?.['continue-on-error']) ? 'failure' : 'success'

/** Whether a job's `if:` lets it run, given the needs it waits for. */
export function jobRuns(job: CalledJob, context: Record<string, unknown>, needsFailed: boolean): boolean {
  return condition(job.if, context, needsFailed)
}

/**
 * A deploy workflow's jobs as the runner chains them: start → deploy → rollback (only when its
 * `if:` holds: the deploy failed) → finish, each job's result and outputs passed on as `needs`.
 */
export async function runDeployCall(called: CalledWorkflow, recorded: JobContext, options: RunJobOptions): Promise<Record<string, StepResult[]>> {
  const jobs: Record<string, StepResult[]> = {}
  jobs.start = await runJob(called.jobs.start, recorded, options)
  const start = { result: jobResult(called.jobs.start, jobs.start), outputs: jobOutputs(called.jobs.start, jobs.start, { ...recorded }) }
  jobs.deploy = await runJob(called.jobs.deploy, { ...recorded, needs: { start } }, options)
  const deploy = { result: jobResult(called.jobs.deploy, jobs.deploy), outputs: {} }
  const rollbackRuns = jobRuns(called.jobs.rollback, { ...recorded, needs: { deploy } }, deploy.result === 'failure')
  if (rollbackRuns) jobs.rollback = await runJob(called.jobs.rollback, { ...recorded, needs: { deploy } }, options)
  const rollback = { result: rollbackRuns ? jobResult(called.jobs.rollback, jobs.rollback) : 'skipped', outputs: {} }
  jobs.finish = await runJob(called.jobs.finish, { ...recorded, needs: { start, deploy, rollback } }, options)
  return jobs
}

/** Every failed step of a run, with the end of its log. */
export const failedSteps = (jobs: Record<string, StepResult[]>): string[] =>
  Object.values(jobs)
    .flat()
    .filter((r) => r.outcome === 'failure')
    .map((r) => `${r.label}:\n${r.log.slice(-3000)}`)

/** The example's caller job and the workflow it calls, as loadCall reads them. */
export type Call = ReturnType<typeof loadCall>

/** The first of a `targets` input's entries: the matrix the called jobs run with. */
export const firstTarget = (targets: unknown): Record<string, string> => (JSON.parse(targets as string) as Record<string, string>[])[0]

/**
 * What the called jobs are given: the call's inputs (the caller's values, then the declared
 * defaults), the secrets the caller passes (from `recordedSecrets`), the first target as the
 * matrix, and the commit.
 */
export function callContext(call: Call, given: Record<string, string>, recordedSecrets: Record<string, string>, sha: string): JobContext & { matrix: { target: Record<string, string> } } {
  const inputs = callInputs(call.called.on.workflow_call.inputs, given)
  return { inputs, secrets: callerSecrets(call.caller, call.called, recordedSecrets), matrix: { target: firstTarget(inputs.targets) }, github: { sha } }
}

/** How the jobs run on this machine: the workspace and artifacts under `dir`, HOME, the caller's environment (its GITHUB_STEP_SUMMARY file created empty). */
export function jobOptions(dir: string, env: Record<string, string>): RunJobOptions {
  if (env.GITHUB_STEP_SUMMARY) writeFileSync(env.GITHUB_STEP_SUMMARY, '')
  return { workspace: join(dir, 'workspace'), artifacts: join(dir, 'artifacts'), env: { HOME: process.env.HOME ?? dir, ...env } }
}

/** A step's result by its label (the step's name or id) in one job of a run. */
export const stepOf = (jobs: Record<string, StepResult[]>, job: string, label: string): StepResult => jobs[job].find((r) => r.label === label)!

/** Every failed step of one job, with the end of its log. */
export const failedIn = (results: StepResult[]): string[] => failedSteps({ job: results })

/** Every step's log of the given runs, without the `::add-mask::` lines (they name what is masked). */
export const runLogs = (...runs: Record<string, StepResult[]>[]): string =>
  runs
    .flatMap((jobs) => Object.values(jobs).flat())
    .map((r) => r.log.replace(/::add-mask::.*\n/g, ''))
    .join('\n')

/** The deploy job's steps of deploy-production.yml, in order, each with its outcome: success unless `outcomes` says otherwise. */
export const deploySteps = (outcomes: Record<string, StepResult['outcome']>): [string, StepResult['outcome']][] =>
  [
    'Start the deploy state',
    'step 2',
    'promote',
    'backup',
    'Remember the backup for the rollback job',
    'Install the migration tool',
    'migrate',
    'Record whether a migration ran',
    'kubeconfig',
    'Record that traffic is switching',
    'swap',
    'Smoke test',
    'Mark this target deployed',
    'Keep the deploy state for the rollback job'
  ].map((label) => [label, outcomes[label] ?? (label === 'kubeconfig' ? 'skipped' : 'success')])
