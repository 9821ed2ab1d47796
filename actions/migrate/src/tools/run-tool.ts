import * as exec from '@actions/exec'
import { constants } from 'node:fs'
import { access } from 'node:fs/promises'
import { delimiter, join, resolve } from 'node:path'
import type { Logger } from '../../../../packages/core/log.js'
import type { Invocation, ToolAdapter } from './tool-adapter.js'

/** Finds a tool's program: node_modules/.bin of the working directory first for npm tools, then PATH. */
export async function findProgram(adapter: ToolAdapter, workingDirectory: string, path = process.env.PATH ?? ''): Promise<string | undefined> {
  if (!adapter.program) return undefined
  const dirs = [...(adapter.npm ? [resolve(workingDirectory, 'node_modules', '.bin')] : []), ...path.split(delimiter).filter((d) => d !== '')]
  for (const dir of dirs) {
    const candidate = join(dir, adapter.program)
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false
      )
    )
      return candidate
  }
  return undefined
}

export interface ToolRun {
  exitCode: number
  /** stdout and stderr as they came, interleaved (tools log to either). */
  output: string
}

/** Runs one invocation through @actions/exec with the URL in its environment; its output shows in the log (masked). */
export async function runInvocation(invocation: Invocation, program: string | undefined, workingDirectory: string, log: Logger): Promise<ToolRun> {
  let output = ''
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8')
  }
  // sh-wrapped invocations name the program as their $0 argument; point it at the one found.
  const args = invocation.command === 'sh' && program && invocation.args.length >= 3 ? [invocation.args[0], invocation.args[1], program, ...invocation.args.slice(3)] : invocation.args
  const command = invocation.command === 'sh' ? 'sh' : (program ?? invocation.command)
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value
  Object.assign(env, invocation.env)
  log.debug(`running ${command} ${args.join(' ')}`)
  const exitCode = await exec.exec(command, args, {
    cwd: workingDirectory,
    env,
    ignoreReturnCode: true,
    listeners: { stdout: collect, stderr: collect }
  })
  return { exitCode, output }
}
