import type * as core from '@actions/core'
import { jest } from '@jest/globals'

/**
 * A typed stand-in for @actions/core, the one edge tests of packages/ mock:
 *
 *   import * as actionsCore from '../../support/fakes/actions-core.js'
 *   jest.unstable_mockModule('@actions/core', () => actionsCore)
 *   const { thing } = await import('../../../packages/…')
 *
 * Every function is a jest.fn typed after the real one (so a test cannot stub a wrong shape);
 * `inputs`, `outputs`, `state` and `secrets` hold what the code read and wrote, and `reset()`
 * clears them and the calls between tests. getIDToken answers `id-token-for-<audience>` unless a
 * test says otherwise.
 */

export const inputs: Record<string, string> = {}
export const outputs: Record<string, unknown> = {}
export const state: Record<string, string> = {}
export const secrets: string[] = []

export const getInput = jest.fn<typeof core.getInput>((name) => inputs[name.replace(/ /g, '_').toUpperCase()] ?? inputs[name] ?? '')
export const getBooleanInput = jest.fn<typeof core.getBooleanInput>((name) => getInput(name).trim().toLowerCase() === 'true')
export const getMultilineInput = jest.fn<typeof core.getMultilineInput>((name) =>
  getInput(name)
    .split('\n')
    .filter((line) => line !== '')
)
export const setOutput = jest.fn<typeof core.setOutput>((name, value) => void (outputs[name] = value))
export const setSecret = jest.fn<typeof core.setSecret>((secret) => void secrets.push(secret))
export const getState = jest.fn<typeof core.getState>((name) => state[name] ?? '')
export const saveState = jest.fn<typeof core.saveState>((name, value) => void (state[name] = String(value)))
export const getIDToken = jest.fn<typeof core.getIDToken>((audience) => Promise.resolve(`id-token-for-${audience ?? ''}`))
export const setFailed = jest.fn<typeof core.setFailed>()
export const info = jest.fn<typeof core.info>()
export const debug = jest.fn<typeof core.debug>()
export const warning = jest.fn<typeof core.warning>()
export const error = jest.fn<typeof core.error>()
export const notice = jest.fn<typeof core.notice>()
export const exportVariable = jest.fn<typeof core.exportVariable>()
export const isDebug = jest.fn<typeof core.isDebug>(() => false)
export const startGroup = jest.fn<typeof core.startGroup>()
export const endGroup = jest.fn<typeof core.endGroup>()
export const group = jest.fn(<T>(_name: string, fn: () => Promise<T>): Promise<T> => fn())
export const ExitCode = { Success: 0, Failure: 1 } as const

/** Forgets every input, output, state, secret and call. */
export function reset(): void {
  for (const record of [inputs, outputs, state]) for (const key of Object.keys(record)) delete record[key]
  secrets.length = 0
  for (const fn of [
    getInput,
    getBooleanInput,
    getMultilineInput,
    setOutput,
    setSecret,
    getState,
    saveState,
    getIDToken,
    setFailed,
    info,
    debug,
    warning,
    error,
    notice,
    exportVariable,
    isDebug,
    startGroup,
    endGroup,
    group
  ])
    fn.mockClear()
}
