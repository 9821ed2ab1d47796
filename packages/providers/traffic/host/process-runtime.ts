import type { Color, Release } from '../types.js'
import type { HostConfig } from './config.js'
import { launcherScript, logsCommand, probeCommand, processPaths, startCommand, stopCommand } from './process-mapping.js'
import type { ProbeState, Runtime } from './runtime.js'
import type { ColorRecord } from './state-mapping.js'
import { mustExec, type Transport } from './transport.js'

/** `runtime: process`: the release's command, started with PORT and COLOR set, for servers without Docker. */
export class ProcessRuntime implements Runtime {
  constructor(
    private readonly transport: Transport,
    private readonly config: Pick<HostConfig, 'ports' | 'processWorkdir' | 'drainMs'>,
    private readonly runDir: string
  ) {}

  check(release: Release): void {
    if (!release.command?.trim()) throw new Error('runtime process needs a command to start the release')
  }

  async start(color: Color, release: Release, signal: AbortSignal): Promise<void> {
    this.check(release)
    const paths = processPaths(this.runDir, color)
    await mustExec(this.transport, `stopping what ran on ${color}`, this.stopCommand(color), { signal })
    const script = launcherScript({
      command: release.command ?? '',
      color,
      port: this.config.ports[color],
      version: release.version,
      env: release.env ?? {},
      workdir: this.config.processWorkdir
    })
    await this.transport.writeFileAtomic(paths.launcher, script, { secret: true, signal })
    await mustExec(this.transport, `starting ${color}`, startCommand(paths), { signal })
  }

  async restart(color: Color, _record: ColorRecord, signal: AbortSignal): Promise<void> {
    const paths = processPaths(this.runDir, color)
    if ((await this.transport.readFile(paths.launcher, signal)) === undefined) throw new Error(`${color} cannot be started again: its launcher ${paths.launcher} is gone`)
    await mustExec(this.transport, `starting ${color} again`, startCommand(paths), { signal })
  }

  async probe(color: Color, signal: AbortSignal): Promise<{ state: ProbeState; detail?: string }> {
    const result = await mustExec(this.transport, `checking ${color}'s process`, probeCommand(processPaths(this.runDir, color)), { signal })
    return result.stdout.trim() === 'running' ? { state: 'running' } : { state: 'exited', detail: 'the process exited' }
  }

  stopCommand(color: Color): string {
    return stopCommand(processPaths(this.runDir, color), Math.min(30, Math.max(1, this.config.drainMs / 1000)))
  }

  async logs(color: Color, signal: AbortSignal): Promise<string> {
    return (await this.transport.exec(logsCommand(processPaths(this.runDir, color)), { signal })).stdout
  }
}
