import * as core from '@actions/core'
import { spawn } from 'node:child_process'
import { retry } from '../../../packages/core/retry.js'
import { buildWarnings, isRetryableFailure } from './build-log.js'
import type { Invocation } from './engines/engine.js'

export class EngineError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean
  ) {
    super(message)
    this.name = 'EngineError'
  }
}

/**
 * Runs one engine invocation in a log group; its warnings become annotations (on the Dockerfile
 * line when the engine names one). A failure says which step failed and shows the last lines.
 */
export async function runInvocation(invocation: Invocation, env: Record<string, string>, cwd: string, dockerfile: string | undefined, signal?: AbortSignal): Promise<string> {
  return core.group(`${invocation.program} ${invocation.step}`, async () => {
    const merged: Record<string, string> = {}
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) merged[name] = value
    Object.assign(merged, env)
    // Arguments hold no secret (secrets travel in files), so the command line is shown as it runs.
    core.info(`[command]${invocation.program} ${invocation.args.join(' ')}`)
    const { exitCode, output } = await spawnCollecting(invocation.program, invocation.args, cwd, merged, signal)
    for (const warning of buildWarnings(output))
      core.warning(warning.message, warning.line && dockerfile ? { file: dockerfile, startLine: warning.line } : { title: `${invocation.program} ${invocation.step}` })
    if (exitCode !== 0) {
      const tail = output.trim().split('\n').slice(-5).join(' | ')
      throw new EngineError(`${invocation.program} ${invocation.step} exited with ${exitCode}: ${tail}`, isRetryableFailure(output))
    }
    return output
  })
}

/** Runs the engine with its output shown live and kept; a cancelled job (the signal) stops it. */
function spawnCollecting(program: string, args: string[], cwd: string, env: Record<string, string>, signal?: AbortSignal): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve, reject) => {
    let output = ''
    const child = spawn(program, args, { cwd, env, signal, stdio: ['ignore', 'pipe', 'pipe'] })
    const collect = (chunk: Buffer): void => {
      process.stdout.write(chunk)
      output += chunk.toString('utf8')
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('error', (error: NodeJS.ErrnoException) => {
      // A grandchild may still hold the pipes; stop reading them rather than wait.
      child.stdout.destroy()
      child.stderr.destroy()
      if (error.code === 'ENOENT') reject(new Error(`${program} was not found on PATH: install it on the runner, or choose the other engine`))
      else if (error.name === 'AbortError')
        reject(new Error(`${program} ${args[0]} stopped: ${(signal?.reason as Error | undefined)?.name === 'TimeoutError' ? 'it ran longer than build-timeout' : 'the job was cancelled'}`))
      else reject(error)
    })
    child.on('close', (code) => resolve({ exitCode: code ?? 1, output }))
  })
}

/** docker pushes itself: a build whose push failed on 429/5xx/network is run again (layers come from its cache). */
export async function runWithRetry(invocation: Invocation, env: Record<string, string>, cwd: string, dockerfile: string | undefined, attempts: number, signal: AbortSignal): Promise<string> {
  return retry(() => runInvocation(invocation, env, cwd, dockerfile, signal), {
    attempts,
    baseDelayMs: 2000,
    signal,
    isRetryable: (error) => error instanceof EngineError && error.retryable,
    onRetry: ({ attempt, delayMs }) =>
      core.info(`${invocation.program} ${invocation.step}: attempt ${attempt} failed on a registry or network error; retrying in ${(delayMs / 1000).toFixed(1)} s`)
  })
}
