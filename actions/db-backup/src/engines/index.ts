import type { DatabaseUrl } from '../../../../packages/db/database-url.js'
import type { DatabaseEngine } from './engine.js'
import { mysqlEngine } from './mysql.js'
import { postgresEngine } from './postgres.js'
import { sqliteEngine } from './sqlite.js'

/** `timeoutMs`: the run's `timeout`, also the longest SQLite waits for a lock (so its child cannot outlive a killed run for ever). */
export function engineFor(url: DatabaseUrl, timeoutMs: number): DatabaseEngine {
  switch (url.kind) {
    case 'postgres':
      return postgresEngine(url)
    case 'mysql':
      return mysqlEngine(url)
    case 'sqlite':
      return sqliteEngine(url, { lockWaitMs: timeoutMs })
  }
}
