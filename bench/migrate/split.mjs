#!/usr/bin/env node
// What splitting PostgreSQL migrations with PostgreSQL's parser costs: the committed migrate bundle
// of a commit before it (before: the hand-written splitter; BENCH_BEFORE_REF, default ac1ae85)
// against this checkout's dist/migrate (after: libpg-query),
// side by side on the same 200 generated migrations (bench/migrate/support.mjs, as run.mjs), each
// round running both bundles in turn, alternating which goes first:
//   1. start-up: a run refused on a bad input (process start and bundle load, no parser),
//   2. SQLite dry-run plan of the 200 files (hand-written splitter: the parser must not load),
//   3. PostgreSQL with nothing pending (start-up of a PostgreSQL run; nothing to split, no parser),
//   4. PostgreSQL apply of the 200 files on a fresh database (parser loaded, 200 files split).
// Then checks that the parser loads only when a PostgreSQL run has something to run: a copy of the
// new bundle without libpg-query.wasm still plans the SQLite run and finishes a PostgreSQL run with
// nothing pending, and fails a PostgreSQL apply.
// Prints medians and the ratio after ÷ before (< 1: faster now), writes bench/migrate/split-last-run.md.
//
//   node bench/migrate/split.mjs
//   BENCH_BEFORE_REF=<commit> BENCH_ROUNDS=5 BENCH_MIGRATIONS=500 node bench/migrate/split.mjs
//   BENCH_BEFORE_BUNDLE=/path/to/dist/migrate node bench/migrate/split.mjs
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { atExit, generate, median, psql, root, runAction, startPostgres, time } from './support.mjs'

const count = Number(process.env.BENCH_MIGRATIONS ?? 200)
const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
const beforeRef = process.env.BENCH_BEFORE_REF ?? 'ac1ae85'

// Copies, so rebuilding dist/ during the run does not change what is measured.
const work = mkdtempSync(join(tmpdir(), 'bench-split-'))
atExit(() => rmSync(work, { recursive: true, force: true }))
const bundles = { before: join(work, 'before'), after: join(work, 'after') }
const beforeSource = process.env.BENCH_BEFORE_BUNDLE ?? `${beforeRef}:dist/migrate`
if (process.env.BENCH_BEFORE_BUNDLE) cpSync(process.env.BENCH_BEFORE_BUNDLE, bundles.before, { recursive: true })
else {
  // The bundle as committed at that ref (dist/ is committed), without checking the ref out.
  const archive = join(work, 'before.tar')
  execFileSync('git', ['-C', root, 'archive', '--output', archive, beforeRef, 'dist/migrate'])
  mkdirSync(join(work, 'extract'))
  execFileSync('tar', ['-xf', archive, '-C', join(work, 'extract')])
  cpSync(join(work, 'extract', 'dist', 'migrate'), bundles.before, { recursive: true })
}
if (!existsSync(join(bundles.before, 'index.js')))
  throw new Error(`no bundle to compare with in ${beforeSource}: set BENCH_BEFORE_REF to a commit with dist/migrate, or BENCH_BEFORE_BUNDLE to a folder`)
cpSync(join(root, 'dist', 'migrate'), bundles.after, { recursive: true })
const withoutParser = join(work, 'after-without-parser')
cpSync(bundles.after, withoutParser, { recursive: true })
rmSync(join(withoutParser, 'libpg-query.wasm'))

const dir = join(work, 'migrations')
mkdirSync(dir)
generate(dir, count)
const { port } = await startPostgres()
const sql = psql(port)
const url = (db) => `postgres://postgres@127.0.0.1:${port}/${db}`
console.log(`PostgreSQL on 127.0.0.1:${port}; ${count} migrations; ${rounds} rounds; before = ${beforeSource}, after = dist/migrate`)

