import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// @actions/core faked at the edge: inputs come from a map, masks are recorded.
const inputs = new Map<string, string>()
const setSecret = jest.fn<(value: string) => void>()
jest.unstable_mockModule('@actions/core', () => ({
  getInput: (name: string) => inputs.get(name) ?? '',
  setSecret,
  info: jest.fn(),
  warning: jest.fn(),
  debug: jest.fn()
}))
const { getInputs } = await import('../../../actions/smoke-test/src/inputs.js')

describe('getInputs reads and masks (@actions/core faked)', () => {
  let dir: string
  beforeEach(() => {
    inputs.clear()
    setSecret.mockClear()
    dir = mkdtempSync(join(tmpdir(), 'smoke-inputs-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  test('reads the checks file; secret header values (and their credentials part) masked at once', async () => {
    const file = join(dir, 'checks.yml')
    writeFileSync(file, 'checks:\n  - name: a\n    url: https://x.example/a\n    headers: { X-Api-Key: "{{ env.KEY }}" }\n')
    inputs.set('checks-file', file)
    inputs.set('headers', 'Authorization=Bearer static-token-123')
    inputs.set('secret-headers', 'X-Api-Key')
    const parsed = await getInputs({ KEY: 'key-from-env-456' })
    expect(parsed.plan.checks[0].headers).toEqual({ Authorization: 'Bearer static-token-123', 'X-Api-Key': 'key-from-env-456' })
    expect(setSecret.mock.calls.map(([v]) => v)).toEqual(['Bearer static-token-123', 'static-token-123', 'key-from-env-456'])
  })

  test('an unreadable checks file names the input; the file is not read when url is set too', async () => {
    inputs.set('checks-file', join(dir, 'missing.yml'))
    await expect(getInputs({})).rejects.toThrow(/^Input "checks-file" names .*missing\.yml, which does not exist; expected the path of a YAML or JSON checks file/)
    inputs.set('url', 'https://x.example/')
    await expect(getInputs({})).rejects.toThrow('Input "checks-file" is set together with "url"')
  })
})
