import { execFileSync } from 'node:child_process'
import { describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { node24, repoRoot } from '../support/paths.js'

describe('generated files', () => {
  it('root action.yml, dispatcher defaults and README tables match actions/*/action.yml (run `npm run generate`)', () => {
    let output: string
    let failed = false
    try {
      output = execFileSync(node24, [join(repoRoot, 'scripts', 'generate.mjs'), '--check'], { cwd: repoRoot, stdio: 'pipe' }).toString()
    } catch (error) {
      failed = true
      output = String((error as { stderr?: Buffer }).stderr ?? error)
    }
    expect({ failed, output: output.trim() }).toEqual({ failed: false, output: 'generated files are up to date' })
  })
})
