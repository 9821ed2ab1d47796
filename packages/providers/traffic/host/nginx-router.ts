import type { Logger } from '../../../core/log.js'
import type { Color } from '../types.js'
import type { HostConfig } from './config.js'
import { nginxTestCommand, reloadAndWaitCommand, upstreamConfig } from './nginx-mapping.js'
import { commandLine } from './shell.js'
import { CommandFailed, type Transport } from './transport.js'

export interface SwitchTimings {
  writeMs: number
  testMs: number
  reloadMs: number
}

/**
 * Switches nginx's upstream: write the include, `nginx -t`, reload. Never leaves a file that fails
 * `nginx -t`: on a failed test or reload the last good file is put back (and tested again).
 * A reload is graceful: old workers finish their in-flight requests before they exit.
 */
export class NginxRouter {
  lastTimings: SwitchTimings | undefined

  constructor(
    private readonly transport: Transport,
    private readonly config: Pick<HostConfig, 'nginx' | 'ports' | 'sudo'>,
    private readonly logger: Logger
  ) {}

  async apply(weights: Record<Color, number>, signal?: AbortSignal): Promise<SwitchTimings> {
    const file = this.config.nginx.upstreamFile
    const options = { ...this.config.nginx, sudo: this.config.sudo }
    const wanted = upstreamConfig(this.config.ports, weights)
    const t0 = performance.now()
    const lastGood = await this.transport.readFile(file, signal)
    await this.transport.writeFileAtomic(file, wanted, { signal })
    const t1 = performance.now()
    const test = await this.transport.exec(nginxTestCommand(options), { signal })
    const t2 = performance.now()
    if (test.code !== 0) {
      await this.restore(file, lastGood)
      throw new CommandFailed(`nginx -t with the new upstream file ${file} (the last good file is back in place)`, test)
    }
    const reload = await this.transport.exec(reloadAndWaitCommand(options), { signal })
    const t3 = performance.now()
    if (reload.code !== 0) {
      await this.restore(file, lastGood)
      throw new CommandFailed(`nginx reload (the last good upstream file is back in place; nginx keeps serving its previous configuration)`, reload)
    }
    this.lastTimings = { writeMs: t1 - t0, testMs: t2 - t1, reloadMs: t3 - t2 }
    return this.lastTimings
  }

  // Not tied to the run's signal: a cancelled job must still put the good file back.
  private async restore(file: string, lastGood: string | undefined): Promise<void> {
    if (lastGood === undefined) {
      this.logger.warning(`No previous ${file} to restore; removing the rejected one`)
      await this.transport.exec(commandLine(['rm', '-f', '--', file]))
      return
    }
    await this.transport.writeFileAtomic(file, lastGood)
    const check = await this.transport.exec(nginxTestCommand({ ...this.config.nginx, sudo: this.config.sudo }))
    if (check.code !== 0) this.logger.warning(`nginx -t still fails after restoring ${file}: the rest of the nginx configuration has a problem (${check.stderr.trim().split('\n').pop()})`)
  }
}
