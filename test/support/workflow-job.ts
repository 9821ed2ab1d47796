import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'
import { truthy } from '@actions/expressions/result'
import { stringify } from 'yaml'
import { node24, repoRoot } from './paths.js'

/**
 * Runs one job of a workflow file on this machine the way the runner would, step by step: `if:`
 * and every `${{ }}` evaluated with GitHub's own @actions/expressions against a recorded context
 * (inputs, secrets, matrix, github, runner, and the outputs and outcomes of the steps run so far),
 * the suite's actions through the CLI (bin/deploy-actions.mjs) with the evaluated `with:` values,
 * `run:` steps with bash and their GITHUB_OUTPUT read back. Third-party actions are stood in for:
 * checkout (the workspace is prepared by the test), upload-artifact and download-artifact (a folder).
 */

export interface StepSpec {
  id?: string
  name?: string
  if?: string | boolean
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
  'continue-on-error'?: boolean
  'working-directory'?: string
}

export interface JobSpec {
  env?: Record<string, unknown>
  steps: StepSpec[]
}

export interface StepResult {
  label: string
  outcome: 'success' | 'failure' | 'skipped'
  outputs: Record<string, string>
  log: string
}

export interface JobContext {
  inputs: Record<string, unknown>
  secrets: Record<string, string>
  matrix?: Record<string, unknown>
  github: Record<string, unknown>
  needs?: Record<string, unknown>
}

const STATUS_FUNCTIONS = ['success', 'always', 'failure', 'cancelled']
const CONTEXTS = ['github', 'inputs', 'secrets', 'matrix', 'steps', 'runner', 'env', 'needs', 'job', 'strategy', 'vars']

/** Evaluates one expression (without `${{ }}`) with @actions/expressions; `failed` is the job's status so far. */
export function evaluate(expression: string, context: Record<string, unknown>, failed = false): data.ExpressionData {
  const lexed = new Lexer(expression).lex()
  const functions = STATUS_FUNCTIONS.map((name) => ({ name, minArgs: 0, maxArgs: 0 }))
  const tree = new Parser(lexed.tokens, CONTEXTS, functions).parse()
  const status: Record<string, boolean> = { success: !failed, always: true, failure: failed, cancelled: false }
  const implementations = new Map(functions.map((f) => [f.name, { ...f, call: () => new data.BooleanData(status[f.name]) }]))
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary
  return new Evaluator(tree, dictionary, implementations).evaluate()
}

const asString = (value: data.ExpressionData) => (value.kind === data.Kind.Null ? '' : value.coerceString())

/** A value from the workflow with every `${{ }}` in it replaced, as the runner does. */
export function interpolate(value: unknown, context: Record<string, unknown>, failed = false): string {
  if (typeof value !== 'string') return value === undefined || value === null ? '' : JSON.stringify(value)
  return value.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => asString(evaluate(expression.trim(), context, failed)))
}

/** A step's `if:` as the runner reads it: without a status function it means `success() && (…)`. */
export function condition(raw: StepSpec['if'], context: Record<string, unknown>, failed: boolean): boolean {
  if (raw === undefined) return !failed
  const text = String(raw)
    .replace(/^\s*\$\{\{([\s\S]*)\}\}\s*$/, '$1')
    .trim()
  const guarded = STATUS_FUNCTIONS.some((name) => new RegExp(`\\b${name}\\s*\\(`).test(text)) ? text : `success() && (${text})`
  const result = evaluate(guarded, context, failed)
  return truthy(result)
}

function spawnText(command: string, args: string[], options: { cwd: string; env: Record<string, string> }): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', fail)
    child.on('close', (code) => done({ code, output }))
  })
}

function readOutputFile(path: string): Record<string, string> {
  if (!existsSync(path)) return {}
  const outputs: Record<string, string> = {}
  const lines = readFileSync(path, 'utf8').split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const body: string[] = []
      while (++i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i])
      outputs[heredoc[1]] = body.join('\n')
    } else if (lines[i].includes('=')) outputs[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1)
  }
  return outputs
}

export interface RunJobOptions {
  workspace: string
  /** The caller's environment for every step (PATH, service addresses…). */
  env: Record<string, string>
  /** Where upload-artifact keeps artifacts (shared by the jobs of one run). */
  artifacts: string
  runnerTemp?: string
}

