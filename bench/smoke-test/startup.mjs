#!/usr/bin/env node
// Start-up benchmark: a fail-fast run (no inputs → one input error, exit 1) of each action's
// committed bundle, against a bundle of @actions/core alone doing the same (built here with ncc
// into a temp folder), run side by side round by round. Prints each bundle's median and its ratio
// to the core-only floor (goal: at most 1.15×).
//   node bench/smoke-test/startup.mjs [--rounds 15] [--actions smoke-test,notify]
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdtemp, rm, writeFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { node24, repoRoot } from '../../scripts/run-local.mjs'

const require = createRequire(import.meta.url)
const ncc = require('@vercel/ncc')
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []))
const rounds = Number(args.rounds ?? 15)
const actions = (args.actions ?? 'smoke-test').split(',')

const dir = await mkdtemp(join(tmpdir(), 'bench-startup-'))
try {
  const { code } = await ncc(join(repoRoot, 'bench', 'smoke-test', 'core-only-entry.mjs'), { cache: false, quiet: true, minify: false, target: 'es2023' })
  const coreOnly = join(dir, 'index.mjs')
  await writeFile(coreOnly, code)

  const runOnce = (entry) =>
    new Promise((resolve, reject) => {
      const started = performance.now()
      const env = { PATH: process.env.PATH, HOME: dir, RUNNER_TEMP: dir, GITHUB_ACTIONS: 'true' }
      const child = spawn(node24, [entry], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      child.stdout.on('data', (d) => (out += d))
      child.stderr.on('data', (d) => (out += d))
      child.on('close', (code) => {
        const ms = performance.now() - started
        if (code !== 1 || !out.includes('::error::')) reject(new Error(`${entry}: expected a fail-fast exit 1 with one ::error::, got ${code}: ${out}`))
        else resolve(ms)
      })
    })
  const variants = [['@actions/core alone (floor)', coreOnly], ...actions.map((name) => [`dist/${name}`, join(repoRoot, 'dist', name, 'index.js')])]
  for (const [, entry] of variants) await runOnce(entry)
  const times = variants.map(() => [])
  for (let round = 0; round < rounds; round++) for (const [i, [, entry]] of variants.entries()) times[i].push(await runOnce(entry))
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
  const floor = median(times[0])
  console.log(`fail-fast run (no inputs), median of ${rounds} rounds, Node ${execVersion()}, whole process wall time`)
  console.log('')
  console.log('| bundle | median | vs @actions/core alone |')
  console.log('| --- | --- | --- |')
  for (const [i, [name]] of variants.entries()) console.log(`| ${name} | ${median(times[i]).toFixed(0)} ms | ${(median(times[i]) / floor).toFixed(2)}× |`)
  for (const name of actions) {
    const chunks = (await readdir(join(repoRoot, 'dist', name))).filter((f) => /^\d+\.index\.js$/.test(f))
    console.log(`\ndist/${name}: ${chunks.length} lazily loaded chunk(s)`)
  }
} finally {
  await rm(dir, { recursive: true, force: true })
}

function execVersion() {
  return require('node:child_process').execFileSync(node24, ['--version']).toString().trim()
}
