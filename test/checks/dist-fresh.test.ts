import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { node24, repoRoot } from '../support/paths.js'

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
}

describe('dist/', () => {
  it('matches a fresh build of every action (run `npm run build` and commit dist/ when this fails)', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-check-'))
    try {
      execFileSync(node24, [join(repoRoot, 'scripts', 'build.mjs'), '--out', out], { cwd: repoRoot, stdio: 'pipe' })
      const fresh = listFiles(out)
        .map((f) => relative(out, f))
        .sort()
      const committed = listFiles(join(repoRoot, 'dist'))
        .map((f) => relative(join(repoRoot, 'dist'), f))
        .sort()
      expect(committed).toEqual(fresh)
      const stale = fresh.filter((file) => !readFileSync(join(out, file)).equals(readFileSync(join(repoRoot, 'dist', file))))
      expect(stale).toEqual([])
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 900_000)
})
