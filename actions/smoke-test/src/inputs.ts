import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { input } from '../../../packages/core/action-input.js'
import { InputError } from '../../../packages/core/input-error.js'
import { parseSingleLine } from '../../../packages/core/parsers.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { maskHeaderValue } from './check-runner.js'
import { INPUT_NAMES, parseSmokeTestInputs, type RawInputs, type SmokeTestInputs } from './parse-inputs.js'

export type { SmokeTestInputs } from './parse-inputs.js'

/** Reads every input and the checks file, validates them all, and masks secret header values at once. */
export async function getInputs(env: NodeJS.ProcessEnv = process.env): Promise<SmokeTestInputs> {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, input(name)])) as RawInputs
  const checksFile = parseSingleLine('checks-file', raw['checks-file'])
  // The file is read only when it is the one source of checks; parse-inputs reports "both" or "neither".
  const checksFileText = checksFile !== '' && raw.url.trim() === '' ? readChecksFile(checksFile) : undefined
  const inputs = await parseSmokeTestInputs(raw, env, { checksFileText })
  for (const value of inputs.secretHeaderValues) maskHeaderValue(value, maskSecret)
  return inputs
}

/** Reads the checks file, relative to the working directory (the workspace on a runner). */
function readChecksFile(path: string): string {
  try {
    return readFileSync(resolve(path), 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable'
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`
    throw new InputError('checks-file', `names ${path}, which ${why}`, 'the path of a YAML or JSON checks file, relative to the workspace')
  }
}
