import type { Logger } from '../../../../packages/core/log.js'
import type { ImageStats } from '../image-stats.js'
import type { BuildPushInputs } from '../parse-inputs.js'
import type { RegistrySession } from '../registry-session.js'

/** The three things a run can do: build (and push), reuse an image with the same content key, promote. */
export interface FlowResult {
  digest?: string
  stats?: ImageStats
  source?: string
}

export interface FlowContext {
  inputs: BuildPushInputs
  session?: RegistrySession
  tags: string[]
  labels: Record<string, string>
  annotations: Record<string, string>
  contentKey?: string
  cwd: string
  tempDir: string
  logger: Logger
  signal: AbortSignal
}
