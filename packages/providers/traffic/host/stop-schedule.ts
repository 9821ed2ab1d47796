import { shellQuote } from './shell.js'

/**
 * Stopping a color later, on the server itself, so a job does not wait out keep-previous: a
 * detached `sleep; stop` whose pid is kept in a file so a rollback or the next deploy can cancel it (pure).
 */
export function scheduleStopCommand(pidFile: string, delayMs: number, stop: string): string {
  const seconds = Math.max(0, Math.ceil(delayMs / 1000))
  const body = `sleep ${seconds}; ${stop}; rm -f -- ${shellQuote(pidFile)}`
  return `${cancelStopCommand(pidFile)}; nohup setsid sh -c ${shellQuote(body)} > /dev/null 2>&1 < /dev/null & echo $! > ${shellQuote(pidFile)}`
}

export function cancelStopCommand(pidFile: string): string {
  const file = shellQuote(pidFile)
  return `if pid=$(cat -- ${file} 2>/dev/null); then kill -TERM -"$pid" 2>/dev/null; rm -f -- ${file}; fi; true`
}
