import type { Logger } from '../../../packages/core/log.js'

/**
 * On cancellation the runner sends SIGINT, then SIGTERM, then kills; runAction turns the first
 * into `signal`. The database connection is then aborted (the server rolls back the migration in
 * progress and frees the lock, even in the middle of a long statement) and the process exits 1.
 * Returns a function that stops listening.
 */
export function abortOnCancel(
  signal: AbortSignal,
  abort: () => Promise<void>,
  log: Logger,
  exit: (code: number) => void = (code) => process.exit(code),
  consequence = 'The migration in progress is rolled back by the database and the migration lock is released.'
): () => void {
  const onAbort = (): void => {
    log.warning(`Received ${signalName(signal.reason)}: cancelling. ${consequence}`)
    const timer = setTimeout(() => exit(1), 5000)
    void abort()
      .catch((error: unknown) => log.debug(`abort: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        clearTimeout(timer)
        exit(1)
      })
  }
  if (signal.aborted) onAbort()
  else signal.addEventListener('abort', onAbort, { once: true })
  return () => signal.removeEventListener('abort', onAbort)
}

/** runAction aborts with "cancelled (SIGINT)"; the signal's name is what the log shows. */
function signalName(reason: unknown): string {
  return /\b(SIG[A-Z]+)\b/.exec(reason instanceof Error ? reason.message : String(reason))?.[1] ?? 'a cancellation'
}
