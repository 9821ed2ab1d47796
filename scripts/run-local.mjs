#!/usr/bin/env node
// Runs an action's committed bundle the way the GitHub runner does: `node dist/<name>/index.js`
// under Node 24, inputs as INPUT_* variables (with action.yml defaults), and the runner's file
// commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_STATE, GITHUB_PATH) as temp files
// that are parsed afterwards. Used by the runner-contract tests, and by the CLI (scripts/cli/):
//   node scripts/run-local.mjs smoke-test --input url=http://127.0.0.1:8080/health [--input k=v …]
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/**
 * The Node 24 binary GitHub's `using: node24` runs, installed from the npm registry as a dev
 * dependency; where that is absent (an installed package), the Node running this script.
 */
const bundledNode = join(repoRoot, 'node_modules', 'node', 'bin', 'node')
export const node24 = existsSync(bundledNode) ? bundledNode : process.execPath

/** What the runner sets that describes the run; the test harness uses these made-up values. */
export const FAKE_RUN_ENV = {
  GITHUB_ACTOR: 'octocat',
  GITHUB_REPOSITORY: 'octo-org/shop',
  GITHUB_REPOSITORY_OWNER: 'octo-org',
  GITHUB_SHA: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_WORKFLOW: 'Deploy',
  GITHUB_JOB: 'deploy',
  GITHUB_RUN_ID: '1658821493',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com'
}

export function actionYamlPath(action) {
  return action === 'root' ? join(repoRoot, 'action.yml') : join(repoRoot, 'actions', action, 'action.yml')
}

export function loadActionMetadata(action) {
  const metadata = parseYaml(readFileSync(actionYamlPath(action), 'utf8'))
  return { inputs: metadata.inputs ?? {}, outputs: metadata.outputs ?? {}, runs: metadata.runs }
}

export function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** The entry file the runner would start: `runs.main` resolved against the action's folder. */
export function actionEntry(action) {
  const { runs } = loadActionMetadata(action)
  const dir = action === 'root' ? repoRoot : join(repoRoot, 'actions', action)
  return resolve(dir, runs.main)
}

export async function runAction(options) {
  const metadata = loadActionMetadata(options.action)
  if (metadata.runs.using !== 'node24') throw new Error(`${options.action}: runs.using is ${metadata.runs.using}, not node24`)
  const workDir = options.workDir ?? (await mkdtemp(join(tmpdir(), `run-${options.action}-`)))
  const files = {
    GITHUB_OUTPUT: join(workDir, 'output'),
    GITHUB_STEP_SUMMARY: join(workDir, 'summary.md'),
    GITHUB_ENV: join(workDir, 'env'),
    GITHUB_STATE: join(workDir, 'state'),
    GITHUB_PATH: join(workDir, 'path'),
    GITHUB_EVENT_PATH: join(workDir, 'event.json')
  }
  for (const file of Object.values(files)) await writeFile(file, '')
  await writeFile(files.GITHUB_EVENT_PATH, JSON.stringify(options.event ?? {}))

  // `baseEnv` (the CLI: the caller's environment) replaces the made-up run; the file commands,
  // workspace and temp folder are always this run's own.
  const env = {
    ...(options.baseEnv ?? {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? workDir,
      LANG: 'C.UTF-8',
      CI: 'true',
      ...FAKE_RUN_ENV
    }),
    GITHUB_ACTIONS: 'true',
    GITHUB_ACTION: options.action,
    GITHUB_WORKSPACE: options.cwd ?? workDir,
    RUNNER_TEMP: workDir,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    ...files
  }
  for (const [name, spec] of Object.entries(metadata.inputs)) {
    if (spec?.default !== undefined) env[inputVariable(name)] = options.expandDefault ? options.expandDefault(name, String(spec.default)) : String(spec.default)
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[inputVariable(name)] = value
  Object.assign(env, options.env ?? {})

  const started = performance.now()
  const child = spawn(node24, [actionEntry(options.action)], {
    cwd: options.cwd ?? workDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // With forwarded signals the action has its own process group, so a Ctrl-C in the terminal
    // reaches it once (forwarded), not twice (which runAction treats as "stop now").
    detached: options.forwardSignals === true
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => {
    stdout += chunk
    options.onStdout?.(String(chunk))
  })
  child.stderr.on('data', (chunk) => {
    stderr += chunk
    options.onStderr?.(String(chunk))
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  // The runner, cancelling a job, signals the action and gives it time to clean up; so does this.
  const forward = (signal) => child.kill(signal)
  const signals = options.forwardSignals ? ['SIGINT', 'SIGTERM'] : []
  for (const signal of signals) process.on(signal, forward)
  let signal = null
  const exitCode = await new Promise((done) =>
    child.on('close', (code, endedBy) => {
      signal = endedBy
      done(code)
    })
  )
  for (const signal of signals) process.removeListener(signal, forward)
  clearTimeout(timer)
  const durationMs = performance.now() - started

  return {
    exitCode,
    signal,
    stdout,
    stderr,
    outputs: parseFileCommand(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    exportedEnv: parseFileCommand(await readFile(files.GITHUB_ENV, 'utf8')),
    state: parseFileCommand(await readFile(files.GITHUB_STATE, 'utf8')),
    errors: commandLines(stdout, 'error'),
    warnings: commandLines(stdout, 'warning'),
    durationMs,
    workDir
  }
}

export async function cleanup(result) {
  if (existsSync(result.workDir)) await rm(result.workDir, { recursive: true, force: true })
}

/** Parses the runner's file-command format: `name=value` lines and `name<<DELIM … DELIM` blocks. */
export function parseFileCommand(content) {
  const values = {}
  const lines = content.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const body = []
      while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i])
      values[name] = body.join('\n')
      continue
    }
    const at = line.indexOf('=')
    if (at > 0) values[line.slice(0, at)] = line.slice(at + 1)
  }
  return values
}

function commandLines(stdout, command) {
  const prefix = new RegExp(`^::${command}(?: [^:]*)?::`)
  return stdout
    .split('\n')
    .filter((line) => prefix.test(line))
    .map((line) => line.replace(prefix, '').replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'))
}

// `npm run local -- <action> …` is the CLI (bin/deploy-actions.mjs): same flags, same output.
// No top-level await here: the CLI imports this module, which must finish loading first.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  import('./cli/main.mjs').then(async ({ main }) => {
    process.exitCode = await main(process.argv.slice(2))
  })
}
