import { randomBytes } from 'node:crypto'
import { InputError } from '../../../../packages/core/input-error.js'
import { redact } from '../../../../packages/core/redact.js'
import { databaseUrlSecrets, describeDatabase, type ServerDatabaseUrl } from '../../../../packages/db/database-url.js'
import { feedTool, runTool } from '../../../../packages/backup/tool-process.js'
import type { DatabaseEngine, DumpSource, RestoreTarget, ServerFacts } from './engine.js'

/**
 * MySQL and MariaDB through their own clients: mysqldump (a consistent snapshot with
 * --single-transaction, rows streamed with --quick) and mysql for restores and queries. The
 * password goes through MYSQL_PWD, never argv.
 */
export function mysqlEngine(url: ServerDatabaseUrl): DatabaseEngine {
  const secrets = databaseUrlSecrets(url.raw)
  const scrub = (text: string): string => redact(text, secrets)
  const env = { MYSQL_PWD: url.password || undefined }
  const connection = ['--protocol=TCP', `--host=${url.host}`, `--port=${url.port}`, ...(url.user ? [`--user=${url.user}`] : [])]
  if (url.params.ssl === 'true' || url.params['ssl-mode']?.toUpperCase() === 'REQUIRED') connection.push('--ssl')

  async function query(sql: string, database = url.database): Promise<string[][]> {
    const tool = runTool('mysql', [...connection, '--connect-timeout=15', '--batch', '--skip-column-names', `--execute=${sql}`, database], { env, redact: scrub })
    let out = ''
    tool.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')))
    await tool.exited
    return out
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.split('\t'))
  }

  return {
    name: 'mysql',
    description: describeDatabase(url),

    async probe(): Promise<ServerFacts> {
      let rows: string[][]
      try {
        rows = await query("SELECT VERSION(), (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE')")
      } catch (error) {
        throw new InputError(
          'database-url',
          `points at ${describeDatabase(url)}, which cannot be reached (${(error as Error).message})`,
          'a reachable MySQL or MariaDB server and valid credentials'
        )
      }
      const [version, count] = rows[0] ?? ['unknown', '0']
      return { serverVersion: `${/mariadb/i.test(version) ? 'MariaDB' : 'MySQL'} ${version}`, tableCount: Number(count) }
    },

    dump({ signal }): Promise<DumpSource> {
      const args = [...connection, '--single-transaction', '--quick', '--routines', '--triggers', '--hex-blob', '--no-tablespaces', url.database]
      const tool = runTool('mysqldump', args, { env, signal, redact: scrub })
      return Promise.resolve({ stream: tool.stdout, done: tool.exited, abort: tool.kill, cleanup: () => Promise.resolve() })
    },

    restore(signal): Promise<RestoreTarget> {
      // Dumped without --databases, so the dump names no database: it restores into any.
      const tool = runTool('mysql', [...connection, '--binary-mode', url.database], { env, signal, stdin: true, redact: scrub })
      return Promise.resolve({ input: tool.stdin!, done: tool.exited, abort: tool.kill })
    },

    async verify(open, facts, signal, logger): Promise<string> {
      const scratch = `da_verify_${randomBytes(5).toString('hex')}`
      await query(`CREATE DATABASE \`${scratch}\``)
      logger.info(`verify: restoring into scratch database ${scratch}`)
      try {
        const tool = runTool('mysql', [...connection, '--binary-mode', scratch], { env, signal, stdin: true, redact: scrub })
        const source = await open()
        await feedTool(source, { input: tool.stdin!, done: tool.exited, abort: tool.kill })
        const [[count]] = await query(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '${scratch}' AND table_type = 'BASE TABLE'`)
        if (Number(count) !== facts.tableCount) throw new Error(`verification restored ${count} tables, but the database had ${facts.tableCount} when the dump started`)
        return `mysql restore into a scratch database: ${count} tables`
      } finally {
        await query(`DROP DATABASE IF EXISTS \`${scratch}\``)
      }
    }
  }
}
