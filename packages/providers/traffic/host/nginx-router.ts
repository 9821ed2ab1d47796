import type { Logger } from '../../../core/log.js'
import type { Color } from '../types.js'
import type { HostConfig } from './config.js'
import { SWITCH_RELOAD_FAILED, SWITCH_TEST_FAILED, switchCommand, switchTimings, upstreamConfig } from './nginx-mapping.js'
import { CommandFailed, type Transport } from './transport.js'

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
export class NginxRouter {
  lastTimings: SwitchTimings | undefined

  constructor(
    private readonly transport: Transport,
    private readonly config: Pick<HostConfig, 'nginx' | 'ports' | 'sudo'>,
    private readonly logger: Logger
  ) {}

  // Not tied to the run's signal: a switch script cut off half-way could skip its restore.
  async apply(weights: Record<Color, number>, _signal?: AbortSignal): Promise<SwitchTimings> {
    const file = this.config.nginx.upstreamFile
    const started = performance.now()
    const result = await this.transport.exec(switchCommand(file, { ...this.config.nginx, sudo: this.config.sudo }), { stdin: upstreamConfig(this.config.ports, weights), timeoutMs: 30_000 })
    if (result.code === SWITCH_TEST_FAILED) throw new CommandFailed(`nginx -t with the new upstream file ${file} (the last good file is back in place)`, result)
    if (result.code === SWITCH_RELOAD_FAILED) throw new CommandFailed('nginx reload (the last good upstream file is back in place; nginx keeps serving its previous configuration)', result)
    if (result.code !== 0) throw new CommandFailed(`writing the upstream file ${file}`, result)
    this.lastTimings = { totalMs: performance.now() - started, ...switchTimings(result.stdout) }
    this.logger.debug(`nginx switch: ${JSON.stringify(this.lastTimings)}`)
    return this.lastTimings
  }
}
