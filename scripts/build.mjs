#!/usr/bin/env node
// Bundles each action (actions/<name>/src/index.ts) and the root dispatcher with @vercel/ncc into
// dist/<name>/index.js, with the licenses of everything bundled beside it.
//   node scripts/build.mjs                 all of them, into dist/
//   node scripts/build.mjs smoke-test      only those named
//   node scripts/build.mjs --out DIR       somewhere else (the freshness check builds into a temp dir)
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const ncc = require('@vercel/ncc')
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export async function entries() {
  const names = (await readdir(join(root, 'actions'), { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
  return [...names.map((name) => ({ name, input: join(root, 'actions', name, 'src', 'index.ts') })), { name: 'dispatch', input: join(root, 'packages', 'dispatch', 'index.ts') }]
}

// Files a bundled library reads from beside itself at run time, which ncc cannot see it load:
// libpg-query's emscripten loader opens libpg-query.wasm from __dirname (packages/core/cjs-globals.ts).
const RUNTIME_FILES = {
  migrate: [join(root, 'node_modules', 'libpg-query', 'wasm', 'libpg-query.wasm')]
}

export async function build(outDir, only = []) {
  const selected = (await entries()).filter((e) => only.length === 0 || only.includes(e.name))
  if (only.length > 0 && selected.length !== only.length) throw new Error(`unknown action in: ${only.join(', ')}`)
  for (const entry of selected) {
    const { code, assets } = await ncc(entry.input, {
      cache: false,
      license: 'licenses.txt',
      quiet: true,
      sourceMap: false,
      minify: false,
      target: 'es2023',
      transpileOnly: false
    })
    const dir = join(outDir, entry.name)
    await rm(dir, { recursive: true, force: true })
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'index.js'), code)
    for (const file of RUNTIME_FILES[entry.name] ?? []) await copyFile(file, join(dir, basename(file)))
    for (const [file, asset] of Object.entries(assets)) {
      await mkdir(dirname(join(dir, file)), { recursive: true })
      await writeFile(join(dir, file), asset.source)
    }
    console.log(`built dist/${entry.name}/index.js (${(code.length / 1024).toFixed(0)} KiB)`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const at = args.indexOf('--out')
  const out = at >= 0 ? resolve(args[at + 1]) : join(root, 'dist')
  const only = args.filter((a, i) => a !== '--out' && (at < 0 || i !== at + 1))
  if (only.length === 1) {
    await build(out, only)
  } else {
    // One process per bundle: webpack keeps what it built in memory, and seven bundles in one heap
    // exhaust Node's default limit.
    const names = only.length > 0 ? only : (await entries()).map((e) => e.name)
    for (const name of names) execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--out', out, name], { stdio: 'inherit' })
  }
}
