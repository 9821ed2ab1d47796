import { buildah } from './buildah.js'
import { docker } from './docker.js'
import type { Engine, EngineName } from './engine.js'

const ENGINES: Record<EngineName, Engine> = { docker, buildah }

export function engine(name: EngineName): Engine {
  return ENGINES[name]
}
