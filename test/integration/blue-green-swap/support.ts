import { readFileSync, readdirSync } from 'node:fs'
import { appRelease, type HostTarget } from '../../support/host-target.js'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'

/** Runs dist/blue-green-swap/index.js as the runner does, with `provider: host, host: local` on the target. */
export async function swap(target: HostTarget, inputs: Record<string, string>, options: { timeoutMs?: number; onStdout?: (chunk: string) => void } = {}): Promise<RunResult> {
  const hostInputs = Object.fromEntries(Object.entries(target.inputs).filter((entry): entry is [string, string] => entry[1] !== undefined))
  const result = await runAction({
    action: 'blue-green-swap',
    inputs: { provider: 'host', ...hostInputs, 'public-url': target.url, ...inputs },
    timeoutMs: options.timeoutMs ?? 90_000,
    onStdout: options.onStdout
  })
  await cleanup(result)
  return result
}

/** Inputs of a deploy of the versioned sample app (the process runtime sets APP_VERSION from the version). */
export function deployInputs(version: string, extra: Record<string, string> = {}): Record<string, string> {
  return { version, command: appRelease(version).command as string, 'check-path': '/health', ...extra }
}

/** The pid of the action bundle this process started (for a cancellation test): a child of ours running the bundle. */
export function bundlePid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8')
      if (ppid === process.pid && cmdline.includes('dist/blue-green-swap/index.js')) return Number(entry)
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined
}

export function upstream(target: HostTarget): string {
  return readFileSync(target.nginx.upstreamFile, 'utf8')
}

export function state(target: HostTarget): string {
  try {
    return readFileSync(target.config().statePath, 'utf8')
  } catch {
    return ''
  }
}
