import { afterAll, beforeAll } from '@jest/globals'
import { startPostgres, type Postgres } from '../../support/services/postgres.js'
import { migrationFolders, type migrationsDir } from './migrations-dir.js'

export interface PostgresFixture {
  /** The real PostgreSQL server (there once the block's beforeAll has run). */
  readonly server: Postgres
  /** A new database on it, named `<prefix>_<n>`. */
  fresh: () => { name: string; url: string; sql: (q: string) => string }
  /** A migrations folder holding `files`, removed after the block's tests. */
  folder: (files: Record<string, string>) => ReturnType<typeof migrationsDir>
}

/** For the describe block it is called in: a PostgreSQL server started before its tests and stopped after, fresh databases, migrations folders. */
export function postgresFixture(prefix: string): PostgresFixture {
  let server: Postgres
  let count = 0
  const folder = migrationFolders()

  beforeAll(async () => {
    server = await startPostgres()
  })
  afterAll(async () => {
    await server?.stop()
  })

  return {
    get server() {
      return server
    },
    fresh: () => {
      const name = `${prefix}_${++count}`
      return { name, url: server.createDatabase(name), sql: (q) => server.sql(q, name) }
    },
    folder
  }
}
