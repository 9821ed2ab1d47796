import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { node24, repoRoot } from '../../support/paths.js'

/** What a person sees from one CLI run: exit code, stdout, stderr. */
export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Runs `bin/deploy-actions.mjs` as a user would from a shell: in `cwd`, with exactly `env` as the
 * caller's environment (plus PATH and HOME), so a test says what the action may see.
 */
export function cli(args: readonly string[], options: { cwd: string; env?: Record<string, string>; timeoutMs?: number; interruptWhen?: string; entry?: string }): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(node24, [join(repoRoot, options.entry ?? 'bin/deploy-actions.mjs'), ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? options.cwd, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    let interrupted = false
    child.stdout.on('data', (chunk) => {
      stdout += chunk
      // Ctrl-C, as a person would press it once the run is under way.
      if (options.interruptWhen && !interrupted && stdout.includes(options.interruptWhen)) {
        interrupted = true
        child.kill('SIGINT')
      }
    })
    child.stderr.on('data', (chunk) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000)
    child.on('error', fail)
    child.on('close', (code) => {
      clearTimeout(timer)
      done({ code, stdout, stderr })
    })
  })
}

export function workspace(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'cli-workspace-'))
}

/** Every file under a folder with its text, for "the canary is nowhere" checks. */
export function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {}
  if (!existsSync(dir)) return files
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) Object.assign(files, filesUnder(path))
    else files[path] = readFileSync(path, 'utf8')
  }
  return files
}

/** Where a canary shows up: stdout, stderr or a file kept by the CLI. Empty when nowhere. */
export function leaks(run: CliRun, dir: string, canaries: readonly string[]): string[] {
  const places: Record<string, string> = { stdout: run.stdout, stderr: run.stderr, ...filesUnder(dir) }
  return Object.entries(places).flatMap(([where, text]) => canaries.filter((c) => text.includes(c)).map((c) => `${where}: ${c}`))
}
