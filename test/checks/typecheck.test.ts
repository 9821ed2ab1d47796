import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { node24, repoRoot } from '../support/paths.js'

describe('TypeScript', () => {
  it('type-checks the whole project with tsc --noEmit (the tests themselves are transpiled without type checks)', () => {
    let output = ''
    try {
      execFileSync(node24, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: repoRoot, stdio: 'pipe' })
    } catch (error) {
      output = String((error as { stdout?: Buffer }).stdout ?? error)
    }
    expect(output).toBe('')
  }, 300_000)
})
