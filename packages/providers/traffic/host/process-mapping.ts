import { posix } from 'node:path'
import type { Color } from '../types.js'
import { commandLine, ENV_NAME, shellEnvFile, shellQuote } from './shell.js'

/**
 * Command lines of the `process` runtime (pure). Each color has, in the run folder beside the
 * state file: `<color>.run.sh` (mode 600: the release's environment, PORT, COLOR, then the
 * command), `<color>.pid` and `<color>.log`. The process runs in its own session, so stopping
 * the color signals the whole process group.
 */
export interface ProcessPaths {
  launcher: string
  pidFile: string
  logFile: string
}

export function processPaths(runDir: string, color: Color): ProcessPaths {
  return { launcher: posix.join(runDir, `${color}.run.sh`), pidFile: posix.join(runDir, `${color}.pid`), logFile: posix.join(runDir, `${color}.log`) }
}

export function launcherScript(options: { command: string; color: Color; port: number; version: string; env: Record<string, string>; workdir?: string }): string {
  const bad = Object.keys(options.env).find((key) => !ENV_NAME.test(key))
  if (bad !== undefined) throw new Error(`environment variable name "${bad}" is not a shell variable name`)
  return (
    [
      '# Written by deploy-actions blue-green-swap (process runtime).',
      shellEnvFile(options.env).trimEnd(),
      shellEnvFile({ PORT: String(options.port), COLOR: options.color, APP_VERSION: options.version }).trimEnd(),
      options.workdir ? `cd ${shellQuote(options.workdir)} || exit 1` : '',
      `exec sh -c ${shellQuote(options.command)}`
    ]
      .filter((line) => line !== '')
      .join('\n') + '\n'
  )
}

/** Starts the launcher detached (own session, no terminal, output to the log) and records its pid. */
export function startCommand(paths: ProcessPaths): string {
  return `nohup setsid sh ${shellQuote(paths.launcher)} > ${shellQuote(paths.logFile)} 2>&1 < /dev/null & echo $! > ${shellQuote(paths.pidFile)}`
}

/** Prints `running` or `exited`; a zombie (exited, not yet reaped) counts as exited. */
export function probeCommand(paths: ProcessPaths): string {
  return `pid=$(cat -- ${shellQuote(paths.pidFile)} 2>/dev/null) && kill -0 "$pid" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$pid/status" && echo running || echo exited`
}

/** TERM to the process group, up to `graceSeconds` to exit, then KILL; succeeds when nothing runs. */
export function stopCommand(paths: ProcessPaths, graceSeconds: number): string {
  const pidFile = shellQuote(paths.pidFile)
  const ticks = Math.max(1, Math.round(graceSeconds * 10))
  return `if pid=$(cat -- ${pidFile} 2>/dev/null); then kill -TERM -"$pid" 2>/dev/null; i=0; while kill -0 -"$pid" 2>/dev/null && [ $i -lt ${ticks} ]; do sleep 0.1; i=$((i+1)); done; kill -KILL -"$pid" 2>/dev/null; rm -f -- ${pidFile}; fi; true`
}

export function logsCommand(paths: ProcessPaths, lines = 20): string {
  return commandLine(['tail', '-n', String(lines), paths.logFile]) + ' 2>/dev/null || true'
}
