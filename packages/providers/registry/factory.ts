import type { RegistryKind, RegistryProvider } from './types.js'

/** One lazy loader per kind: the AWS and Azure SDKs load only when such a registry is used. */
const LOADERS: Record<RegistryKind, () => Promise<RegistryProvider>> = {
  ghcr: async () => (await import('./ghcr/ghcr.js')).ghcrProvider,
  basic: async () => (await import('./basic/basic.js')).basicProvider,
  anonymous: async () => (await import('./basic/basic.js')).anonymousProvider,
  ecr: async () => (await import('./ecr/ecr.js')).ecrProvider,
  'ecr-public': async () => (await import('./ecr/ecr.js')).ecrPublicProvider,
  acr: async () => (await import('./acr/acr.js')).acrProvider
}

export function registryProvider(kind: RegistryKind): Promise<RegistryProvider> {
  return LOADERS[kind]()
}