const cases = {
  'start-up (bad input, refused before any work)': (bundle) => runAction(bundle, { 'database-url': url('postgres'), directory: dir, direction: 'sideways' }, 1),
  [`SQLite dry-run plan of ${count} files (no parser)`]: (bundle, round) =>
    runAction(bundle, { 'database-url': `sqlite:${join(work, `plan-${round}.db`)}`, directory: dir, 'dry-run': 'true' }),
  'PostgreSQL, nothing pending (start-up of a PostgreSQL run)': (bundle, round, name) => runAction(bundle, { 'database-url': url(`${name}_${round}`), directory: dir }),
  [`PostgreSQL apply of ${count} files, fresh database`]: (bundle, round, name) => {
    sql(`CREATE DATABASE apply_${name}_${round}`)
    return runAction(bundle, { 'database-url': url(`apply_${name}_${round}`), directory: dir })
  }
}
const results = Object.fromEntries(Object.keys(cases).map((c) => [c, { before: [], after: [] }]))

for (let round = 1; round <= rounds; round++) {
  const order = round % 2 === 1 ? ['before', 'after'] : ['after', 'before']
  // The nothing-pending case needs a migrated database per bundle.
  for (const name of order) {
    sql(`CREATE DATABASE ${name}_${round}`)
    await runAction(bundles[name], { 'database-url': url(`${name}_${round}`), directory: dir })
  }
  for (const [label, run] of Object.entries(cases)) {
    for (const name of order) results[label][name].push(await time(() => run(bundles[name], round, name)))
  }
  for (const name of order) {
    const applied = sql('SELECT count(*) FROM deploy_actions_migrations', `apply_${name}_${round}`)
    if (applied !== String(count)) throw new Error(`round ${round}: the ${name} bundle applied ${applied} of ${count}`)
  }
  console.log(`round ${round} done`)
}

// The parser loads only when a PostgreSQL run has something to run: without its wasm file the
// SQLite plan and a PostgreSQL run with nothing pending still work; applying does not.
await runAction(withoutParser, { 'database-url': `sqlite:${join(work, 'no-parser.db')}`, directory: dir, 'dry-run': 'true' })
await runAction(withoutParser, { 'database-url': url('after_1'), directory: dir })
sql('CREATE DATABASE no_parser')
const refused = await runAction(withoutParser, { 'database-url': url('no_parser'), directory: dir }, 1)
if (!/libpg-query|wasm/i.test(refused)) throw new Error(`the PostgreSQL run without the wasm failed for another reason:\n${refused.slice(-1000)}`)

const ms = (v) => `${Math.round(v)} ms`
const lines = [
  `# migrate: PostgreSQL's parser as the splitter, before and after (${new Date().toISOString()}, this machine: ${execFileSync('nproc').toString().trim()} cores)`,
  '',
  `${count} generated migrations (table + index + 50 rows + a view each), median of ${rounds} rounds, both bundles in each round (order alternating).`,
  'before: the bundle of main (hand-written splitter); after: this branch (libpg-query for PostgreSQL).',
  '',
  '| run | before | after | after ÷ before |',
  '| --- | --- | --- | --- |',
  ...Object.entries(results).map(([label, r]) => `| ${label} | ${ms(median(r.before))} | ${ms(median(r.after))} | **${(median(r.after) / median(r.before)).toFixed(2)}** |`),
  '',
  'All rounds (ms), before / after:',
  '',
  ...Object.entries(results).map(([label, r]) => `- ${label}: ${r.before.map(Math.round).join(', ')} / ${r.after.map(Math.round).join(', ')}`),
  '',
  'The parser loads only when a PostgreSQL run has something to run: a copy of the new bundle without libpg-query.wasm plans the SQLite run and finishes a PostgreSQL run with nothing pending, and fails the PostgreSQL apply.',
  ''
]
console.log(`\n${lines.join('\n')}`)
writeFileSync(join(root, 'bench', 'migrate', 'split-last-run.md'), lines.join('\n'))
