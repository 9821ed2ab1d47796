import * as core from '@actions/core'
import { input } from '../../../packages/core/action-input.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { INPUT_NAMES, databaseUrlMasks, parseMigrateInputs, type Inputs, type RawInputs } from './parse-inputs.js'

export type { Inputs, LintOptions, Tool } from './parse-inputs.js'

/** Reads every input, masking the database URL's secrets the moment it is read, and validates them all. */
export function getInputs(): Inputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, input(name)])) as RawInputs
  // The token is a secret; an unexpanded default passed on by the root action is not.
  if (!raw['github-token'].includes('${{')) maskSecret(raw['github-token'])
  for (const secret of databaseUrlMasks(raw['database-url'])) maskSecret(secret)
  const inputs = parseMigrateInputs(raw, process.env)
  core.debug(`tool=${inputs.tool} format=${inputs.format} direction=${inputs.direction} dry-run=${inputs.dryRun}`)
  return inputs
}
