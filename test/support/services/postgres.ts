import { execFileSync } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'

/**
 * A real PostgreSQL server (Debian's) on a free loopback port with trust auth. initdb refuses
 * root, so the cluster belongs to the postgres user.
 */
export interface Postgres {
  port: number
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  url: string
  urlFor(database: string): string
  /** Runs SQL through psql and returns its unaligned, tuples-only output. */
  sql(query: string, database?: string): string
  createDatabase(name: string): string
  stop(): Promise<void>
}

function binDir(): string {
  const versions = execFileSync('ls', ['/usr/lib/postgresql'])
    .toString()
    .trim()
    .split('\n')
    .sort((a, b) => Number(b) - Number(a))
  return `/usr/lib/postgresql/${versions[0]}/bin`
}

function asPostgres(command: string): void {
  execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { stdio: 'pipe' })
}

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir()
  const root = mkdtempSync(join(tmpdir(), 'pg-'))
  chownSync(root, uidOf('postgres'), gidOf('postgres'))
  const data = join(root, 'data')
  const port = await freePort()
  asPostgres(`${bin}/initdb -D ${data} -U postgres --auth=trust -E UTF8 --no-locale --no-sync >/dev/null`)
  const service = await startService({
    name: 'postgres',
    command: 'su',
    args: [
      'postgres',
      '-s',
      '/bin/bash',
      '-c',
      `exec ${bin}/postgres -D ${data} -c listen_addresses=127.0.0.1 -p ${port} -k ${root} -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=100`
    ],
    ready: async () => {
      if (!(await portOpen(port))) return false
      try {
        execFileSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-Atc', 'select 1'], { stdio: 'pipe' })
        return true
      } catch {
        return false
      }
    }
  })
  const urlFor = (database: string): string => `postgres://postgres@127.0.0.1:${port}/${database}`
  const sql = (query: string, database = 'postgres'): string =>
    execFileSync('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-q', '-At', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-c', query], {
      stdio: 'pipe'
    })
      .toString()
      .trim()
  return {
    port,
    url: urlFor('postgres'),
    urlFor,
    sql,
    createDatabase(name) {
      sql(`CREATE DATABASE "${name}"`)
      return urlFor(name)
    },
    async stop() {
      try {
        asPostgres(`${bin}/pg_ctl -D ${data} -m immediate -w stop >/dev/null 2>&1 || true`)
      } finally {
        await service.stop()
        rmSync(root, { recursive: true, force: true })
      }
    }
  }
}

function uidOf(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim())
}

function gidOf(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim())
}
