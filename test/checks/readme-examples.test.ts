import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { loadActionMetadata } from '../support/runner.js'
import { repoRoot } from '../support/paths.js'

// Every `uses: org/deploy-actions…` step in the docs' YAML examples passes only inputs the action
// declares, so the examples stay true to action.yml.
const docs = [
  join(repoRoot, 'README.md'),
  ...readdirSync(join(repoRoot, 'actions')).map((name) => join(repoRoot, 'actions', name, 'README.md')),
  ...readdirSync(join(repoRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(repoRoot, 'docs', f))
].filter(existsSync)

interface Step {
  uses: string
  with: Record<string, unknown>
  where: string
}

function stepsIn(node: unknown, where: string, found: Step[] = []): Step[] {
  if (Array.isArray(node)) node.forEach((child) => stepsIn(child, where, found))
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>
    if (typeof record.uses === 'string' && /^[\w.-]+\/deploy-actions[/@]/.test(record.uses)) {
      found.push({ uses: record.uses, with: (record.with as Record<string, unknown>) ?? {}, where })
    }
    Object.values(record).forEach((child) => stepsIn(child, where, found))
  }
  return found
}

function yamlBlocks(file: string): { source: string; line: number }[] {
  const text = readFileSync(file, 'utf8')
  const blocks: { source: string; line: number }[] = []
  const fence = /```ya?ml\n([\s\S]*?)```/g
  for (const match of text.matchAll(fence)) blocks.push({ source: match[1], line: text.slice(0, match.index).split('\n').length })
  return blocks
}

const steps = docs.flatMap((file) =>
  yamlBlocks(file).flatMap(({ source, line }) => {
    let parsed: unknown
    try {
      parsed = parse(source)
    } catch {
      return []
    }
    return stepsIn(parsed, `${relative(repoRoot, file)}:${line}`)
  })
)

describe('documentation examples', () => {
  it('contain steps that use the suite', () => expect(steps.length).toBeGreaterThan(5))

  it.each(steps.map((s) => [s.where, s.uses, s]))('%s: %s passes only declared inputs', (_where, uses, step) => {
    const match = /^[\w.-]+\/deploy-actions(?:\/actions\/([a-z-]+))?@/.exec(uses as string)
    expect(match).not.toBeNull()
    const name = match![1] ?? 'root'
    if (name === 'root') expect(Object.keys((step as Step).with)).toContain('action')
    const declared = Object.keys(loadActionMetadata(name).inputs)
    const unknown = Object.keys((step as Step).with).filter((input) => !declared.includes(input))
    expect(unknown).toEqual([])
  })
})
