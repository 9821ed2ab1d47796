import type { TrafficProviderDeps } from '../types.js'
import type { HostConfig } from './config.js'
import { HostTrafficProvider } from './host-provider.js'
import { LocalTransport } from './local-transport.js'
import { SshTransport } from './ssh-transport.js'
import type { Transport } from './transport.js'

/** Loaded lazily by the traffic factory: connects (SSH, or nothing for `host: local`) and returns the provider. */
export async function createHostProvider(config: HostConfig, deps: TrafficProviderDeps & { signal?: AbortSignal }): Promise<HostTrafficProvider> {
  const transport: Transport = config.target.kind === 'local' ? new LocalTransport() : await SshTransport.connect(config.target, { logger: deps.logger, signal: deps.signal })
  return new HostTrafficProvider(transport, config, deps)
}
