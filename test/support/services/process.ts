import { spawn, type ChildProcess } from 'node:child_process'

/** A background service process started for a test, stopped (and waited for) by stop(). */
export interface ServiceProcess {
  child: ChildProcess
  output: () => string
  stop: () => Promise<void>
}

export interface StartOptions {
  command: string
  args: string[]
  env?: Record<string, string>
  cwd?: string
  /** Resolves true once the service answers. */
  ready: () => Promise<boolean>
  timeoutMs?: number
  name: string
}

export async function startService(options: StartOptions): Promise<ServiceProcess> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let log = ''
  child.stdout?.on('data', (chunk) => (log += chunk))
  child.stderr?.on('data', (chunk) => (log += chunk))
  let exited = false
  child.on('exit', () => (exited = true))
  const stop = async (): Promise<void> => {
    if (exited) return
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await gone
    clearTimeout(timer)
  }
  const deadline = Date.now() + (options.timeoutMs ?? 20_000)
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${options.name} exited before it was ready:\n${log}`)
    if (await options.ready()) return { child, output: () => log, stop }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  await stop()
  throw new Error(`${options.name} was not ready within ${options.timeoutMs ?? 20_000} ms:\n${log}`)
}
