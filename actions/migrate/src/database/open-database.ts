import type { DatabaseUrl } from '../../../../packages/db/database-url.js'
import type { DatabaseOptions, MigrationDatabase } from './migration-database.js'

/** Opens the built-in runner's database for a parsed URL; each engine's driver loads lazily. */
export async function openDatabase(url: DatabaseUrl, options: DatabaseOptions & { lockTimeoutMs: number }): Promise<MigrationDatabase> {
  switch (url.kind) {
    case 'postgres':
      return (await import('./postgres.js')).openPostgres(url, options)
    case 'sqlite':
      return (await import('./sqlite.js')).openSqlite(url, options)
    default:
      throw new Error(`the built-in runner does not support ${url.kind} databases`)
  }
}
