import type { AzureAppServiceConfig } from './azure-appservice/config.js'
import type { EcsConfig } from './aws-ecs/config.js'
import type { HostConfig } from './host/config.js'
import type { KubernetesConfig } from './kubernetes/config.js'
import type { RailwayConfig } from './railway/config.js'
import type { RenderConfig } from './render/config.js'
import type { VercelConfig } from './vercel/config.js'
import type { TrafficProvider, TrafficProviderDeps } from './types.js'

/**
 * One record of lazy loaders, one per traffic provider: a provider's code (and its SDK: ssh2 for
 * `host`, @kubernetes/client-node for `kubernetes`) is loaded only when a run picks it. The configuration of each provider is parsed by the
 * action beforehand (host: parseHostConfig), so a loader only builds.
 */

export const PROVIDERS = ['host', 'vercel', 'render', 'railway', 'aws-ecs', 'azure-appservice', 'kubernetes'] as const
export type ProviderName = (typeof PROVIDERS)[number]

export type TrafficProviderConfig =
  | { provider: 'host'; host: HostConfig }
  | { provider: 'vercel'; vercel: VercelConfig }
  | { provider: 'render'; render: RenderConfig }
  | { provider: 'railway'; railway: RailwayConfig }
  | { provider: 'aws-ecs'; ecs: EcsConfig }
  | { provider: 'azure-appservice'; azureAppService: AzureAppServiceConfig }
  | { provider: 'kubernetes'; kubernetes: KubernetesConfig }

type Loader<C extends TrafficProviderConfig> = (config: C, deps: TrafficProviderDeps) => Promise<TrafficProvider>

const loaders: { [N in ProviderName]: Loader<Extract<TrafficProviderConfig, { provider: N }>> } = {
  host: async (config, deps) => (await import('./host/provider.js')).createHostProvider(config.host, deps),
  vercel: async (config, deps) => (await import('./vercel/provider.js')).createVercelProvider(config.vercel, deps),
  render: async (config, deps) => (await import('./render/provider.js')).createRenderProvider(config.render, deps),
  railway: async (config, deps) => (await import('./railway/provider.js')).createRailwayProvider(config.railway, deps),
  'aws-ecs': async (config, deps) => (await import('./aws-ecs/provider.js')).createEcsProvider(config.ecs, deps),
  'azure-appservice': async (config, deps) => (await import('./azure-appservice/provider.js')).createAppServiceProvider(config.azureAppService, deps),
  kubernetes: async (config, deps) => (await import('./kubernetes/provider.js')).createKubernetesProvider(config.kubernetes, deps)
}

export async function createTrafficProvider(config: TrafficProviderConfig, deps: TrafficProviderDeps): Promise<TrafficProvider> {
  // Each loader takes its own member of the union; the record's type ties name to config.
  return (loaders[config.provider] as Loader<TrafficProviderConfig>)(config, deps)
}
