// deploy-actions <action> [--input name=value …] [--inputs-file inputs.yml] [--env-file .env]
//
// Runs an action's bundle outside GitHub and behaves as the runner does: inputs as INPUT_* with
// action.yml defaults, the caller's environment passed through, the working directory as the
// workspace, workflow commands consumed (masks, groups, annotations), outputs and the job summary
// shown, and outputs.json, summary.md and the reports the outputs name kept under --out-dir. The
// exit code is the action's; a malformed command line exits 2 with one line.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, relative, resolve, sep } from 'node:path'
import { actionEntry, cleanup, loadActionMetadata, node24, runAction } from '../run-local.mjs'
import { UsageError, parseArgs } from './args.mjs'
import { actionHelp, actionNames, mainHelp } from './help.mjs'
import { localRunEnv } from './local-env.mjs'
import { outputsTable, renderSummary } from './render.mjs'
import { expandExpressions, readEnvFile, readEventFile, readInputFile, readInputsFile } from './values.mjs'
import { WorkflowCommands } from './workflow-commands.mjs'

function timestamp(date) {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
}

/** The runner's own words for inputs action.yml does not declare. */
export function unexpectedInputsWarning(given, declared) {
  const unexpected = given.filter((name) => !declared.includes(name))
  if (unexpected.length === 0) return undefined
  return `Unexpected input(s) '${unexpected.join("', '")}', valid inputs are ['${declared.join("', '")}']`
}

/** Keeps a text file's content masked; binary files are copied as they are. */
function keepFile(from, to, commands) {
  const content = readFileSync(from)
  if (content.subarray(0, 8192).includes(0)) copyFileSync(from, to)
  else writeFileSync(to, commands.mask(content.toString('utf8')))
}

/**
 * Outputs naming a file in the run's temporary folder (deleted when the run ends) point at a copy
 * kept in the out dir instead.
 */
function keepReports(outputs, workDir, outDir, commands) {
  const kept = {}
  const files = []
  for (const [name, value] of Object.entries(outputs)) {
    const path = String(value)
    if (path.startsWith(workDir + sep) && existsSync(path) && statSync(path).isFile()) {
      mkdirSync(join(outDir, 'reports'), { recursive: true })
      const target = join(outDir, 'reports', basename(path))
      keepFile(path, target, commands)
      kept[name] = target
      files.push(target)
    } else kept[name] = value
  }
  return { outputs: kept, files }
}

