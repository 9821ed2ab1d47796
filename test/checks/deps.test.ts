import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { node24, repoRoot } from '../support/paths.js'

// The layers (.dependency-cruiser.cjs): no import cycle; pure files import nothing from
// @actions/*; a provider never imports another provider; packages/ never imports from actions/.
const depcruise = join(repoRoot, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')

function cruise(cwd: string, config: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(node24, [depcruise, 'actions', 'packages', '--config', config, '--output-type', 'err'], { cwd, stdio: 'pipe', encoding: 'utf8' })
    return { ok: true, output }
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string }
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` }
  }
}

const scratch: string[] = []
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A tiny tree with the given files, the repository's node_modules and tsconfig beside it. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'))
  scratch.push(dir)
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'))
  cpSync(join(repoRoot, 'tsconfig.json'), join(dir, 'tsconfig.json'))
  cpSync(join(repoRoot, 'package.json'), join(dir, 'package.json'))
  for (const [path, text] of Object.entries({ 'actions/a/src/index.ts': 'export {}\n', ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('dependency layers (dependency-cruiser)', () => {
  it('finds no cycle and no layer violation in actions/ and packages/', () => {
    const result = cruise(repoRoot, '.dependency-cruiser.cjs')
    expect(result.output).toContain('no dependency violations found')
    expect(result.ok).toBe(true)
  }, 300_000)

  it('reports a cycle, a pure file importing @actions/core, a provider importing another, and packages/ importing actions/', () => {
    const dir = tree({
      'packages/core/a.ts': "import { b } from './b.js'\nexport const a = () => b\n",
      'packages/core/b.ts': "import { a } from './a.js'\nexport const b = () => a\n",
      'packages/core/pure.ts': "import * as core from '@actions/core'\nexport const info = core.info\n",
      'packages/providers/thing/one/one.ts': "import { two } from '../two/two.js'\nexport const one = two\n",
      'packages/providers/thing/two/two.ts': "import { helper } from '../../../../actions/a/src/helper.js'\nexport const two = helper\n",
      'actions/a/src/helper.ts': 'export const helper = 1\n'
    })
    const result = cruise(dir, join(repoRoot, '.dependency-cruiser.cjs'))
    expect(result.ok).toBe(false)
    expect(result.output).toMatch(/error no-circular: packages\/core\/(a|b)\.ts/)
    expect(result.output).toMatch(/error pure-imports-no-actions-toolkit: packages\/core\/pure\.ts → \S*node_modules\/@actions\/core\//)
    expect(result.output).toContain('error provider-not-to-provider: packages/providers/thing/one/one.ts → packages/providers/thing/two/two.ts')
    expect(result.output).toContain('error packages-not-to-actions: packages/providers/thing/two/two.ts → actions/a/src/helper.ts')
  }, 300_000)
})

describe('import cycles (madge agrees)', () => {
  it('madge --circular finds none in actions/ and packages/', () => {
    const madge = join(repoRoot, 'node_modules', 'madge', 'bin', 'cli.js')
    const output = execFileSync(node24, [madge, '--circular', '--json', '--extensions', 'ts', 'actions', 'packages'], { cwd: repoRoot, stdio: 'pipe', encoding: 'utf8' })
    expect(JSON.parse(output)).toEqual([])
  }, 300_000)
})
