import * as core from '@actions/core'
import * as exec from '@actions/exec'
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
export async function runInvocation(invocation: Invocation, env: Record<string, string>, cwd: string, dockerfile: string | undefined): Promise<string> {
  return core.group(`${invocation.program} ${invocation.step}`, async () => {
    let output = ''
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
    }
    const merged: Record<string, string> = {}
    for (const [name, value] of Object.entries(process.env)) if (value !== undefined) merged[name] = value
    Object.assign(merged, env)
    const exitCode = await exec.exec(invocation.program, invocation.args, { cwd, env: merged, ignoreReturnCode: true, listeners: { stdout: collect, stderr: collect } })
    for (const warning of buildWarnings(output)) core.warning(warning.message, warning.line && dockerfile ? { file: dockerfile, startLine: warning.line } : { title: `${invocation.program} ${invocation.step}` })
    if (exitCode !== 0) {
      const tail = output.trim().split('\n').slice(-5).join(' | ')
      throw new EngineError(`${invocation.program} ${invocation.step} exited with ${exitCode}: ${tail}`, isRetryableFailure(output))
    }
    return output
  })
}

/** docker pushes itself: a build whose push failed on 429/5xx/network is run again (layers come from its cache). */
export async function runWithRetry(invocation: Invocation, env: Record<string, string>, cwd: string, dockerfile: string | undefined, attempts: number, signal: AbortSignal): Promise<string> {
  return retry(() => runInvocation(invocation, env, cwd, dockerfile), {
    attempts,
    baseDelayMs: 2000,
    signal,
    isRetryable: (error) => error instanceof EngineError && error.retryable,
    onRetry: ({ attempt, delayMs }) => core.info(`${invocation.program} ${invocation.step}: attempt ${attempt} failed on a registry or network error; retrying in ${(delayMs / 1000).toFixed(1)} s`)
  })
}
