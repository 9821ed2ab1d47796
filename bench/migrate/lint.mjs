#!/usr/bin/env node
// migrate's lint against squawk (the reference PostgreSQL migration linter, its own binary) on
// the same 200 migration files, and what the lazily loaded parser costs at start-up.
//
// For each round:
//   1. the committed bundle dist/migrate/index.js under Node 24 with mode: lint, as the runner runs
//      it (process start, parser load, 200 files, annotations, summary, report);
//   2. `squawk FILES…` on the same files;
//   3. a fail-fast run of the bundle in apply mode (bad input): start-up without the parser;
//   4. mode: lint on one file: start-up with the parser loaded.
// Prints medians and the ratio squawk ÷ action (> 1: the action is faster), writes
// bench/migrate/lint-last-run.md.
//
//   node bench/migrate/lint.mjs          BENCH_FILES=500 BENCH_ROUNDS=7 node bench/migrate/lint.mjs
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const node24 = join(root, 'node_modules', 'node', 'bin', 'node')
const squawk = join(root, 'node_modules', '.bin', 'squawk')
const count = Number(process.env.BENCH_FILES ?? 200)
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)

const work = mkdtempSync(join(tmpdir(), 'bench-lint-'))
process.on('exit', () => rmSync(work, { recursive: true, force: true }))
const bundle = join(work, 'bundle')
cpSync(join(root, 'dist', 'migrate'), bundle, { recursive: true })

// 200 migrations in the shapes real directories have: new tables, indexes, added columns, FKs,
// backfills, a rename now and then — about one in five dangerous.
const dir = join(work, 'project', 'migrations')
mkdirSync(dir, { recursive: true })
const one = join(work, 'one', 'migrations')
mkdirSync(one, { recursive: true })
for (let i = 1; i <= count; i++) {
  const v = String(i).padStart(4, '0')
  const sql = [
    "SET lock_timeout = '5s';",
    `CREATE TABLE t${i} (id bigserial PRIMARY KEY, account_id bigint NOT NULL, name text, created_at timestamptz NOT NULL DEFAULT now());`,
    `CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_${i}_idx ON accounts (name);`,
    `ALTER TABLE accounts ADD COLUMN c${i} integer DEFAULT 0;`,
    i % 5 === 0 ? `CREATE INDEX t_prev_${i}_idx ON t${i - 1} (account_id);` : `INSERT INTO t${i} (account_id, name) VALUES (1, 'a'), (2, 'b');`,
    i % 7 === 0 ? `ALTER TABLE accounts RENAME COLUMN c${i - 1} TO d${i - 1};` : `UPDATE accounts SET c${i} = 1 WHERE id < 100;`,
    `CREATE VIEW v${i} AS SELECT id, name FROM t${i} WHERE created_at > now() - interval '1 day';`
  ].join('\n')
  writeFileSync(join(dir, `${v}_step.sql`), `${sql}\n`)
}
writeFileSync(join(one, '0001_one.sql'), "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY a_idx ON accounts (name);\n")

const env = (cwd, inputs) => ({
  PATH: process.env.PATH,
  RUNNER_TEMP: work,
  ...Object.fromEntries(
    Object.entries({
      directory: 'migrations',
      tool: 'builtin',
      format: 'auto',
      'working-directory': '.',
      'lock-timeout': '5m',
      'statement-timeout': '0',
      'history-table': 'deploy_actions_migrations',
      'dry-run': 'false',
      direction: 'up',
      ...inputs
    }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])
  )
})

function time(fn) {
  const start = process.hrtime.bigint()
  fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const runBundle = (cwd, inputs) => spawnSync(node24, [join(bundle, 'index.js')], { cwd, env: env(cwd, inputs), encoding: 'utf8' })

const results = { action: [], squawk: [], failFast: [], lintOne: [] }
const files = Array.from({ length: count }, (_, i) => join(dir, `${String(i + 1).padStart(4, '0')}_step.sql`))
let findings = ''
for (let r = 0; r < rounds; r++) {
  results.action.push(
    time(() => {
      const run = runBundle(join(work, 'project'), { mode: 'lint', 'lint-fail-on': 'never', 'lint-comment': 'never' })
      findings = /Lint: .*/.exec(run.stdout)?.[0] ?? run.stdout.slice(-300)
    })
  )
  results.squawk.push(time(() => spawnSync(squawk, files, { encoding: 'utf8' })))
  results.failFast.push(time(() => runBundle(join(work, 'project'), { mode: 'apply', 'database-url': 'oracle://x' })))
  results.lintOne.push(time(() => runBundle(join(work, 'one'), { mode: 'lint', 'lint-comment': 'never' })))
}
const squawkFindings = (() => {
  try {
    return JSON.parse(execFileSync(squawk, ['--reporter', 'json', ...files], { encoding: 'utf8' })).length
  } catch (error) {
    return JSON.parse(error.stdout).length
  }
})()
const m = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v)]))
const lines = [
  `# migrate lint bench (${count} files, median of ${rounds}, ${new Date().toISOString()})`,
  '',
  '| run | median |',
  '| --- | --- |',
  `| action, mode lint, ${count} files (${findings}) | ${(m.action / 1000).toFixed(2)} s |`,
  `| squawk, same files (${squawkFindings} findings, style rules included) | ${(m.squawk / 1000).toFixed(2)} s |`,
  `| ratio squawk ÷ action | ${(m.squawk / m.action).toFixed(2)} |`,
  `| fail-fast run, apply mode (parser not loaded) | ${m.failFast.toFixed(0)} ms |`,
  `| mode lint, one file (parser loaded) | ${m.lintOne.toFixed(0)} ms |`,
  `| parser load and first parse | ${(m.lintOne - m.failFast).toFixed(0)} ms |`,
  '',
  `Load average at the end: ${execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).trim()}`
]
console.log(lines.join('\n'))
writeFileSync(join(root, 'bench', 'migrate', 'lint-last-run.md'), `${lines.join('\n')}\n`)
