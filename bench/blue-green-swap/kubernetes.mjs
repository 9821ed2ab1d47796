#!/usr/bin/env node
// Benchmark of the blue-green-swap action end to end (the runner contract) under load through nginx.
//   node bench/blue-green-swap/action.mjs [--rounds 5 --rps 200 --switch reload|flag-files]   (after node scripts/build.mjs blue-green-swap)
// Compiles kubernetes-measure.ts (and the test support it imports) with ncc, then runs it from the repository root.
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const ncc = require('@vercel/ncc')
const here = dirname(fileURLToPath(import.meta.url))
const out = await mkdtemp(join(tmpdir(), 'bench-bgs-k8s-'))
try {
  const { code, assets } = await ncc(join(here, 'kubernetes-measure.ts'), { quiet: true, target: 'es2022', sourceMap: false })
  await writeFile(join(out, 'measure.mjs'), code)
  // ncc relocates files the code names (the versioned sample app) beside the bundle.
  for (const [file, asset] of Object.entries(assets)) {
    await mkdir(dirname(join(out, file)), { recursive: true })
    await writeFile(join(out, file), asset.source)
  }
  const result = spawnSync(process.execPath, [join(out, 'measure.mjs'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: join(here, '..', '..') })
  process.exitCode = result.status ?? 1
} finally {
  await rm(out, { recursive: true, force: true })
}