/** Runs a job's steps in order; returns each step's result (skipped ones included). */
export async function runJob(job: JobSpec, recorded: JobContext, options: RunJobOptions): Promise<StepResult[]> {
  const runnerTemp = options.runnerTemp ?? mkdtempSync(join(tmpdir(), 'runner-temp-'))
  const steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }> = {}
  const results: StepResult[] = []
  let failed = false
  const context = () => ({ ...recorded, steps, runner: { temp: runnerTemp, os: 'Linux' }, env: {}, job: {}, strategy: {}, vars: {} })
  const jobEnv = Object.fromEntries(Object.entries(job.env ?? {}).map(([k, v]) => [k, interpolate(v, context(), failed)]))

  for (const [index, step] of job.steps.entries()) {
    const label = step.id ?? step.name ?? `step ${index + 1}`
    if (!condition(step.if, context(), failed)) {
      results.push({ label, outcome: 'skipped', outputs: {}, log: '' })
      if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
      continue
    }
    const env: Record<string, string> = { ...options.env, ...jobEnv, RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: options.workspace }
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = interpolate(value, context(), failed)
    const given = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, context(), failed)]))
    let result: { code: number | null; output: string; outputs: Record<string, string> }

    if (step.run !== undefined) {
      const outputFile = join(mkdtempSync(join(runnerTemp, 'out-')), 'output')
      writeFileSync(outputFile, '')
      const cwd = step['working-directory'] ? join(options.workspace, interpolate(step['working-directory'], context(), failed)) : options.workspace
      const ran = await spawnText('bash', ['-e', '-c', step.run], { cwd, env: { ...env, GITHUB_OUTPUT: outputFile } })
      result = { ...ran, outputs: readOutputFile(outputFile) }
    } else if (step.uses && /^actions\/checkout@/.test(step.uses)) {
      result = { code: 0, output: 'checkout: the workspace is prepared by the test', outputs: {} }
    } else if (step.uses && /^actions\/upload-artifact@/.test(step.uses)) {
      const from = given.path
      if (existsSync(from)) {
        mkdirSync(join(options.artifacts, given.name), { recursive: true })
        copyFileSync(from, join(options.artifacts, given.name, basename(from)))
      }
      result = { code: existsSync(from) || given['if-no-files-found'] === 'ignore' ? 0 : 1, output: `artifact ${given.name}`, outputs: {} }
    } else if (step.uses && /^actions\/download-artifact@/.test(step.uses)) {
      const from = join(options.artifacts, given.name)
      if (existsSync(from)) {
        mkdirSync(given.path, { recursive: true })
        for (const file of ['state.json']) if (existsSync(join(from, file))) copyFileSync(join(from, file), join(given.path, file))
      }
      result = { code: existsSync(from) ? 0 : 1, output: `artifact ${given.name}`, outputs: {} }
    } else if (step.uses && /^[\w.-]+\/deploy-actions\/actions\/([a-z-]+)@/.test(step.uses)) {
      const action = /\/actions\/([a-z-]+)@/.exec(step.uses)![1]
      const dir = mkdtempSync(join(runnerTemp, `${action}-`))
      const inputsFile = join(dir, 'inputs.yml')
      writeFileSync(inputsFile, stringify(given))
      const outDir = join(dir, 'out')
      const ran = await spawnText(node24, [join(repoRoot, 'bin', 'deploy-actions.mjs'), action, '--inputs-file', inputsFile, '--out-dir', outDir], { cwd: options.workspace, env })
      const outputsFile = join(outDir, 'outputs.json')
      result = { ...ran, outputs: existsSync(outputsFile) ? (JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, string>) : {} }
    } else {
      throw new Error(`${label}: ${step.uses} is not something this runner can stand in for`)
    }

    const outcome = result.code === 0 ? 'success' : 'failure'
    const conclusion = outcome === 'failure' && step['continue-on-error'] ? 'success' : outcome
    if (conclusion === 'failure') failed = true
    if (step.id) steps[step.id] = { outputs: result.outputs, outcome, conclusion }
    results.push({ label, outcome, outputs: result.outputs, log: result.output })
  }
  return results
}

/** The inputs a reusable workflow sees: the caller's evaluated `with:`, then the declared defaults, typed as declared. */
export function callInputs(declared: Record<string, { type?: string; default?: unknown }>, given: Record<string, string>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(declared)) {
    const raw = name in given ? given[name] : spec.default
    if (raw === undefined) inputs[name] = spec.type === 'boolean' ? false : spec.type === 'number' ? 0 : ''
    else if (spec.type === 'boolean') inputs[name] = raw === true || raw === 'true'
    else if (spec.type === 'number') inputs[name] = Number(raw)
    else inputs[name] = typeof raw === 'string' ? raw : JSON.stringify(raw)
  }
  return inputs
}

export const workflowPath = (...parts: string[]) => join(repoRoot, ...parts)
