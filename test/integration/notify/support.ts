import type { RunResult } from '../../support/runner.js'

/**
 * The step log as people see it: without the `::add-mask::` commands, which hand secrets to the
 * runner so it can hide them (the runner swallows those lines).
 */
export function visibleLog(result: RunResult): string {
  return result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** Asserts none of the secrets appears anywhere a person or a later step could read it. */
export function leakedSecrets(result: RunResult, secrets: readonly string[]): string[] {
  const places = { log: visibleLog(result), stderr: result.stderr, summary: result.summary, outputs: JSON.stringify(result.outputs), errors: result.errors.join('\n') }
  return Object.entries(places).flatMap(([where, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${where}: ${s.slice(0, 8)}…`))
}
