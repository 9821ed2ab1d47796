import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { repoRoot } from '../support/paths.js'
import { shippedWorkflowFiles } from './workflow-files.js'

// The suite's standing rules for workflows, checked on every workflow the repository ships:
// least-privilege permissions declared per job, no expression expanded inside a run: script
// (values go through env:), and third-party actions pinned by a full commit SHA.

interface Job {
  permissions?: unknown
  uses?: string
  steps?: { run?: string; uses?: string }[]
}

function ruleViolations(source: string): string[] {
  const workflow = parse(source) as { jobs?: Record<string, Job> }
  const found: string[] = []
  for (const [id, job] of Object.entries(workflow.jobs ?? {})) {
    if (job.permissions === undefined) found.push(`job "${id}" declares no permissions`)
    const uses = [job.uses, ...(job.steps ?? []).map((s) => s.uses)].filter((u): u is string => typeof u === 'string')
    for (const use of uses) {
      const local = use.startsWith('./') || use.startsWith('docker://')
      const ours = /^[\w.-]+\/deploy-actions[/@]/.test(use)
      if (!local && !ours && !/@[0-9a-f]{40}$/.test(use)) found.push(`job "${id}" uses ${use}, not pinned by a full commit SHA`)
    }
    for (const step of job.steps ?? []) {
      if (typeof step.run === 'string' && step.run.includes('${{')) found.push(`job "${id}" expands an expression inside run: (pass it through env:)`)
    }
  }
  return found
}

const files = shippedWorkflowFiles()

describe('workflow rules', () => {
  it('finds each kind of violation in a workflow that breaks them all', () => {
    const bad = [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - run: echo "${{ github.event.head_commit.message }}"'
    ].join('\n')
    expect(ruleViolations(bad)).toEqual([
      'job "build" declares no permissions',
      'job "build" uses actions/checkout@v4, not pinned by a full commit SHA',
      'job "build" expands an expression inside run: (pass it through env:)'
    ])
  })

  it.each(files.map((f) => [relative(repoRoot, f), f]))('%s follows them', (_name, file) => {
    expect(ruleViolations(readFileSync(file, 'utf8'))).toEqual([])
  })
})
