import { posix } from 'node:path'
import { abortReason } from '../../../core/abort-reason.js'
import type { Logger } from '../../../core/log.js'
import { otherColor } from '../types.js'
import type { AccessLogEntry, Color, DeployRecord, PausedDeployment, PreparedTarget, Release, TrafficLock, TrafficProvider, TrafficProviderDeps, TrafficStatus } from '../types.js'
import type { HostConfig } from './config.js'
import { DockerRuntime } from './docker-runtime.js'
import { acquireLock } from './lock.js'
import { accessLogSinceCommand, parseAccessLog } from './nginx-mapping.js'
import { createRouter, type TrafficRouter } from './nginx-router.js'
import { ProcessRuntime } from './process-runtime.js'
import type { Runtime } from './runtime.js'
import { commandLine } from './shell.js'
import { toStatus, weightsFor, withRecord, type HostState } from './state-mapping.js'
import { StateStore } from './state-store.js'
import { cancelStopCommand, scheduleStopCommand } from './stop-schedule.js'
import { CommandFailed, lastLines, mustExec, type Transport } from './transport.js'

const defaultSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(abortReason(signal))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })

/**
 * One server, the app behind nginx. Each color runs on its own loopback port (docker or a plain
 * process); nginx's upstream include decides who gets traffic; the state file beside the run
 * folder remembers versions, the paused deployment and the history.
 */
export class HostTrafficProvider implements TrafficProvider {
  readonly name = 'host'
  readonly supportsWeights = true
  readonly router: TrafficRouter
  readonly readAccessLog?: (sinceMs: number, signal: AbortSignal) => Promise<AccessLogEntry[]>
  private readonly runtime: Runtime
  private readonly store: StateStore
  private readonly runDir: string
  private readonly logger: Logger
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>

  constructor(
    private readonly transport: Transport,
    private readonly config: HostConfig,
    deps: TrafficProviderDeps & { now?: () => Date }
  ) {
    this.logger = deps.logger
    this.sleep = deps.sleep ?? defaultSleep
    this.runDir = posix.dirname(config.statePath)
    this.store = new StateStore(transport, config.statePath, deps.now)
    this.router = createRouter(transport, config, deps.logger)
    this.runtime = config.runtime === 'docker' ? new DockerRuntime(transport, config, this.runDir) : new ProcessRuntime(transport, config, this.runDir)
    const accessLog = config.nginx.accessLog
    if (accessLog) {
      this.readAccessLog = async (sinceMs, signal) => {
        const result = await mustExec(transport, `reading the access log ${accessLog}`, accessLogSinceCommand(accessLog, sinceMs), { signal })
        return parseAccessLog(result.stdout, config.ports, sinceMs)
      }
    }
  }

