import { readFileSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import { input, secretInput } from '../../../packages/core/action-input.js'
import { InputError } from '../../../packages/core/input-error.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { INPUT_NAMES, SECRET_INPUTS, parseSwapInputs, type ChecksFileText, type InputName, type RawInputs, type SwapInputs } from './parse-inputs.js'
import { loadJsonPath } from '../../../packages/core/json-path.js'
import { needsJsonPath, parseChecksText } from '../../smoke-test/src/checks-file.js'

/** Reads every input (masking secrets the moment they are read) and validates them all. */
export async function getInputs(env: NodeJS.ProcessEnv = process.env): Promise<SwapInputs> {
  const raw = Object.fromEntries(INPUT_NAMES.map((name: InputName) => [name, SECRET_INPUTS.includes(name) ? secretInput(name) : input(name)])) as RawInputs
  // The new version's environment may hold secrets: every value is masked before anything logs.
  for (const line of raw.env.split('\n')) {
    const value = line.slice(line.indexOf('=') + 1).trim()
    if (line.includes('=') && value.length >= 3) maskSecret(value)
  }
  return parseSwapInputs(raw, env, await readChecksFile(raw['checks-file']))
}

/** The checks file, relative to the working directory (the workspace on a runner). */
async function readChecksFile(path: string): Promise<ChecksFileText | undefined> {
  const trimmed = path.trim()
  if (trimmed === '') return undefined
  let text: string
  try {
    text = readFileSync(resolve(trimmed), 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable'
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`
    throw new InputError('checks-file', `names ${trimmed}, which ${why}`, 'the path of a smoke-test checks file (YAML or JSON), relative to the workspace')
  }
  // smoke-test's parser (YAML loaded only when a file needs it) names the input on a syntax error.
  const document = await parseChecksText(text, basename(trimmed))
  // The JSONPath library, like YAML, is loaded only when a check asserts with it.
  if (needsJsonPath(document)) await loadJsonPath()
  return { name: basename(trimmed), document }
}
