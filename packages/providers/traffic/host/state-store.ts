import type { HostState } from './state-mapping.js'
import { parseState, serializeState } from './state-mapping.js'
import type { Transport } from './transport.js'

/** Reads and atomically rewrites the state file on the server. Callers hold the deploy lock while changing it. */
export class StateStore {
  constructor(
    private readonly transport: Transport,
    readonly path: string,
    private readonly now: () => Date = () => new Date()
  ) {}

  async read(signal?: AbortSignal): Promise<HostState> {
    return parseState(await this.transport.readFile(this.path, signal), this.now().toISOString(), this.path)
  }

  async update(change: (state: HostState) => HostState, signal?: AbortSignal): Promise<HostState> {
    const next = { ...change(await this.read(signal)), updatedAt: this.now().toISOString() }
    await this.transport.writeFileAtomic(this.path, serializeState(next), { signal })
    return next
  }
}
