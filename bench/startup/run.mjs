#!/usr/bin/env node
// Start-up cost of each bundle: a fail-fast run (no inputs, so every action stops at its first
// input check with exit 1 and one ::error:: line), the committed dist/ against a baseline dist/
// (another commit's, extracted with `git archive <commit> dist | tar -x -C DIR`), interleaved
// run by run so a busy machine slows both alike. Prints median milliseconds and the ratio
// (baseline ÷ this tree; ≥ 1 means this tree starts no slower).
//
//   git archive main dist | tar -x -C /tmp/base && node bench/startup/run.mjs /tmp/base [rounds]
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const node24 = join(root, 'node_modules', 'node', 'bin', 'node')
const baseline = process.argv[2] && resolve(process.argv[2])
const rounds = Number(process.argv[3] ?? 15)
if (!baseline || !existsSync(join(baseline, 'dist'))) {
  console.error('usage: node bench/startup/run.mjs <dir holding a baseline dist/> [rounds]')
  process.exit(2)
}

function failFast(tree, bundle) {
  const started = process.hrtime.bigint()
  const run = spawnSync(node24, [join(tree, 'dist', bundle, 'index.js')], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (run.status !== 1 || !run.stdout.includes('::error::')) throw new Error(`${tree}/dist/${bundle}: expected a fail-fast exit 1, got ${run.status}: ${run.stdout}${run.stderr}`)
  return ms
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const bundles = ['db-backup', 'migrate', 'notify', 'smoke-test', 'dispatch'].filter((b) => existsSync(join(root, 'dist', b)) && existsSync(join(baseline, 'dist', b)))
console.log(`| bundle | baseline ms | this tree ms | ratio |\n| --- | ---: | ---: | ---: |`)
for (const bundle of bundles) {
  const base = []
  const here = []
  for (let round = 0; round < rounds; round++) {
    base.push(failFast(baseline, bundle))
    here.push(failFast(root, bundle))
  }
  const [b, h] = [median(base), median(here)]
  console.log(`| ${bundle} | ${b.toFixed(0)} | ${h.toFixed(0)} | ${(b / h).toFixed(2)} |`)
}
