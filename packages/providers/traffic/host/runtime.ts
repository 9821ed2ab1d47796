import type { Color, Release } from '../types.js'
import type { ColorRecord } from './state-mapping.js'

/** How one color's release runs on the server: a container (docker) or a plain process. */
export type ProbeState = 'running' | 'starting' | 'unhealthy' | 'exited'

export interface Runtime {
  /** Refuses a release this runtime cannot start (no image for docker, no command for process), before any change. */
  check(release: Release): void
  /** Replaces whatever ran on `color` with `release`, started (health not yet known). Never touches the other color. */
  start(color: Color, release: Release, signal: AbortSignal): Promise<void>
  /** Starts `color` again with what it ran last (rollback after the previous color was stopped). */
  restart(color: Color, record: ColorRecord, signal: AbortSignal): Promise<void>
  /** Whether the color's process or container is still up (and, where the runtime has one, its own health verdict). */
  probe(color: Color, signal: AbortSignal): Promise<{ state: ProbeState; detail?: string }>
  /** A shell command line that stops `color`, run now or scheduled after a drain. */
  stopCommand(color: Color): string
  /** The last lines of the color's output, for an error message. */
  logs(color: Color, signal: AbortSignal): Promise<string>
}
