import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readdirSync } from 'node:fs'
import { startHostTarget, type HostTarget } from '../../support/host-target.js'
import { cleanup, runAction } from '../../support/runner.js'
import { deployInputs, state, swap, upstream } from './support.js'

// Bad input fails before anything is touched: exit 1, one line naming the input, no stack trace,
// and nginx's upstream file, the state file and the run folder exactly as they were.
describe('blue-green-swap bad inputs (runner contract, host: local)', () => {
  let target: HostTarget

  beforeAll(async () => {
    target = await startHostTarget()
  })

  afterAll(async () => {
    await target.stop()
  })

  it.each<[string, Record<string, string>, string]>([
    ['an unknown provider', deployInputs('v2', { provider: 'heroku' }), 'Input "provider" is "heroku", which is not allowed; expected one of host'],
    ['an unknown mode', deployInputs('v2', { mode: 'swap' }), 'Input "mode" is "swap", which is not allowed'],
    ['steps not ending at 100', deployInputs('v2', { steps: '10,50' }), 'Input "steps" ends at 50, not 100'],
    ['malformed steps', deployInputs('v2', { steps: '10,fifty,100' }), 'Input "steps" has "fifty", which is not a percentage from 1 to 100'],
    ['a missing command', deployInputs('v2', { command: '' }), 'Input "command" is empty, but runtime is process'],
    [
      'an invalid PromQL query list',
      deployInputs('v2', { analysis: 'prometheus', bake: '5s', 'prometheus-url': 'http://127.0.0.1:9', 'analysis-queries': '- name: errors\n  query: sum(rate(x[1m])\n  threshold: "< 1"' }),
      'Input "analysis-queries" query "errors" has an unclosed "("'
    ],
    [
      'an SSH key that is not a key',
      deployInputs('v2', { host: '127.0.0.1', 'ssh-user': 'deploy', 'ssh-key': 'hunter2-not-a-key', 'known-hosts': '' }),
      'Input "ssh-key" is not a private key (the value is not shown)'
    ],
    ['an input the mode ignores', { mode: 'status', steps: '10,100' }, 'Input "steps" is set, but mode is status, which does not use it']
  ])('%s', async (_name, inputs, message) => {
    const before = { upstream: upstream(target), state: state(target), files: readdirSync(target.dir).sort() }
    const result = await swap(target, inputs)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(message)
    expect(result.errors[0]).toMatch(/^Input "[a-z-]+" /)
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /)
    // The runner consumes ::add-mask:: lines; nothing else may hold the secret.
    expect(
      result.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n')
    ).not.toContain('hunter2')
    expect(result.outputs).toEqual({})
    expect({ upstream: upstream(target), state: state(target), files: readdirSync(target.dir).sort() }).toEqual(before)
  })

  it('the root action runs blue-green-swap too (mode status reads only)', async () => {
    const before = { upstream: upstream(target), state: state(target) }
    const host = Object.fromEntries(Object.entries(target.inputs).filter((entry): entry is [string, string] => entry[1] !== undefined))
    const result = await runAction({ action: 'root', inputs: { action: 'blue-green-swap', provider: 'host', mode: 'status', ...host } })
    await cleanup(result)
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({ outcome: 'status', 'active-color': 'blue', 'rolled-back': 'false' })
    expect(result.summary).toContain('## blue-green-swap (status): ℹ️ status')
    expect({ upstream: upstream(target), state: state(target) }).toEqual(before)
  })
})
