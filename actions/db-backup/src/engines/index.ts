import type { DatabaseUrl } from '../../../../packages/db/database-url.js'
import type { DatabaseEngine } from './engine.js'
import { mysqlEngine } from './mysql.js'
import { postgresEngine } from './postgres.js'
import { sqliteEngine } from './sqlite.js'

export function engineFor(url: DatabaseUrl): DatabaseEngine {
  switch (url.kind) {
    case 'postgres':
      return postgresEngine(url)
    case 'mysql':
      return mysqlEngine(url)
    case 'sqlite':
      return sqliteEngine(url)
  }
}
