import { createServer, type Server } from 'node:net'
import ssh2 from 'ssh2'
import { abortReason } from '../../../core/abort-reason.js'
import { InputError } from '../../../core/input-error.js'
import type { Logger } from '../../../core/log.js'
import { retry } from '../../../core/retry.js'
import type { SshTarget } from './config.js'
import { fingerprintOf, verifyHostKey, type HostKeyVerdict } from './known-hosts.js'
import { readFileCommand, writeFileAtomicCommand } from './shell-files.js'
import { CommandFailed, DEFAULT_EXEC_TIMEOUT_MS, type ExecOptions, type ExecResult, type Transport } from './transport.js'

/** A refusal that retrying cannot fix (the host key, the key being refused): an input problem, named as one. */
export class SshRefused extends InputError {}

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

  private alive = true
  private closing = false

  private constructor(
    private client: ssh2.Client,
    private readonly target: SshTarget,
    private readonly options: SshConnectOptions
  ) {
    this.description = `${target.user}@${target.host}:${target.port}`
    this.watch(client)
  }

  static async connect(target: SshTarget, options: SshConnectOptions): Promise<SshTransport> {
    return new SshTransport(await connectWithRetry(target, options), target, options)
  }

  private watch(client: ssh2.Client): void {
    client.on('close', () => {
      if (client === this.client) this.alive = false
    })
  }

  /** The connection, opened again (with retries) if it dropped between commands: a command is never sent twice. */
  private async live(): Promise<ssh2.Client> {
    if (this.alive || this.closing) return this.client
    this.options.logger.info(`SSH connection to ${this.description} dropped; connecting again`)
    this.client = await connectWithRetry(this.target, this.options)
    this.alive = true
    this.watch(this.client)
    return this.client
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const client = await this.live()
    return this.execOn(client, command, options)
  }

  private execOn(client: ssh2.Client, command: string, options: ExecOptions): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(abortReason(options.signal))
      client.exec(command, (error, stream) => {
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
          finish(() => reject(abortReason(options.signal)))
        }
        options.signal?.addEventListener('abort', onAbort, { once: true })
        stream.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
        stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
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

  close(): Promise<void> {
    this.closing = true
    for (const server of this.forwards.values()) server.close()
    this.forwards.clear()
    this.client.end()
    return Promise.resolve()
  }
}

async function connectWithRetry(target: SshTarget, options: SshConnectOptions): Promise<ssh2.Client> {
  const description = `${target.user}@${target.host}:${target.port}`
  try {
    return await retry(() => openClient(target, options), {
      attempts: options.attempts ?? 4,
      baseDelayMs: 1000,
      maxDelayMs: 8000,
      signal: options.signal,
      isRetryable: (error) => !(error instanceof SshRefused) && !options.signal?.aborted,
      onRetry: ({ attempt, delayMs, error }) => options.logger.info(`SSH to ${description}: attempt ${attempt} failed (${(error as Error).message}); retrying in ${delayMs} ms`)
    })
  } catch (error) {
    if (error instanceof SshRefused || options.signal?.aborted) throw error
    throw new InputError('host', `cannot be reached over SSH as ${description} (${(error as Error).message})`, 'a server that accepts SSH on ssh-port from the runner')
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
        return reject(
          new SshRefused(
            'known-hosts',
            `has no key for ${target.host}:${target.port}, which presented ${presented}: the host key of an unknown server is refused`,
            "the server's line from ssh-keyscan (or allow-unknown-host-key: true)"
          )
        )
      }
      if (verdict === 'mismatch') {
        return reject(
          new SshRefused(
            'known-hosts',
            `does not match the key ${target.host}:${target.port} presented (${presented}): the server changed its key or someone is in between; refusing to connect`,
            'the key the server really has, checked out of band'
          )
        )
      }
      if (error.level === 'client-authentication')
        return reject(
          new SshRefused('ssh-key', `was refused by ${target.user}@${target.host}:${target.port} (${error.message})`, "a private key whose public key is in the user's authorized_keys")
        )
      reject(error)
    })
    try {
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
    } catch (error) {
      // ssh2 throws at once on a key it cannot parse; never quote the key.
      reject(new SshRefused('ssh-key', `cannot be used (${(error as Error).message.replace(/\s+/g, ' ')})`, 'an unencrypted OpenSSH, RSA, ECDSA or Ed25519 private key'))
    }
  })
}
