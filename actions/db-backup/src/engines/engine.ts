import type { Readable } from 'node:stream'
import type { Logger } from '../../../../packages/core/log.js'

/** What the action needs from each dump engine (postgres, mysql, sqlite). */

export interface ServerFacts {
  serverVersion: string
  /** User tables in the database, to compare with a verification restore. */
  tableCount: number
}

export interface DumpSource {
  /** The dump bytes as the tool writes them. */
  stream: Readable
  /** Resolves once the tool exited successfully; rejects when it failed or was killed. */
  done: Promise<void>
  /** Kills the tool (on failure elsewhere in the pipeline). */
  abort(): void
  /** Removes anything temporary (the SQLite copy). */
  cleanup(): Promise<void>
}

export interface RestoreTarget {
  /** Where to pipe the decoded dump. */
  input: NodeJS.WritableStream
  /** Resolves once the restore committed. */
  done: Promise<void>
  /** Stops the restore before it can commit (digest mismatch, decode error). */
  abort(): void
}

export interface DatabaseEngine {
  readonly name: 'postgres' | 'mysql' | 'sqlite'
  /** Safe to log: no password. */
  readonly description: string
  /** Connects and reads the facts; fails with an InputError naming database-url when unreachable. */
  probe(options: { forVerify: boolean; forDump: boolean; signal?: AbortSignal }): Promise<ServerFacts>
  dump(options: { compressedLater: boolean; signal: AbortSignal }): Promise<DumpSource>
  /** Restores into the database of the URL, replacing what is there. */
  restore(signal: AbortSignal, logger: Logger): Promise<RestoreTarget>
  /** Restores a decoded copy somewhere disposable and checks it; returns what it proved. */
  verify(open: () => Promise<Readable>, facts: ServerFacts, signal: AbortSignal, logger: Logger): Promise<string>
}
