import { createServer, type Server } from 'node:net'
import ssh2 from 'ssh2'
import type { Logger } from '../../../core/log.js'
import { retry } from '../../../core/retry.js'
import type { SshTarget } from './config.js'
import { fingerprintOf, verifyHostKey, type HostKeyVerdict } from './known-hosts.js'
import { readFileCommand, writeFileAtomicCommand } from './shell-files.js'
import { CommandFailed, DEFAULT_EXEC_TIMEOUT_MS, type ExecOptions, type ExecResult, type Transport } from './transport.js'

/** A refusal that retrying cannot fix: the host key, or the key being refused. */
export class SshRefused extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SshRefused'
  }
}

export interface SshConnectOptions {
  logger: Logger
  signal?: AbortSignal
  attempts?: number
  readyTimeoutMs?: number
}

/** One SSH connection (npm ssh2) to the server; commands run in the login user's shell. */
export class SshTransport implements Transport {
  readonly description: string
  private readonly forwards = new Map<number, Server>()

  private constructor(
    private readonly client: ssh2.Client,
    target: SshTarget
  ) {
    this.description = `${target.user}@${target.host}:${target.port}`
  }

  static async connect(target: SshTarget, options: SshConnectOptions): Promise<SshTransport> {
    const description = `${target.user}@${target.host}:${target.port}`
    const client = await retry(() => openClient(target, options), {
      attempts: options.attempts ?? 4,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      signal: options.signal,
      isRetryable: (error) => !(error instanceof SshRefused) && !options.signal?.aborted,
      onRetry: ({ attempt, delayMs, error }) => options.logger.info(`SSH to ${description}: attempt ${attempt} failed (${(error as Error).message}); retrying in ${delayMs} ms`)
    })
    return new SshTransport(client, target)
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(options.signal.reason ?? new Error('aborted'))
      this.client.exec(command, (error, stream) => {
        if (error) return reject(error)
        let stdout = ''
        let stderr = ''
        let settled = false
        const finish = (outcome: () => void): void => {
          if (settled) return
          settled = true
          clearTimeout(timer)
          options.signal?.removeEventListener('abort', onAbort)
          outcome()
        }
        const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS
        const timer = setTimeout(() => {
          stream.close()
          finish(() => resolve({ code: 124, stdout, stderr: `${stderr}\n(stopped waiting after ${timeoutMs} ms)` }))
        }, timeoutMs)
        const onAbort = (): void => {
          stream.close()
          finish(() => reject(options.signal?.reason ?? new Error('aborted')))
        }
        options.signal?.addEventListener('abort', onAbort, { once: true })
        stream.on('data', (chunk: Buffer) => (stdout += chunk))
        stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
        stream.on('close', (code: number | null) => finish(() => resolve({ code: code ?? 128, stdout, stderr })))
        stream.end(options.stdin ?? '')
      })
    })
  }

  async readFile(path: string, signal?: AbortSignal): Promise<string | undefined> {
    const result = await this.exec(readFileCommand(path), { signal })
    if (result.code === 3) return undefined
    if (result.code !== 0) throw new CommandFailed(`reading ${path}`, result)
    return result.stdout
  }

  async writeFileAtomic(path: string, content: string, options: { secret?: boolean; signal?: AbortSignal } = {}): Promise<void> {
    const result = await this.exec(writeFileAtomicCommand(path, options.secret ?? false), { stdin: content, signal: options.signal })
    if (result.code !== 0) throw new CommandFailed(`writing ${path}`, result)
  }

  /** A local listener whose connections are carried to the server's 127.0.0.1:port through this connection. */
  async reach(port: number): Promise<string> {
    let server = this.forwards.get(port)
    if (!server) {
      const listener = createServer((socket) => {
        this.client.forwardOut('127.0.0.1', 0, '127.0.0.1', port, (error, stream) => {
          if (error) return socket.destroy()
          socket.pipe(stream).pipe(socket)
          socket.on('error', () => stream.destroy())
          stream.on('error', () => socket.destroy())
        })
      })
      await new Promise<void>((resolve, reject) => listener.once('error', reject).listen(0, '127.0.0.1', () => resolve()))
      this.forwards.set(port, listener)
      server = listener
    }
    const address = server.address()
    return `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  }

  async close(): Promise<void> {
    for (const server of this.forwards.values()) server.close()
    this.forwards.clear()
    this.client.end()
  }
}

function openClient(target: SshTarget, options: SshConnectOptions): Promise<ssh2.Client> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client()
    let verdict: HostKeyVerdict | undefined
    let presented = ''
    client.on('ready', () => resolve(client))
    client.on('error', (error: Error & { level?: string }) => {
      client.end()
      if (verdict === 'unknown') {
        return reject(new SshRefused(`the host key of ${target.host}:${target.port} (${presented}) is not in known-hosts; add the server's line from ssh-keyscan, or set allow-unknown-host-key: true`))
      }
      if (verdict === 'mismatch') {
        return reject(new SshRefused(`the host key of ${target.host}:${target.port} (${presented}) does not match known-hosts: the server changed its key or someone is in between; refusing to connect`))
      }
      if (error.level === 'client-authentication') return reject(new SshRefused(`${target.user}@${target.host}:${target.port} refused the key from ssh-key (${error.message})`))
      reject(error)
    })
    client.connect({
      host: target.host,
      port: target.port,
      username: target.user,
      privateKey: target.privateKey,
      readyTimeout: options.readyTimeoutMs ?? 20_000,
      keepaliveInterval: 15_000,
      hostVerifier: (key: Buffer) => {
        presented = fingerprintOf(key)
        verdict = verifyHostKey(target.knownHosts, target.host, target.port, key)
        if (verdict === 'trusted') return true
        if (verdict === 'unknown' && target.allowUnknownHostKey) {
          options.logger.warning(`Trusting the unknown host key ${presented} of ${target.host}:${target.port} (allow-unknown-host-key: true); pin it in known-hosts`)
          return true
        }
        return false
      }
    })
  })
}
