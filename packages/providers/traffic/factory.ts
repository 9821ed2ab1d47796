import type { AzureAppServiceConfig } from './azure-appservice/config.js'
import type { HostConfig } from './host/config.js'
import type { TrafficProvider, TrafficProviderDeps } from './types.js'

/**
 * One record of lazy loaders, one per traffic provider: a provider's code (and its SDK: ssh2 for
 * `host`) is loaded only when a run picks it. The configuration of each provider is parsed by the
 * action beforehand (host: parseHostConfig), so a loader only builds.
 */

export const PROVIDERS = ['host', 'azure-appservice'] as const
export type ProviderName = (typeof PROVIDERS)[number]

export type TrafficProviderConfig = { provider: 'host'; host: HostConfig } | { provider: 'azure-appservice'; azureAppService: AzureAppServiceConfig }

type Loader<C extends TrafficProviderConfig> = (config: C, deps: TrafficProviderDeps) => Promise<TrafficProvider>

const loaders: { [N in ProviderName]: Loader<Extract<TrafficProviderConfig, { provider: N }>> } = {
  host: async (config, deps) => (await import('./host/provider.js')).createHostProvider(config.host, deps),
  'azure-appservice': async (config, deps) => (await import('./azure-appservice/provider.js')).createAppServiceProvider(config.azureAppService, deps)
}

export async function createTrafficProvider(config: TrafficProviderConfig, deps: TrafficProviderDeps): Promise<TrafficProvider> {
  const loader = loaders[config.provider] as Loader<TrafficProviderConfig>
  return loader(config, deps)
}
