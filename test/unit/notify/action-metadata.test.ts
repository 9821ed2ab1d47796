import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { repoRoot } from '../../support/paths.js'
import { INPUT_NAMES } from '../../../actions/notify/src/parse-inputs.js'

// The runner evaluates ${{ }} in action.yml while loading it: an input default may only use the
// contexts its schema allows (github, strategy, matrix, job, runner), and any other text with an
// expression (a description) fails the whole step before it starts.
const meta = parse(readFileSync(join(repoRoot, 'actions', 'notify', 'action.yml'), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
}

describe('actions/notify/action.yml', () => {
  it('declares exactly the inputs the code reads', () => {
    expect(Object.keys(meta.inputs).sort()).toEqual([...INPUT_NAMES].sort())
  })

  it('has no expression in any description', () => {
    const withExpressions = [...Object.entries(meta.inputs), ...Object.entries(meta.outputs)].filter(([, spec]) => spec.description.includes('${{')).map(([name]) => name)
    expect(withExpressions).toEqual([])
  })

  it('defaults use only the contexts allowed in action metadata', () => {
    const expressions = Object.values(meta.inputs).flatMap((spec) => [...String(spec.default ?? '').matchAll(/\$\{\{\s*([a-z]+)\./g)].map((m) => m[1]))
    expect(expressions.filter((context) => !['github', 'strategy', 'matrix', 'job', 'runner'].includes(context))).toEqual([])
    expect(meta.inputs['job-status'].default).toBe('${{ job.status }}')
  })
})
