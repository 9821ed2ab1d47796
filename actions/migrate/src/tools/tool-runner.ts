import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { InputError } from '../../../../packages/core/input-error.js'
import type { Logger } from '../../../../packages/core/log.js'
import type { MigrateReport, MigrationOutcome } from '../report.js'
import { toolAdapter } from './adapters.js'
import { findProgram, runInvocation } from './run-tool.js'
import type { Invocation, ToolContext, ToolName, ToolStatus } from './tool-adapter.js'

export interface ToolOptions {
  tool: ToolName
  context: ToolContext
  workingDirectory: string
  dryRun: boolean
  log: Logger
}

export interface ToolResult {
  report: Omit<MigrateReport, 'runner' | 'database' | 'backupId'>
  failure?: Error
}

/**
 * Runs a migration tool: in a dry-run only its status command; otherwise its apply command, then
 * its status command to learn what is still pending. Every check that needs no database (the
 * directory, the program) runs first.
 */
export async function runTool(options: ToolOptions): Promise<ToolResult> {
  const adapter = toolAdapter(options.tool)
  const { context, log } = options
  if (adapter.usesDirectory) {
    const info = await stat(resolve(options.workingDirectory, context.directory)).catch(() => undefined)
    if (!info?.isDirectory())
      throw new InputError('directory', `is "${context.directory}", which is not a folder in ${options.workingDirectory}`, `the migrations folder ${options.tool} should read`)
  }
  const program = await findProgram(adapter, options.workingDirectory)
  if (adapter.program && !program) {
    throw new Error(`${adapter.program} (${options.tool}) was not found on PATH${adapter.npm ? ' or in node_modules/.bin' : ''}; install it in an earlier step of the job`)
  }

  const warnings: string[] = []
  const run = async (invocation: Invocation): Promise<{ ok: boolean; output: string; exitCode: number }> => {
    const result = await runInvocation(invocation, program, options.workingDirectory, log)
    return { ok: (invocation.okExitCodes ?? [0]).includes(result.exitCode), output: result.output, exitCode: result.exitCode }
  }
  const status = async (): Promise<ToolStatus | undefined> => {
    if (!adapter.status || !adapter.parseStatus) return undefined
    const result = await run(adapter.status(context))
    if (!result.ok) {
      warnings.push(`${options.tool}'s status command exited with code ${result.exitCode}; pending migrations are unknown`)
      return undefined
    }
    return adapter.parseStatus(result.output, context)
  }

  if (options.dryRun) {
    if (!adapter.status) warnings.push(`${options.tool} has no command that lists pending migrations without running them`)
    const found = await status()
    const pending = found?.pending ?? []
    for (const warning of warnings) log.warning(warning)
    return {
      report: {
        dryRun: true,
        direction: 'up',
        outcomes: pending.map((name): MigrationOutcome => ({ name, status: 'pending' })),
        pendingCount: found?.pendingCount ?? found?.pending?.length,
        currentVersion: found?.current,
        warnings
      }
    }
  }

  const applied = await run(adapter.apply(context))
  const names = adapter.parseApply(applied.output)
  if (names === undefined && options.tool !== 'command') warnings.push(`could not tell from ${options.tool}'s output which migrations it applied`)
  const outcomes: MigrationOutcome[] = (names ?? []).map((name) => ({ name, status: 'applied' }))
  const failure = applied.ok ? undefined : new Error(`${options.tool} exited with code ${applied.exitCode}; its output is in the log above`)
  if (failure) outcomes.push({ name: `${options.tool} (exit code ${applied.exitCode})`, status: 'failed' })
  const after = await status()
  for (const warning of warnings) log.warning(warning)
  return {
    report: {
      dryRun: false,
      direction: 'up',
      outcomes,
      pendingCount: after?.pendingCount ?? after?.pending?.length,
      currentVersion: after?.current,
      warnings,
      failure: failure?.message,
      appliedUnknown: names === undefined
    },
    failure
  }
}
