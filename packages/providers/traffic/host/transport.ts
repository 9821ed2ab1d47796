/**
 * How the host provider reaches its server: over SSH, or on the runner itself (`host: local`).
 * Commands are POSIX shell command lines (built with shell.ts); paths are absolute or relative to
 * the SSH user's home (local: the working directory).
 */
export interface ExecResult {
  code: number
  stdout: string
  stderr: string
}

export interface ExecOptions {
  /** Written to the command's standard input, then closed (keeps secrets off the command line). */
  stdin?: string
  signal?: AbortSignal
  /** The command is killed after this long; default 120 s. */
  timeoutMs?: number
}

export interface Transport {
  /** `local`, or `user@host:port`: shown in progress output and errors. */
  readonly description: string
  exec(command: string, options?: ExecOptions): Promise<ExecResult>
  /** The file's text, or undefined when it does not exist. */
  readFile(path: string, signal?: AbortSignal): Promise<string | undefined>
  /** Readers see the old content or the whole new one, never a part; created with mode 600 when `secret`. */
  writeFileAtomic(path: string, content: string, options?: { secret?: boolean; signal?: AbortSignal }): Promise<void>
  /** `host:port` where the runner reaches the server's loopback port (over SSH: a forwarded local port). */
  reach(port: number): Promise<string>
  close(): Promise<void>
}

export const DEFAULT_EXEC_TIMEOUT_MS = 120_000

/** Thrown when a command the provider needs exits non-zero; names the step, never the env. */
export class CommandFailed extends Error {
  constructor(
    readonly step: string,
    readonly result: ExecResult
  ) {
    super(`${step} failed (exit ${result.code}): ${lastLines(result.stderr || result.stdout)}`)
    this.name = 'CommandFailed'
  }
}

export function lastLines(text: string, count = 5): string {
  const lines = text
    .trim()
    .split('\n')
    .filter((line) => line.trim() !== '')
  return lines.length === 0 ? '(no output)' : lines.slice(-count).join(' | ')
}

/** Runs a command and throws CommandFailed naming `step` unless it exits 0. */
export async function mustExec(transport: Transport, step: string, command: string, options?: ExecOptions): Promise<ExecResult> {
  const result = await transport.exec(command, options)
  if (result.code !== 0) throw new CommandFailed(step, result)
  return result
}
