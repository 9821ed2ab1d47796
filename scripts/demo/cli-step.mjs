// One step of the pipeline, run through the CLI exactly as a person would type it:
//   node bin/deploy-actions.mjs <action> --input name=value … --out-dir <dir>
// Its output is shown indented (the job summary is kept in <dir>/summary.md rather than printed);
// the outputs come back from <dir>/outputs.json. The CLI runs in its own process group and a
// Ctrl-C is forwarded to it once, so the action can clean up (blue-green-swap puts traffic back).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { repoRoot } from '../run-local.mjs'

const cli = join(repoRoot, 'bin', 'deploy-actions.mjs')
const running = new Set()

/** Forwards a signal to every CLI run in progress (the demo's Ctrl-C handler). */
export function signalRunning(signal) {
  for (const child of running) child.kill(signal)
}

/**
 * runCli({ action, inputs, inputsFiles, outDir, env, cwd, show }) → { exitCode, outputs, lines: [{ at, text }] }.
 * `show(text)` receives each line to print (already indented); the summary section is skipped.
 */
export async function runCli({ action, inputs, inputsFiles = [], outDir, env = {}, cwd = repoRoot, show = () => {} }) {
  const args = [cli, action, '--out-dir', outDir]
  for (const file of inputsFiles) args.push('--inputs-file', file)
  for (const [name, value] of Object.entries(inputs)) args.push('--input', `${name}=${value}`)
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  running.add(child)
  const lines = []
  let inSummary = false
  const onLine = (text) => {
    lines.push({ at: performance.now(), text })
    if (text === 'Job summary') inSummary = true
    else if (inSummary && text.startsWith('Kept in ')) inSummary = false
    if (!inSummary && !/^═+$/.test(text)) show(`   │ ${text}`)
  }
  const split = (stream) => {
    let rest = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk) => {
      const parts = (rest + chunk).split('\n')
      rest = parts.pop()
      parts.forEach(onLine)
    })
    stream.on('end', () => rest && onLine(rest))
  }
  split(child.stdout)
  split(child.stderr)
  const exitCode = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)))
  running.delete(child)
  const file = join(outDir, 'outputs.json')
  const outputs = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}
  return { exitCode, outputs, lines }
}

/** The command line as a person would type it, long or multi-line values shortened. */
export function commandLine(action, inputs, inputsFiles = [], cwd = repoRoot) {
  const shorten = (value) => {
    const lines = value.split('\n')
    if (lines.length > 1) return `<${lines.length} lines>`
    return value.length > 60 ? `${value.slice(0, 57)}…` : value
  }
  const quote = (text) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`)
  const files = inputsFiles.map((file) => `--inputs-file ${quote(relative(cwd, file).startsWith('..') ? file : relative(cwd, file))}`)
  return ['deploy-actions', action, ...files, ...Object.entries(inputs).map(([name, value]) => `--input ${quote(`${name}=${shorten(value)}`)}`)].join(' ')
}
