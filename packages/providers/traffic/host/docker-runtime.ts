import { posix } from 'node:path'
import type { Color, Release } from '../types.js'
import { dockerEnvFile, inspectCommand, logsCommand, parseInspect, removeCommand, runCommand, startContainerCommand, stopContainerCommand, type DockerConfig } from './docker-mapping.js'
import type { ProbeState, Runtime } from './runtime.js'
import type { ColorRecord } from './state-mapping.js'
import { mustExec, type Transport } from './transport.js'

/** `runtime: docker`: one container per color, the image run on the idle color's port. */
export class DockerRuntime implements Runtime {
  constructor(
    private readonly transport: Transport,
    private readonly config: DockerConfig,
    private readonly runDir: string
  ) {}

  check(release: Release): void {
    if (!release.image?.trim()) throw new Error('runtime docker needs an image to run the release')
    if (release.env) dockerEnvFile(release.env)
  }

  async start(color: Color, release: Release, signal: AbortSignal): Promise<void> {
    this.check(release)
    let envFile: string | undefined
    if (release.env && Object.keys(release.env).length > 0) {
      envFile = posix.join(this.runDir, `${color}.env`)
      await this.transport.writeFileAtomic(envFile, dockerEnvFile(release.env), { secret: true, signal })
    }
    await mustExec(this.transport, `removing the old ${color} container`, removeCommand(this.config, color), { signal })
    await mustExec(this.transport, `docker run for ${color}`, runCommand(this.config, color, release, envFile), { signal, timeoutMs: 600_000 })
  }

  async restart(color: Color, _record: ColorRecord, signal: AbortSignal): Promise<void> {
    await mustExec(this.transport, `starting the ${color} container again`, startContainerCommand(this.config, color), { signal })
  }

  async probe(color: Color, signal: AbortSignal): Promise<{ state: ProbeState; detail?: string }> {
    const result = await this.transport.exec(inspectCommand(this.config, color), { signal })
    return parseInspect(result.stdout, result.code)
  }

  stopCommand(color: Color): string {
    return stopContainerCommand(this.config, color)
  }

  async logs(color: Color, signal: AbortSignal): Promise<string> {
    return (await this.transport.exec(logsCommand(this.config, color), { signal })).stdout
  }
}
