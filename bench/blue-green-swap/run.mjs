#!/usr/bin/env node
// Benchmark of the host provider's traffic switch under load through a real nginx.
//   npm run bench:blue-green-swap [-- --rounds 10 --rps 200 --keep-alive true --upstream-keepalive 0 --switch reload|flag-files --transport local|ssh]
// Compiles measure.ts and what it imports with tsc into .tmp/ (node_modules stay external), then runs it.
import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const out = join(root, '.tmp', 'bench-blue-green-swap')
rmSync(out, { recursive: true, force: true })
const tsc = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    join(root, 'bench', 'blue-green-swap', 'measure.ts'),
    '--outDir',
    out,
    '--rootDir',
    root,
    '--module',
    'nodenext',
    '--moduleResolution',
    'nodenext',
    '--target',
    'es2023',
    '--skipLibCheck',
    '--esModuleInterop',
    '--types',
    'node'
  ],
  { stdio: 'inherit', cwd: root }
)
if (tsc.status !== 0) process.exit(tsc.status ?? 1)
const result = spawnSync(process.execPath, [join(out, 'bench', 'blue-green-swap', 'measure.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root })
rmSync(out, { recursive: true, force: true })
process.exitCode = result.status ?? 1
