#!/usr/bin/env node
// migrate apply time against `psql -1 -f` run file after file, on the same 200 migrations.
//
// Starts a PostgreSQL cluster (Debian's binaries) on a free loopback port, generates 200
// migrations (a table, an index, 50 rows, a view over the previous table), and for each round:
//   1. the committed bundle dist/migrate/index.js under Node 24 on a fresh database (what the
//      step costs: process start, lock, history, one transaction per migration),
//   2. `psql -X -q -1 -v ON_ERROR_STOP=1 -f FILE` for each file in order, on another fresh database,
//   3. the action again on its (now migrated) database: the cost of a run with nothing pending,
//   4. for reference, one psql session running every file in its own BEGIN … COMMIT (no process
//      or connection per file): what is left is the runner's own cost (history, lock, Node start).
// Prints median seconds, the ratio (baseline ÷ action; > 1 means the action is faster) and
// writes bench/migrate/last-run.md.
//
//   npm run bench:migrate
//   BENCH_MIGRATIONS=500 BENCH_ROUNDS=5 npm run bench:migrate
//   BENCH_BASELINE_BUNDLE=/tmp/old-dist-migrate npm run bench:migrate   # also an older bundle, side by side
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { atExit, generate as generateFiles, median, psql as psqlOn, root, runAction as runBundle, startPostgres, time } from './support.mjs'

const count = Number(process.env.BENCH_MIGRATIONS ?? 200)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)

// A copy of the committed bundle, so rebuilding dist/ during the run does not change what is measured.
const bundleDir = mkdtempSync(join(tmpdir(), 'bench-migrate-bundle-'))
cpSync(join(root, 'dist', 'migrate'), bundleDir, { recursive: true })
atExit(() => rmSync(bundleDir, { recursive: true, force: true }))
const baselineBundle = process.env.BENCH_BASELINE_BUNDLE

const generate = (dir) => generateFiles(dir, count)
const runAction = (url, dir, bundle = bundleDir) => runBundle(bundle, { 'database-url': url, directory: dir, tool: 'builtin' })
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`

const { port } = await startPostgres()
const sql = psqlOn(port)
const dir = mkdtempSync(join(tmpdir(), 'bench-migrations-'))
atExit(() => rmSync(dir, { recursive: true, force: true }))
const files = generate(dir)
console.log(`PostgreSQL on 127.0.0.1:${port}; ${count} migrations; ${rounds} rounds`)

// One script that runs each file in its own transaction in a single psql session.
const oneSession = join(dir, 'one-session.psql')
writeFileSync(oneSession, files.map((f) => `BEGIN;\n\\i ${f}\nCOMMIT;\n`).join(''))

const results = { action: [], psql: [], noop: [], session: [], baseline: [] }
for (let round = 1; round <= rounds; round++) {
  sql(`CREATE DATABASE action_${round}`)
  sql(`CREATE DATABASE psql_${round}`)
  sql(`CREATE DATABASE session_${round}`)
  const url = `postgres://postgres@127.0.0.1:${port}/action_${round}`
  const actionMs = await time(() => runAction(url, dir))
  const psqlMs = await time(() => {
    for (const file of files)
      execFileSync('psql', ['-X', '-q', '-1', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', `psql_${round}`, '-f', file], { stdio: 'pipe' })
  })
  const noopMs = await time(() => runAction(url, dir))
  const sessionMs = await time(() =>
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', `session_${round}`, '-f', oneSession], { stdio: 'pipe' })
  )
  if (baselineBundle) {
    sql(`CREATE DATABASE baseline_${round}`)
    results.baseline.push(await time(() => runAction(`postgres://postgres@127.0.0.1:${port}/baseline_${round}`, dir, baselineBundle)))
  }
  const applied = sql('SELECT count(*) FROM deploy_actions_migrations', `action_${round}`)
  const tablesAction = sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", `action_${round}`)
  const tablesPsql = sql("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", `psql_${round}`)
  if (applied !== String(count) || Number(tablesAction) !== count + 1 || Number(tablesPsql) !== count)
    throw new Error(`round ${round}: unexpected state (${applied} applied, ${tablesAction}/${tablesPsql} tables)`)
  results.action.push(actionMs)
  results.psql.push(psqlMs)
  results.noop.push(noopMs)
  results.session.push(sessionMs)
  console.log(`round ${round}: action ${seconds(actionMs)}, psql -1 -f × ${count} ${seconds(psqlMs)}, nothing pending ${seconds(noopMs)}, one psql session ${seconds(sessionMs)}`)
}

const action = median(results.action)
const psql = median(results.psql)
const noop = median(results.noop)
const session = median(results.session)
const ratio = psql / action
const lines = [
  `# migrate bench (${new Date().toISOString()}, this machine: ${execFileSync('nproc').toString().trim()} cores)`,
  '',
  `${count} generated migrations (table + index + 50 rows + a view each) on PostgreSQL, fresh database per run, median of ${rounds} rounds.`,
  '',
  '| run | median | all rounds |',
  '| --- | --- | --- |',
  `| migrate action (built-in runner, whole step incl. Node start) | ${seconds(action)} | ${results.action.map(seconds).join(', ')} |`,
  `| psql -1 -f, file after file (baseline) | ${seconds(psql)} | ${results.psql.map(seconds).join(', ')} |`,
  `| migrate action, nothing pending | ${seconds(noop)} | ${results.noop.map(seconds).join(', ')} |`,
  `| reference: one psql session, BEGIN; \\i file; COMMIT; per file | ${seconds(session)} | ${results.session.map(seconds).join(', ')} |`,
  '',
  `Ratio (baseline time ÷ action time; > 1 means the action is faster): **${ratio.toFixed(2)}**`,
  '',
  ...(baselineBundle
    ? [
        `Baseline bundle (${baselineBundle}), same files, fresh database: median ${seconds(median(results.baseline))} (${results.baseline.map(seconds).join(', ')}); this bundle ÷ baseline bundle: **${(action / median(results.baseline)).toFixed(2)}**`,
        ''
      ]
    : []),
  `The action keeps one connection for all files; psql -1 -f pays a process start and a connection per file. Against one psql session the action's own overhead (Node start, lock, history rows, checks) is ${seconds(action - session)} (${(action / session).toFixed(2)}×).`,
  ''
]
console.log(`\n${lines.join('\n')}`)
writeFileSync(join(root, 'bench', 'migrate', 'last-run.md'), lines.join('\n'))
