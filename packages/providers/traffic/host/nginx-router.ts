import type { Logger } from '../../../core/log.js'
import type { Color } from '../types.js'
import type { HostConfig } from './config.js'
import { flagReadCommand, flagSwitchCommand, weightsFromFlag } from './flag-mapping.js'
import { SWITCH_RELOAD_FAILED, SWITCH_TEST_FAILED, switchCommand, switchTimings, upstreamConfig, weightsFromUpstream } from './nginx-mapping.js'
import { CommandFailed, type Transport } from './transport.js'

/** Who decides where nginx sends requests: the upstream file (reload) or flag files (no reload). */
export interface TrafficRouter {
  lastTimings: SwitchTimings | undefined
  apply(weights: Record<Color, number>, signal?: AbortSignal): Promise<SwitchTimings>
  /** The weights nginx applies now, read from the server; undefined when it was never switched by us. */
  current(signal?: AbortSignal): Promise<Record<Color, number> | undefined>
  /** Forget the weights this run applied: the next current() reads the server. */
  forget(): void
}

export function createRouter(transport: Transport, config: Pick<HostConfig, 'nginx' | 'ports' | 'sudo'>, logger: Logger): TrafficRouter {
  return config.nginx.switch === 'flag-files' ? new FlagRouter(transport, config.nginx.flagDir ?? '', logger) : new NginxRouter(transport, config, logger)
}

export interface SwitchTimings {
  /** The whole round trip as the runner saw it. */
  totalMs: number
  writeMs?: number
  testMs?: number
  reloadMs?: number
}

/**
 * Switches nginx's upstream in one round trip: write the include, `nginx -t`, reload and wait
 * until the old workers stop accepting. Never leaves a file that fails `nginx -t`: on a failed
 * test or reload the last good file is put back (switchCommand). A reload is graceful: old
 * workers finish their in-flight requests before they exit.
 */
export class NginxRouter implements TrafficRouter {
  lastTimings: SwitchTimings | undefined
  /** What this run last applied: the file is ours while the deploy lock is held. */
  private applied: Record<Color, number> | undefined

  constructor(
    private readonly transport: Transport,
    private readonly config: Pick<HostConfig, 'nginx' | 'ports' | 'sudo'>,
    private readonly logger: Logger
  ) {}

  // Not tied to the run's signal: a switch script cut off half-way could skip its restore.
  async apply(weights: Record<Color, number>, _signal?: AbortSignal): Promise<SwitchTimings> {
    const file = this.config.nginx.upstreamFile ?? ''
    const started = performance.now()
    const result = await this.transport.exec(switchCommand(file, { ...this.config.nginx, sudo: this.config.sudo }), { stdin: upstreamConfig(this.config.ports, weights), timeoutMs: 30_000 })
    if (result.code === SWITCH_TEST_FAILED) throw new CommandFailed(`nginx -t with the new upstream file ${file} (the last good file is back in place)`, result)
    if (result.code === SWITCH_RELOAD_FAILED) throw new CommandFailed('nginx reload (the last good upstream file is back in place; nginx keeps serving its previous configuration)', result)
    if (result.code !== 0) throw new CommandFailed(`writing the upstream file ${file}`, result)
    this.lastTimings = { totalMs: performance.now() - started, ...switchTimings(result.stdout) }
    this.applied = { ...weights }
    this.logger.debug(`nginx switch: ${JSON.stringify(this.lastTimings)}`)
    return this.lastTimings
  }

  forget(): void {
    this.applied = undefined
  }

  async current(signal?: AbortSignal): Promise<Record<Color, number> | undefined> {
    if (this.applied) return { ...this.applied }
    const text = await this.transport.readFile(this.config.nginx.upstreamFile ?? '', signal)
    return text === undefined ? undefined : weightsFromUpstream(this.config.ports, text)
  }
}

/** `nginx-switch: flag-files`: one symlink rename, no reload (flag-mapping.ts). */
export class FlagRouter implements TrafficRouter {
  lastTimings: SwitchTimings | undefined
  private applied: Record<Color, number> | undefined

  constructor(
    private readonly transport: Transport,
    private readonly flagDir: string,
    private readonly logger: Logger
  ) {}

  async apply(weights: Record<Color, number>, _signal?: AbortSignal): Promise<SwitchTimings> {
    const started = performance.now()
    const result = await this.transport.exec(flagSwitchCommand(this.flagDir, weights.green), { timeoutMs: 30_000 })
    if (result.code !== 0) throw new CommandFailed(`switching the flag files in ${this.flagDir}`, result)
    this.lastTimings = { totalMs: performance.now() - started, ...switchTimings(result.stdout) }
    this.applied = { ...weights }
    this.logger.debug(`nginx flag switch: ${JSON.stringify(this.lastTimings)}`)
    return this.lastTimings
  }

  forget(): void {
    this.applied = undefined
  }

  async current(signal?: AbortSignal): Promise<Record<Color, number> | undefined> {
    if (this.applied) return { ...this.applied }
    return weightsFromFlag((await this.transport.exec(flagReadCommand(this.flagDir), { signal })).stdout)
  }
}
