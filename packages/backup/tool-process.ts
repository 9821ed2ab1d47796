import { spawn, type ChildProcess } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * A command-line tool (pg_dump, pg_restore, mysqldump, mysql) run with streamed stdin/stdout.
 * `exited` resolves on exit code 0 and rejects otherwise with the tail of its stderr, so a dump
 * that was killed or failed half-way is never mistaken for a complete one.
 */
export interface ToolProcess {
  child: ChildProcess
  stdout: Readable
  stdin?: Writable
  exited: Promise<void>
  kill(): void
}

export interface ToolOptions {
  env?: Record<string, string | undefined>
  stdin?: boolean
  signal?: AbortSignal
  /** Secrets to scrub from stderr before it becomes part of an error. */
  redact?: (text: string) => string
}

const STDERR_TAIL = 4000

export function runTool(command: string, args: readonly string[], options: ToolOptions = {}): ToolProcess {
  const child = spawn(command, args, {
    env: { ...process.env, ...options.env },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_TAIL)
  })
  // A tool that stops reading (killed, failed) must not crash the process with EPIPE.
  child.stdin?.on('error', () => undefined)
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    // A grandchild that inherited the pipes must not keep this process alive.
    child.stdout?.destroy()
    child.stderr?.destroy()
    child.stdin?.destroy()
  }
  options.signal?.addEventListener('abort', kill, { once: true })
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(new Error(error.code === 'ENOENT' ? `${command} is not installed or not on PATH` : `${command} could not start: ${error.message}`))
    })
    child.once('close', (code, signal) => {
      options.signal?.removeEventListener('abort', kill)
      if (code === 0) return resolve()
      const tail = (options.redact ?? ((t: string) => t))(stderr.trim().split('\n').slice(-5).join(' | '))
      reject(new Error(`${command} ${signal ? `was killed (${signal})` : `exited with code ${code}`}${tail ? `: ${tail}` : ''}`))
    })
  })
  exited.catch(() => undefined)
  return { child, stdout: child.stdout as Readable, stdin: child.stdin ?? undefined, exited, kill }
}

/**
 * Streams `source` into a tool's stdin and waits for both. When the source fails (digest
 * mismatch, decryption error) the tool is killed and that failure is reported; when the tool
 * quits first (its stdin then breaks with EPIPE), the tool's own message is reported instead.
 */
export async function feedTool(source: Readable, tool: { input: NodeJS.WritableStream; done: Promise<void>; abort(): void }): Promise<void> {
  const piped = pipeline(source, tool.input).catch((error: unknown) => {
    tool.abort()
    throw error
  })
  const [fed, finished] = await Promise.allSettled([piped, tool.done])
  const broken = (reason: unknown): boolean => ['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_PREMATURE_CLOSE'].includes((reason as NodeJS.ErrnoException)?.code ?? '')
  if (fed.status === 'rejected' && !broken(fed.reason)) throw fed.reason
  if (finished.status === 'rejected') throw finished.reason
  if (fed.status === 'rejected') throw fed.reason
}
