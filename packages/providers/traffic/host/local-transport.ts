import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { abortReason } from '../../../core/abort-reason.js'
import { DEFAULT_EXEC_TIMEOUT_MS, type ExecOptions, type ExecResult, type Transport } from './transport.js'

/** The runner is the server: commands run in `sh -c`, files are written with Node. */
export class LocalTransport implements Transport {
  readonly description = 'local'

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(abortReason(options.signal))
      const child = spawn('sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk) => (stdout += chunk))
      child.stderr.on('data', (chunk) => (stderr += chunk))
      const timeoutMs = options.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS
      const timer = setTimeout(() => {
        stderr += `\n(killed after ${timeoutMs} ms)`
        child.kill('SIGKILL')
      }, timeoutMs)
      const onAbort = (): void => {
        child.kill('SIGKILL')
      }
      options.signal?.addEventListener('abort', onAbort, { once: true })
      child.on('error', (error) => {
        clearTimeout(timer)
        reject(error)
      })
      child.on('close', (code) => {
        clearTimeout(timer)
        options.signal?.removeEventListener('abort', onAbort)
        if (options.signal?.aborted) return reject(abortReason(options.signal))
        resolve({ code: code ?? 128, stdout, stderr })
      })
      child.stdin.on('error', () => {})
      child.stdin.end(options.stdin ?? '')
    })
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      return await readFile(path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw error
    }
  }

  async writeFileAtomic(path: string, content: string, options: { secret?: boolean } = {}): Promise<void> {
    await mkdir(dirname(path), { recursive: true })
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
    try {
      // Created with its final mode: a secret is never readable by others, even for an instant.
      await writeFile(temporary, content, { mode: options.secret ? 0o600 : 0o644 })
      await rename(temporary, path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }

  reach(port: number): Promise<string> {
    return Promise.resolve(`127.0.0.1:${port}`)
  }

  async close(): Promise<void> {}
}
