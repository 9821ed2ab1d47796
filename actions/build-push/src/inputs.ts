import { input, secretInput } from '../../../packages/core/action-input.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { INPUT_NAMES, SECRET_INPUTS, parseBuildPushInputs, type BuildPushInputs, type InputName, type RawInputs } from './parse-inputs.js'

/**
 * Reads every input (masking secrets the moment they are read) and validates them all.
 * registry-auth is masked value by value once parsed: masking its whole lines would hide the
 * registry host names in every later log line.
 */
export function getInputs(): BuildPushInputs {
  const read = (name: InputName): string => {
    if (!SECRET_INPUTS.includes(name) || name === 'registry-auth') return input(name)
    return unexpanded(input(name)) ? '' : secretInput(name)
  }
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, read(name)])) as RawInputs
  const inputs = parseBuildPushInputs(raw)
  for (const value of Object.values(inputs.secrets)) maskSecret(value)
  for (const registry of inputs.registries) maskSecret(registry.password)
  return inputs
}

/** A `${{ … }}` default passed on as text by the root dispatcher is no secret (and no value). */
function unexpanded(value: string): boolean {
  return /^\$\{\{.*\}\}$/.test(value.trim())
}
