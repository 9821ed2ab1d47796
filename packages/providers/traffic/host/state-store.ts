import type { HostState } from './state-mapping.js'
import { parseState, serializeState } from './state-mapping.js'
import type { Transport } from './transport.js'

/**
 * Reads and atomically rewrites the state file on the server. Callers hold the deploy lock while
 * changing it, so after the first read this run's own writes are the truth: they are kept in
 * memory and a read costs no round trip (over SSH each one is a session).
 */
export class StateStore {
  private cached: HostState | undefined

  constructor(
    private readonly transport: Transport,
    readonly path: string,
    private readonly now: () => Date = () => new Date()
  ) {}

  /** Forget what was read: the next read goes to the server (after taking the lock, someone else may have written). */
  forget(): void {
    this.cached = undefined
  }

  async read(signal?: AbortSignal): Promise<HostState> {
    this.cached ??= parseState(await this.transport.readFile(this.path, signal), this.now().toISOString(), this.path)
    return this.cached
  }

  async update(change: (state: HostState) => HostState, signal?: AbortSignal): Promise<HostState> {
    const next = { ...change(await this.read(signal)), updatedAt: this.now().toISOString() }
    try {
      await this.transport.writeFileAtomic(this.path, serializeState(next), { signal })
    } catch (error) {
      // The write may or may not have landed: read the file again next time.
      this.cached = undefined
      throw error
    }
    this.cached = next
    return next
  }
}
