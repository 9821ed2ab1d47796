// Shared by the migrate benches: the generated migrations, psql, and running a bundle as the runner
// runs it (the PostgreSQL cluster and process helpers come from bench/support/).
import { execFileSync, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { node24 } from '../support/process.mjs'

export { atExit, node24, root } from '../support/process.mjs'
export { startPostgres } from '../support/postgres.mjs'

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
