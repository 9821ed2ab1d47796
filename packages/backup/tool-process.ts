import { spawn, type ChildProcess } from 'node:child_process'
import type { Readable, Writable } from 'node:stream'

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
  /** A closure, safe to pass around unbound. */
  kill: () => void
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

const BROKEN = ['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_PREMATURE_CLOSE']
const broken = (reason: unknown): boolean => BROKEN.includes((reason as NodeJS.ErrnoException)?.code ?? '')

/**
 * Writes `source` into `input` and resolves once the source has ENDED — every byte read, so every
 * check the source makes at its end (the backup's digest) has passed. A reader that stops early
 * (pg_restore knows from the archive where it ends and may exit before the last bytes) is not an
 * error here: the rest is read and discarded. Rejects with the source's own error, or with a
 * premature close when the source is destroyed (a failed tool is stopped that way).
 */
export function deliver(source: Readable, input: NodeJS.WritableStream): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let closed = false
    const stopWriting = (): void => {
      closed = true
      source.resume()
    }
    input.on('error', stopWriting)
    input.once('close', stopWriting)
    source.on('data', (chunk: Buffer) => {
      if (closed) return
      if (!input.write(chunk)) {
        source.pause()
        input.once('drain', () => source.resume())
      }
    })
    source.once('end', () => {
      if (!closed) input.end()
      resolve()
    })
    source.once('error', reject)
    source.once('close', () => {
      if (!source.readableEnded) reject(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))
    })
  })
}

/**
 * Streams `source` into a tool's stdin and waits for both: success needs the whole source read
 * (its digest checked) AND the tool's exit 0. When the source fails (digest mismatch, decryption
 * error) the tool is killed and that failure is reported; when the tool fails first, the source is
 * stopped and the tool's own message is reported.
 */
export async function feedTool(source: Readable, tool: { input: NodeJS.WritableStream; done: Promise<void>; abort(): void }): Promise<void> {
  const fed = deliver(source, tool.input).catch((error: unknown) => {
    tool.abort()
    throw error
  })
  // A tool that failed will read no more: stop reading the store for it.
  tool.done.catch(() => source.destroy())
  const [delivered, finished] = await Promise.allSettled([fed, tool.done])
  if (delivered.status === 'rejected' && !broken(delivered.reason)) throw delivered.reason
  if (finished.status === 'rejected') throw finished.reason
  if (delivered.status === 'rejected') throw delivered.reason
}
