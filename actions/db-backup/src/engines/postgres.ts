import { randomBytes } from 'node:crypto'
import { PassThrough, Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { InputError } from '../../../../packages/core/input-error.js'
import { redact } from '../../../../packages/core/redact.js'
import { databaseUrlSecrets, describeDatabase, withoutPassword, type ServerDatabaseUrl } from '../../../../packages/db/database-url.js'
import { deliver, feedTool, runTool } from '../../../../packages/backup/tool-process.js'
import type { DatabaseEngine, DumpSource, RestoreTarget, ServerFacts } from './engine.js'
import { COMMIT_SQL, REPLACE_SCHEMAS_SQL } from './postgres-replace.js'
import { pgDumpMismatch, postgresServerMajor, postgresToolMajor } from './tool-version.js'

const TABLE_COUNT_SQL = "SELECT count(*)::int AS n FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"

/**
 * PostgreSQL through its own tools: pg_dump -Fc to stdout (custom format), pg_restore from stdin
 * (into psql for a restore that replaces the database's schemas, see postgres-replace.ts). The password goes through PGPASSWORD, never argv.
 * `pg` (node-postgres) reads the server version, counts tables and manages the scratch database.
 */
export function postgresEngine(url: ServerDatabaseUrl): DatabaseEngine {
  const secrets = databaseUrlSecrets(url.raw)
  const scrub = (text: string): string => redact(text, secrets)
  const env = { PGPASSWORD: url.password || undefined, PGCONNECT_TIMEOUT: '15', PGAPPNAME: 'deploy-actions db-backup' }
  const dbnameFor = (database: string): string => {
    const copy = new URL(withoutPassword(url))
    copy.pathname = `/${encodeURIComponent(database)}`
    return copy.toString()
  }

  async function connect(database = url.database) {
    const { default: pg } = await import('pg')
    const client = new pg.Client({
      host: url.host,
      port: url.port,
      user: url.user || undefined,
      password: url.password || undefined,
      database,
      ssl: sslFor(url.params.sslmode),
      connectionTimeoutMillis: 15_000,
      application_name: 'deploy-actions db-backup'
    })
    await client.connect()
    return client
  }

  return {
    name: 'postgres',
    description: describeDatabase(url),

    async probe({ forVerify, forDump }): Promise<ServerFacts> {
      let client
      try {
        client = await connect()
      } catch (error) {
        throw new InputError(
          'database-url',
          `points at ${describeDatabase(url)}, which cannot be reached (${scrub((error as Error).message)})`,
          'a reachable PostgreSQL server and valid credentials'
        )
      }
      try {
        const facts = await client.query<{ version: string; num: string; n: number; can_create: boolean }>(
          `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num, (${TABLE_COUNT_SQL}) AS n, (SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user) AS can_create`
        )
        const row = facts.rows[0]
        const mismatch = forDump && pgDumpMismatch(postgresToolMajor(await toolVersion('pg_dump')), postgresServerMajor(Number(row.num)))
        if (mismatch) throw new Error(`${mismatch}; install a newer PostgreSQL client on the runner (e.g. postgresql-client-${postgresServerMajor(Number(row.num))})`)
        if (forVerify && !row.can_create) {
          throw new InputError(
            'verify',
            'is true but the database user cannot CREATE DATABASE (verification restores into a scratch database)',
            'a user with CREATEDB, or verify: false (the digest is still checked)'
          )
        }
        return { serverVersion: `PostgreSQL ${row.version}`, tableCount: Number(row.n) }
      } finally {
        await client.end().catch(() => undefined)
      }
    },

    dump({ compressedLater, signal }): Promise<DumpSource> {
      // When the pipeline compresses, pg_dump does not (-Z0): compressing twice costs CPU for nothing.
      const args = ['--format=custom', ...(compressedLater ? ['--compress=0'] : []), '--no-password', `--dbname=${withoutPassword(url)}`]
      const tool = runTool('pg_dump', args, { env, signal, redact: scrub })
      return Promise.resolve({ stream: tool.stdout, done: tool.exited, abort: tool.kill, cleanup: () => Promise.resolve() })
    },

    restore(signal, logger): Promise<RestoreTarget> {
      // pg_restore only turns the archive into SQL; psql applies it after REPLACE_SCHEMAS_SQL, in
      // one transaction committed only once pg_restore exited 0 and the whole backup was read with
      // its digest matched (see postgres-replace.ts).
      logger.info(`replacing every schema of ${describeDatabase(url)} in one transaction (committed only after the whole backup applied)`)
      const toSql = runTool('pg_restore', ['--file=-', '--exit-on-error'], { signal, stdin: true, redact: scrub })
      const apply = runTool('psql', ['--no-psqlrc', '--quiet', '--set=ON_ERROR_STOP=1', '--no-password', `--dbname=${withoutPassword(url)}`], { env, signal, stdin: true, redact: scrub })
      // psql echoes result rows and notices; nobody reads them, so they must not fill the pipe.
      apply.stdout.resume()
      // The backup goes through `input` so COMMIT can wait for its very end: pg_restore may exit
      // before the last bytes, but the digest over them must have matched before anything commits.
      const input = new PassThrough()
      const received = deliver(input, toSql.stdin!)
      received.catch(() => undefined)
      async function* script(): AsyncGenerator<string | Buffer> {
        yield REPLACE_SCHEMAS_SQL
        for await (const chunk of toSql.stdout) yield chunk as Buffer
        await toSql.exited
        await received
        yield COMMIT_SQL
      }
      const abort = (): void => {
        toSql.kill()
        apply.kill()
      }
      const fed = pipeline(Readable.from(script()), apply.stdin!).catch((error: unknown) => {
        // Without COMMIT the transaction is rolled back when psql's session ends; kill it so it ends
        // now (the process only: its stderr, why it may have stopped first, is still read).
        if (apply.child.exitCode === null && apply.child.signalCode === null) apply.child.kill('SIGKILL')
        throw error
      })
      const done = (async () => {
        const [streamed, applied] = await Promise.allSettled([fed, apply.exited])
        // psql stopping on an SQL error of its own (not killed by us) explains more than the broken pipe it left pg_restore.
        if (applied.status === 'rejected' && apply.child.signalCode === null) throw explainApplyFailure(applied.reason as Error)
        // pg_restore's own message (a damaged archive) explains more than the broken pipe it caused.
        if (streamed.status === 'rejected')
          throw await toSql.exited.then(
            () => streamed.reason as unknown,
            (error: unknown) => error
          )
        if (applied.status === 'rejected') throw applied.reason
      })()
      done.catch(() => undefined)
      return Promise.resolve({ input, done, abort })
    },

    async verify(open, facts, signal, logger): Promise<string> {
      const scratch = `da_verify_${randomBytes(5).toString('hex')}`
      const admin = await connect()
      try {
        await admin.query(`CREATE DATABASE "${scratch}"`)
        logger.info(`verify: restoring into scratch database ${scratch}`)
        try {
          const tool = runTool('pg_restore', ['--exit-on-error', '--no-owner', '--no-privileges', '--no-password', `--dbname=${dbnameFor(scratch)}`], {
            env,
            signal,
            stdin: true,
            redact: scrub
          })
          const source = await open()
          await feedTool(source, { input: tool.stdin!, done: tool.exited, abort: tool.kill })
          const check = await connect(scratch)
          let restored: number
          try {
            restored = Number((await check.query<{ n: number }>(TABLE_COUNT_SQL)).rows[0].n)
          } finally {
            await check.end().catch(() => undefined)
          }
          if (restored !== facts.tableCount) throw new Error(`verification restored ${restored} tables, but the database had ${facts.tableCount} when the dump started`)
          return `pg_restore into a scratch database: ${restored} tables`
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`)
        }
      } finally {
        await admin.end().catch(() => undefined)
      }
    }
  }
}

/** `<tool> --version`, or '' when it cannot be run (the dump then reports that itself). */
async function toolVersion(tool: string): Promise<string> {
  const { execFile } = await import('node:child_process')
  return new Promise((resolve) => execFile(tool, ['--version'], { timeout: 5_000 }, (error, stdout) => resolve(error ? '' : String(stdout))))
}

function sslFor(mode: string | undefined): boolean | { rejectUnauthorized: boolean } | undefined {
  switch ((mode ?? '').toLowerCase()) {
    case 'require':
      return { rejectUnauthorized: false }
    case 'verify-ca':
    case 'verify-full':
      return { rejectUnauthorized: true }
    default:
      return undefined
  }
}

/** The privilege a replacing restore needs, said as an input error; anything else as it is. Nothing was committed either way. */
function explainApplyFailure(error: Error): Error {
  if (!/must be owner of|permission denied/.test(error.message)) return error
  return new InputError(
    'database-url',
    `names a user that cannot replace the database's schemas, so nothing was changed (${error.message})`,
    'the user that owns the schemas (usually the migration user or the database owner)'
  )
}
