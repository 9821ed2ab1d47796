// Shared by the migrate benches: a throwaway PostgreSQL cluster (Debian's binaries) on a free
// loopback port, the generated migrations, and running a bundle as the runner runs it.
import { execFileSync, spawn } from 'node:child_process'
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const node24 = join(root, 'node_modules', 'node', 'bin', 'node')

const cleanups = []
process.on('exit', () => cleanups.reverse().forEach((f) => f()))
process.on('SIGINT', () => process.exit(130))
/** Runs `fn` when the process exits, last registered first. */
export const atExit = (fn) => cleanups.push(fn)

export function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => done(port))
    })
  })
}

const asPostgres = (command) => execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { stdio: 'pipe' })

/** Starts a cluster that is stopped and removed at exit; returns its port. */
export async function startPostgres() {
  const bin = `/usr/lib/postgresql/${
    execFileSync('ls', ['/usr/lib/postgresql'])
      .toString()
      .trim()
      .split('\n')
      .sort((a, b) => b - a)[0]
  }/bin`
  const dir = mkdtempSync(join(tmpdir(), 'bench-pg-'))
  chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])))
  const port = await freePort()
  asPostgres(`${bin}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 --no-locale --no-sync >/dev/null`)
  asPostgres(
    `${bin}/pg_ctl -D ${dir}/data -l ${dir}/log -w -o "-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null`
  )
  atExit(() => {
    asPostgres(`${bin}/pg_ctl -D ${dir}/data -m immediate -w stop >/dev/null 2>&1 || true`)
    rmSync(dir, { recursive: true, force: true })
  })
  return port
}

/** psql -c against the cluster: one value per row. */
export const psql =
  (port) =>
  (q, db = 'postgres') =>
    execFileSync('psql', ['-X', '-q', '-At', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-c', q])
      .toString()
      .trim()

/** `count` migrations in `dir`: a table, an index, 50 rows and a view over the previous table each. Returns the file paths. */
export function generate(dir, count) {
  const files = []
  for (let i = 1; i <= count; i++) {
    const v = String(i).padStart(4, '0')
    const file = join(dir, `${v}_table_${i}.sql`)
    const view = i > 1 ? `CREATE VIEW v_${i} AS SELECT t.id, t.name, p.name AS previous FROM t_${i} t LEFT JOIN t_${i - 1} p ON p.id = t.id;\n` : ''
    writeFileSync(
      file,
      `CREATE TABLE t_${i} (\n  id bigserial PRIMARY KEY,\n  name text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now()\n);\n` +
        `CREATE INDEX t_${i}_name ON t_${i} (name);\n` +
        `INSERT INTO t_${i} (name) SELECT 'row ' || g FROM generate_series(1, 50) AS g;\n${view}`
    )
    files.push(file)
  }
  return files
}

/** Runs bundle/index.js under Node 24 as the runner would; resolves with its output, rejects unless the exit code is `expect`. */
export function runAction(bundle, inputs, expect = 0) {
  return new Promise((done, fail) => {
    const env = { PATH: process.env.PATH, 'INPUT_LOCK-TIMEOUT': '1m', GITHUB_ACTOR: 'bench' }
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
    const child = spawn(node24, [join(bundle, 'index.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    child.on('close', (code) => (code === expect ? done(out) : fail(new Error(`action exited ${code}, not ${expect}:\n${out.slice(-2000)}`))))
  })
}

export function time(fn) {
  const started = performance.now()
  return Promise.resolve(fn()).then(() => performance.now() - started)
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
