import { execFileSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'

/**
 * A real MariaDB server (Debian's `mariadb-server`) on a free loopback port, root without a
 * password over TCP. The data directory belongs to the mysql user, as mariadbd wants.
 */
export interface MariaDb {
  port: number
  /** mysql://root@127.0.0.1:PORT/<database> */
  urlFor(database: string): string
  /** Runs SQL through the mysql client; returns its tab-separated output without headers. */
  sql(query: string, database?: string): string
  createDatabase(name: string): string
  stop(): Promise<void>
}

export function mariaDbInstalled(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v mariadbd && command -v mariadb-install-db && command -v mysqldump'], { stdio: 'pipe' })
    return true
  } catch {
    return false
  }
}

export async function startMariaDb(): Promise<MariaDb> {
  const root = mkdtempSync(join(tmpdir(), 'mariadb-'))
  const uid = Number(execFileSync('id', ['-u', 'mysql']).toString().trim())
  const gid = Number(execFileSync('id', ['-g', 'mysql']).toString().trim())
  chownSync(root, uid, gid)
  const data = join(root, 'data')
  const port = await freePort()
  execFileSync('mariadb-install-db', ['--no-defaults', `--datadir=${data}`, '--user=mysql', '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'pipe' })
  const client = (database: string | undefined, query: string): string =>
    execFileSync(
      'mysql',
      ['--no-defaults', '--protocol=TCP', '-h', '127.0.0.1', '-P', String(port), '-u', 'root', '--batch', '--skip-column-names', '-e', query, ...(database ? [database] : [])],
      { stdio: 'pipe' }
    )
      .toString()
      .trim()
  const service = await startService({
    name: 'mariadb',
    command: '/usr/sbin/mariadbd',
    args: [
      '--no-defaults',
      `--datadir=${data}`,
      '--user=mysql',
      '--bind-address=127.0.0.1',
      `--port=${port}`,
      `--socket=${join(root, 'mysqld.sock')}`,
      `--pid-file=${join(root, 'mysqld.pid')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=64M',
      '--innodb-flush-log-at-trx-commit=0',
      '--skip-name-resolve'
    ],
    ready: async () => {
      if (!(await portOpen(port))) return false
      try {
        client(undefined, 'SELECT 1')
        return true
      } catch {
        return false
      }
    }
  })
  const urlFor = (database: string): string => `mysql://root@127.0.0.1:${port}/${database}`
  return {
    port,
    urlFor,
    sql: (query, database) => client(database, query),
    createDatabase(name) {
      client(undefined, `CREATE DATABASE \`${name}\``)
      return urlFor(name)
    },
    async stop() {
      try {
        await service.stop()
      } finally {
        rmSync(root, { recursive: true, force: true })
      }
    }
  }
}