/** Runs the CLI; returns the exit code. `io` lets tests capture what is printed. */
export async function main(argv, io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), env: process.env, cwd: process.cwd() }) {
  const say = (line = '') => io.out(`${line}\n`)
  let args
  try {
    args = parseArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`deploy-actions: ${error.message}\n`)
    return 2
  }
  const names = actionNames()
  if (args.version) {
    say(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version)
    return 0
  }
  if (args.action === undefined) {
    if (args.help || args.list) {
      say(mainHelp())
      return 0
    }
    io.err(`deploy-actions: no action given: expected one of ${names.join(', ')} (deploy-actions --help)\n`)
    return 2
  }
  if (!names.includes(args.action)) {
    io.err(`deploy-actions: unknown action "${args.action}": expected one of ${names.join(', ')}\n`)
    return 2
  }
  if (args.help) {
    say(actionHelp(args.action))
    return 0
  }

  let env
  let inputs
  let event
  const secrets = []
  try {
    if (!existsSync(actionEntry(args.action))) throw new UsageError(`${args.action} is not built: ${actionEntry(args.action)} is missing (run npm run build)`)
    env = { ...io.env }
    for (const file of args.envFiles) Object.assign(env, readEnvFile(resolve(io.cwd, file)))
    env = localRunEnv(io.cwd, env)
    if (args.event !== undefined) event = readEventFile(resolve(io.cwd, args.event))
    const given = new Map()
    for (const file of args.inputsFiles) for (const [name, value] of readInputsFile(resolve(io.cwd, file))) given.set(name, value)
    for (const [name, value] of args.inputs) given.set(name, value)
    for (const [name, path] of args.inputFiles) {
      const value = readInputFile(name, resolve(io.cwd, path))
      secrets.push(value)
      given.set(name, value)
    }
    inputs = {}
    for (const [name, raw] of given) {
      const { value, secrets: found } = expandExpressions(name, raw, env)
      secrets.push(...found)
      inputs[name] = value
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`deploy-actions: ${error.message}\n`)
    return 2
  }

  const commands = new WorkflowCommands({ masks: secrets, debug: args.verbose || env.RUNNER_DEBUG === '1' })
  if (node24 === process.execPath && Number(process.versions.node.split('.')[0]) < 24) {
    say(`Warning: the actions run on Node 24 (runs.using: node24); this is Node ${process.versions.node}, so a run may differ from the runner's`)
  }
  // stderr is consumed the same way, with the same masks (one list, whichever stream added to it).
  const errors = new WorkflowCommands()
  errors.masks = commands.masks
  const declared = Object.keys(loadActionMetadata(args.action).inputs)
  const warning = unexpectedInputsWarning(Object.keys(inputs), declared)
  if (warning) for (const line of commands.line(`::warning::${warning}`)) say(line)

  const outDir = resolve(io.cwd, args.outDir ?? join('.deploy-actions', `${args.action}-${timestamp(new Date())}`))
  // A file the action names in its temporary folder is shown at the place the CLI keeps it.
  const workDir = mkdtempSync(join(tmpdir(), `run-${args.action}-`))
  const tempPath = new RegExp(`${workDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:[^\\s,;'"]*/)?([^/\\s,;'"]+)`, 'g')
  const print = (lines) => lines.forEach((line) => say(line.replace(tempPath, (_, name) => join(outDir, 'reports', name))))
  let result
  try {
    result = await runAction({
      action: args.action,
      inputs,
      cwd: io.cwd,
      workDir,
      baseEnv: env,
      ...(event !== undefined ? { event } : {}),
      expandDefault: (name, value) => {
        const expanded = expandExpressions(name, value, env, { strict: false })
        secrets.push(...expanded.secrets)
        for (const secret of expanded.secrets) commands.addMask(secret)
        return expanded.value
      },
      timeoutMs: 6 * 3600_000,
      forwardSignals: true,
      onStdout: (chunk) => print(commands.feed(chunk)),
      onStderr: (chunk) => errors.feed(chunk).forEach((line) => io.err(`${line}\n`))
    })
  } catch (error) {
    // The action could not be started at all (its bundle or Node missing): one line, as for any other failure.
    rmSync(workDir, { recursive: true, force: true })
    io.err(`deploy-actions: ${args.action} could not be run: ${commands.mask(error instanceof Error ? error.message : String(error))}\n`)
    return 1
  }
  print(commands.flush())
  errors.flush().forEach((line) => io.err(`${line}\n`))

  try {
    mkdirSync(outDir, { recursive: true })
    const { outputs, files } = keepReports({ ...commands.outputs, ...result.outputs }, result.workDir, outDir, commands)
    writeFileSync(join(outDir, 'outputs.json'), `${commands.mask(JSON.stringify(outputs, null, 2))}\n`)
    writeFileSync(join(outDir, 'summary.md'), commands.mask(result.summary))
    say()
    say('Outputs')
    say('═══════')
    print(outputsTable(outputs).map((line) => commands.mask(line)))
    if (result.summary.trim() !== '') {
      say()
      say('Job summary')
      say('═══════════')
      say(commands.mask(renderSummary(result.summary)))
    }
    say()
    const shown = (path) => (relative(io.cwd, path).startsWith('..') ? path : `./${relative(io.cwd, path)}`)
    say(`Kept in ${shown(outDir)}: outputs.json, summary.md${files.map((f) => `, reports/${basename(f)}`).join('')}`)
    say(result.exitCode === 0 ? `${args.action} succeeded` : result.exitCode === null ? `${args.action} ended by ${result.signal}` : `${args.action} failed (exit code ${result.exitCode})`)
  } finally {
    await cleanup(result)
  }
  // Ended by a signal: the shell's convention, 128 + the signal's number.
  return result.exitCode ?? (result.signal === 'SIGINT' ? 130 : result.signal === 'SIGTERM' ? 143 : 1)
}
