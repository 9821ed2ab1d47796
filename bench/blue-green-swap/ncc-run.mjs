// Compiles a measure script (and the test support it imports) with ncc into a scratch folder,
// then runs it from the repository root with this process's arguments; the exit code is its own.
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const here = dirname(fileURLToPath(import.meta.url))

export async function compileAndRun(measureFile, scratchPrefix) {
  const ncc = require('@vercel/ncc')
  const out = await mkdtemp(join(tmpdir(), scratchPrefix))
  try {
    const { code, assets } = await ncc(join(here, measureFile), { quiet: true, target: 'es2022', sourceMap: false })
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
}
