import { randomBytes } from 'node:crypto'
import { dirname } from 'node:path/posix'
import type { Logger } from '../../../core/log.js'
import type { TrafficLock } from '../types.js'
import { shellQuote } from './shell.js'
import { mustExec, type Transport } from './transport.js'

/**
 * The deploy lock: a directory on the server (mkdir is atomic) holding an `owner` file, so two
 * swaps on one target run one after the other. A waiter sees who holds it and since when.
 */

export interface LockHolder {
  owner: string
  at: string
  token: string
}

export function acquireCommand(lockDir: string, holder: LockHolder): string {
  const dir = shellQuote(lockDir)
  return `mkdir -p -- ${shellQuote(dirname(lockDir))} && if mkdir -- ${dir} 2>/dev/null; then printf '%s\\n' ${shellQuote(JSON.stringify(holder))} > ${dir}/owner && echo ACQUIRED; else cat -- ${dir}/owner 2>/dev/null; echo; echo HELD; fi`
}

export function releaseCommand(lockDir: string, token: string): string {
  const dir = shellQuote(lockDir)
  return `if grep -qF -- ${shellQuote(`"token":"${token}"`)} ${dir}/owner 2>/dev/null; then rm -rf -- ${dir}; fi`
}

/** The holder described by the owner file's text; a lock just being created may have none yet. */
export function describeHolder(text: string): string {
  try {
    const holder = JSON.parse(text.trim()) as LockHolder
    return `"${holder.owner}" since ${holder.at}`
  } catch {
    return 'an unknown holder (no owner file yet)'
  }
}

export async function acquireLock(
  transport: Transport,
  lockDir: string,
  owner: string,
  timeoutMs: number,
  options: { logger: Logger; signal: AbortSignal; sleep: (ms: number, signal?: AbortSignal) => Promise<void>; now?: () => number }
): Promise<TrafficLock> {
  const now = options.now ?? Date.now
  const holder: LockHolder = { owner, at: new Date(now()).toISOString(), token: randomBytes(8).toString('hex') }
  const started = now()
  let lastReport = started
  for (;;) {
    const result = await mustExec(transport, `taking the deploy lock ${lockDir}`, acquireCommand(lockDir, holder), { signal: options.signal })
    if (result.stdout.trim().endsWith('ACQUIRED')) break
    const held = describeHolder(result.stdout.replace(/HELD\s*$/, ''))
    const waited = now() - started
    if (waited >= timeoutMs) {
      throw new Error(
        `Another deploy holds the lock on ${transport.description} (${lockDir}): ${held}; gave up after ${Math.round(waited / 1000)} s (lock-timeout). If no deploy is running, remove ${lockDir} on the server.`
      )
    }
    if (now() - lastReport >= 10_000 || waited === 0) {
      options.logger.info(`Waiting for the deploy lock on ${transport.description}, held by ${held} (${Math.round(waited / 1000)} s of ${Math.round(timeoutMs / 1000)} s)`)
      lastReport = now()
    }
    await options.sleep(Math.min(1000, Math.max(50, timeoutMs - waited)), options.signal)
  }
  let released = false
  return {
    async release() {
      if (released) return
      released = true
      await transport.exec(releaseCommand(lockDir, holder.token))
    }
  }
}