  publicUrl(): string {
    return this.config.publicUrl
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    const state = await this.store.read(signal)
    const status = toStatus(state)
    // What nginx is told (upstream file or flag link) wins over a state file that missed its last write.
    const weights = await this.router.current(signal)
    if (weights) status.weights = weights
    return status
  }

  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    const lock = await acquireLock(this.transport, `${this.config.statePath}.lock`, owner, timeoutMs, { logger: this.logger, signal, sleep: this.sleep })
    // Whatever was read before holding the lock may be stale now.
    this.store.forget()
    this.router.forget()
    return lock
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    this.runtime.check(release)
    const state = await this.store.read(signal)
    const color = otherColor(state.active)
    const weights = (await this.status(signal)).weights
    if (weights[color] > 0) throw new Error(`${color} still serves ${weights[color]}% of traffic; it cannot be replaced (roll back or finish the paused deployment first)`)
    await mustExec(this.transport, `cancelling a scheduled stop of ${color}`, cancelStopCommand(this.stopPidFile(color)), { signal })
    await this.store.update(
      (s) => ({ ...s, colors: { ...s.colors, [color]: { version: release.version, image: release.image, command: release.command, running: true, startedAt: new Date().toISOString() } } }),
      signal
    )
    this.logger.info(`Starting ${release.version} on ${color} (port ${this.config.ports[color]}, ${this.config.runtime} runtime on ${this.transport.description})`)
    try {
      // Whatever ran on the idle color goes first; then the port must be free, or a stray process
      // there would answer green's health checks in its place.
      await mustExec(this.transport, `stopping what ran on ${color}`, this.runtime.stopCommand(color), { signal })
      await this.assertPortFree(color, signal)
      await this.runtime.start(color, release, signal)
      await this.waitHealthy(color, signal)
    } catch (error) {
      // Blue was never touched; green is stopped so nothing half-started stays behind.
      const cleanup = signal.aborted ? AbortSignal.timeout(10_000) : signal
      await this.transport.exec(this.runtime.stopCommand(color), { signal: cleanup }).catch(() => undefined)
      await this.store.update((s) => ({ ...s, colors: { ...s.colors, [color]: s.colors[color] && { ...s.colors[color], running: false } } }), cleanup).catch(() => undefined)
      throw error
    }
    return { color, version: release.version, directUrl: `http://${await this.transport.reach(this.config.ports[color])}` }
  }

  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    const weights = weightsFor(color, percent)
    const timings = await this.router.apply(weights, signal)
    this.logger.info(
      `nginx: ${color} ${weights[color]}%, ${otherColor(color)} ${weights[otherColor(color)]}% (${ms(timings.totalMs)}${timings.testMs !== undefined ? `: write ${ms(timings.writeMs ?? 0)}, nginx -t ${ms(timings.testMs)}, reload ${ms(timings.reloadMs ?? 0)}` : ''})`
    )
    await this.store.update((s) => ({ ...s, weights }), signal)
  }

  async promote(color: Color, version: string, keepPreviousMs: number, signal: AbortSignal): Promise<void> {
    const current = await this.status(signal)
    if (current.weights[color] !== 100) await this.shift(color, 100, signal)
    const previous = otherColor(color)
    const state = await this.store.read(signal)
    const stopAfterMs = Math.max(keepPreviousMs, this.config.drainMs)
    if (state.colors[previous]?.running) {
      await mustExec(this.transport, `scheduling the stop of ${previous}`, scheduleStopCommand(this.stopPidFile(previous), stopAfterMs, this.runtime.stopCommand(previous)), { signal })
      this.logger.info(`${previous} (${state.colors[previous]?.version}) keeps running for ${Math.round(stopAfterMs / 1000)} s, then stops`)
    }
    const stopAt = new Date(Date.now() + stopAfterMs).toISOString()
    await this.store.update(
      (s) => ({
        ...s,
        active: color,
        weights: weightsFor(color, 100),
        paused: undefined,
        colors: {
          ...s.colors,
          [color]: { ...(s.colors[color] ?? { running: true, startedAt: new Date().toISOString() }), version },
          ...(s.colors[previous] ? { [previous]: { ...s.colors[previous], stopAt } } : {})
        }
      }),
      signal
    )
  }

  async rollback(to: Color, reason: string, signal: AbortSignal): Promise<void> {
    const failed = otherColor(to)
    const state = await this.store.read(signal)
    const target = state.colors[to]
    await mustExec(this.transport, `cancelling a scheduled stop of ${to}`, cancelStopCommand(this.stopPidFile(to)), { signal })
    if (target) {
      const probe = await this.runtime.probe(to, signal)
      if (probe.state === 'exited') {
        this.logger.info(`${to} (${target.version}) was stopped; starting it again`)
        await this.runtime.restart(to, target, signal)
        await this.waitHealthy(to, signal)
      }
      const weights = (await this.router.current(signal)) ?? state.weights
      // The router first (the state is written once, below): a rollback is on the clock, e.g. after a cancellation.
      if (weights[to] !== 100) {
        const timings = await this.router.apply(weightsFor(to, 100), signal)
        this.logger.info(`nginx: ${to} 100% (${ms(timings.totalMs)})`)
      }
    } else {
      this.logger.warning(`Nothing was ever deployed on ${to}: nginx is left as it is`)
    }
    const failedRecord = state.colors[failed]
    if (failedRecord?.running) {
      await mustExec(this.transport, `scheduling the stop of ${failed}`, scheduleStopCommand(this.stopPidFile(failed), this.config.drainMs, this.runtime.stopCommand(failed)), { signal })
    }
    await this.store.update((s) => {
      const next: HostState = {
        ...s,
        active: to,
        weights: target ? weightsFor(to, 100) : s.weights,
        paused: undefined,
        colors: {
          ...s.colors,
          ...(s.colors[to] ? { [to]: { ...s.colors[to], running: true, stopAt: undefined } } : {}),
          ...(s.colors[failed] ? { [failed]: { ...s.colors[failed], running: false } } : {})
        }
      }
      // A failed start is recorded too; a second rollback of the same version is not.
      const last = s.history[0]
      const already = last?.outcome === 'rolled-back' && last.version === failedRecord?.version && last.color === failed
      return failedRecord && !already
        ? withRecord(next, { version: failedRecord.version, color: failed, at: new Date().toISOString(), outcome: 'rolled-back', reason }, this.config.historyLimit)
        : next
    }, signal)
  }

  async savePaused(paused: PausedDeployment | undefined, signal: AbortSignal): Promise<void> {
    await this.store.update((s) => ({ ...s, paused }), signal)
  }

  async record(entry: DeployRecord, signal: AbortSignal): Promise<void> {
    await this.store.update((s) => withRecord(s, entry, this.config.historyLimit), signal)
  }

  async close(): Promise<void> {
    await this.transport.close()
  }

  private stopPidFile(color: Color): string {
    return posix.join(this.runDir, `${color}.stop.pid`)
  }

  private async assertPortFree(color: Color, signal: AbortSignal): Promise<void> {
    const port = this.config.ports[color]
    // curl exits 7 when nothing accepts the connection; without curl the check is skipped.
    const probe = `command -v curl >/dev/null 2>&1 || exit 7; curl -s -o /dev/null --max-time 2 ${commandLine([`http://127.0.0.1:${port}/`])}; echo $?`
    const result = await this.transport.exec(probe, { signal, timeoutMs: 10_000 })
    if (result.code === 0 && result.stdout.trim() !== '7') {
      throw new Error(`port ${port} (${color}) is already taken by a process this deploy did not start; stop it or choose another ${color}-port`)
    }
  }

  /** Until the color's health path answers 2xx on the server; an exited process or container fails at once with its last output. */
  private async waitHealthy(color: Color, signal: AbortSignal): Promise<void> {
    const started = Date.now()
    const url = `http://127.0.0.1:${this.config.ports[color]}${this.config.healthPath}`
    const check = `if command -v curl >/dev/null 2>&1; then ${commandLine(['curl', '-fsS', '-o', '/dev/null', '--max-time', '2', url])}; else ${commandLine(['wget', '-q', '-O', '/dev/null', '-T', '2', url])}; fi`
    let lastReport = started
    let last: string
    for (;;) {
      const probe = await this.runtime.probe(color, signal)
      if (probe.state === 'exited') {
        throw new Error(`${color} exited while starting (${probe.detail ?? 'exited'}); last output: ${lastLines(await this.runtime.logs(color, signal))}`)
      }
      if (probe.state === 'running') {
        const result = await this.transport.exec(check, { signal, timeoutMs: 10_000 })
        if (result.code === 0) {
          this.logger.info(`${color} is healthy (${url} after ${ms(Date.now() - started)})`)
          return
        }
        last = lastLines(result.stderr || `exit ${result.code}`, 1)
      } else {
        last = probe.detail ?? probe.state
      }
      const waited = Date.now() - started
      if (waited >= this.config.startTimeoutMs) {
        throw new CommandFailed(`${color} did not become healthy within ${Math.round(this.config.startTimeoutMs / 1000)} s (start-timeout) at ${url}`, {
          code: 1,
          stdout: '',
          stderr: `${last}\n${await this.runtime.logs(color, signal)}`
        })
      }
      if (Date.now() - lastReport >= 5000) {
        this.logger.info(`Waiting for ${color} to be healthy at ${url} (${Math.round(waited / 1000)} s of ${Math.round(this.config.startTimeoutMs / 1000)} s): ${last}`)
        lastReport = Date.now()
      }
      await this.sleep(250, signal)
    }
  }
}

function ms(value: number): string {
  return `${Math.round(value)} ms`
}
