/**
 * A build engine driven as a process. Engines are pure: they turn a build plan into invocations
 * (program and arguments); running them is run-engine.ts's job. Secret values never appear in an
 * argument: they travel in files (`--secret id=…,src=FILE`) that are deleted after the build.
 */

export const ENGINE_NAMES = ['docker', 'buildah'] as const
export type EngineName = (typeof ENGINE_NAMES)[number]

export interface BuildPlan {
  context: string
  file?: string
  target?: string
  buildArgs: Record<string, string>
  /** Secret id → path of a file holding its value. */
  secretFiles: Record<string, string>
  platforms: string[]
  labels: Record<string, string>
  annotations: Record<string, string>
  cacheFrom: string[]
  cacheTo: string[]
  /** docker only: provenance attestation mode (min, max) or false; undefined leaves the engine's default. */
  provenance?: string
  sbom: boolean
  /** Full references (image:tag) the engine tags and, for docker, pushes. */
  refs: string[]
  push: boolean
  load: boolean
  /** The ignore file found for the context (buildah is given it explicitly, so the content key and the build agree). */
  ignoreFile?: string
  /** Registries spoken to over plain HTTP (base images, caches, targets). */
  insecureRegistries: string[]
  /** The local name buildah builds under (removed afterwards). */
  localName: string
  /** buildah: the OCI layout directory the build is exported to, for the action to push. */
  layoutDir: string
  /** docker: the --metadata-file buildx writes (the digest is read from it). */
  metadataFile: string
}

export interface Invocation {
  program: string
  args: string[]
  /** The step's name in the log, e.g. "build" or "export". */
  step: string
}

export interface EngineCapabilities {
  provenance: boolean
  sbom: boolean
  load: boolean
  /** The engine pushes itself (docker); otherwise the action pushes the exported OCI layout. */
  pushesItself: boolean
}

export interface Engine {
  name: EngineName
  capabilities: EngineCapabilities
  build(plan: BuildPlan): Invocation[]
  /** Best-effort cleanup of local images (buildah). */
  cleanup?(plan: BuildPlan): Invocation[]
}

export function pairs(flag: string, map: Record<string, string>): string[] {
  return Object.entries(map).flatMap(([key, value]) => [flag, `${key}=${value}`])
}

export function repeated(flag: string, values: string[]): string[] {
  return values.flatMap((value) => [flag, value])
}
