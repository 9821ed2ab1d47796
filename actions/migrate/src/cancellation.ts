import type { Logger } from '../../../packages/core/log.js'

/**
 * On cancellation the runner sends SIGINT, then SIGTERM, then kills. On the first of them the
 * database connection is aborted (the server rolls back the migration in progress and frees the
 * lock) and the process exits. Returns a function that removes the handlers.
 */
export function abortOnSignals(abort: () => Promise<void>, log: Logger, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  let fired = false
  const handler = (signal: NodeJS.Signals): void => {
    if (fired) return
    fired = true
    log.warning(`Received ${signal}: cancelling. The migration in progress is rolled back by the database and the migration lock is released.`)
    const timer = setTimeout(() => exit(1), 5000)
    void abort()
      .catch((error: unknown) => log.debug(`abort: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        clearTimeout(timer)
        exit(1)
      })
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
  return () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
}
