import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { node24, repoRoot } from '../support/paths.js'

// ESLint (eslint.config.js: typescript-eslint recommended type-checked) and Prettier
// (.prettierrc.json; code only, see .prettierignore) on the whole tree, always.

function run(bin: string, args: string[]): { ok: boolean; output: string } {
  try {
    return { ok: true, output: execFileSync(node24, [join(repoRoot, 'node_modules', ...bin.split('/')), ...args], { cwd: repoRoot, stdio: 'pipe', encoding: 'utf8' }) }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

describe('ESLint', () => {
  it('reports nothing anywhere (npm run lint)', () => {
    const result = run('eslint/bin/eslint.js', ['--max-warnings', '0', '.'])
    expect(result.output).toBe('')
    expect(result.ok).toBe(true)
  }, 600_000)
})

describe('Prettier', () => {
  it('keeps the house style as it is: no semicolons, single quotes, long lines, no trailing commas', () => {
    // 170 characters on one line: Prettier's default (80, semicolons, double quotes) would rewrite all of it.
    const sample =
      "import { join } from 'node:path'\n\nexport const where = (directory: string, name: string, extension: string): string => join(directory, 'backups', `${name}.${extension}`, 'index')\n"
    const formatted = execFileSync(node24, [join(repoRoot, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--stdin-filepath', 'packages/sample.ts'], {
      cwd: repoRoot,
      input: sample,
      encoding: 'utf8'
    })
    expect(formatted).toBe(sample)
  }, 60_000)
  it('finds every file formatted (npm run format:check)', () => {
    const result = run('prettier/bin/prettier.cjs', ['--check', '.'])
    expect(result.ok).toBe(true)
  }, 600_000)
})
