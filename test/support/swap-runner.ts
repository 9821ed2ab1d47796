import { expect } from '@jest/globals'
import { cleanup, runAction, type RunResult } from './runner.js'

/**
 * dist/blue-green-swap/index.js run as the runner runs it, for the traffic providers' runner-contract
 * tests: the inputs as given (the provider's own and the test's), the environment that points the
 * provider at its fake, the run's files removed afterwards.
 */
export async function runSwap(inputs: Record<string, string>, options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  const result = await runAction({ action: 'blue-green-swap', inputs, env: options.env, timeoutMs: options.timeoutMs ?? 60_000 })
  await cleanup(result)
  return result
}

/** All a run shows: stdout, stderr, summary and outputs, without the `::add-mask::` commands (they name what is masked). */
export const visible = (result: RunResult): string =>
  (result.stdout + result.stderr + result.summary + JSON.stringify(result.outputs))
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')

/** A bad input's run: exit 1 with the one error naming it (`message`), and no stack trace. */
export function expectInputRejected(result: RunResult, message: string): void {
  expect(result.exitCode).toBe(1)
  expect(result.errors).toHaveLength(1)
  expect(result.errors[0]).toContain(message)
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /)
}
