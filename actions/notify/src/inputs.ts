import { readFileSync } from 'node:fs'
import { input, secretInput } from '../../../packages/core/action-input.js'
import { INPUT_NAMES, SECRET_INPUTS, parseNotifyInputs, type InputName, type NotifyInputs, type RawInputs } from './parse-inputs.js'
import { unexpanded } from './status.js'

/** Reads every input (masking secrets the moment they are read) and validates them all. */
export function getInputs(nowMs: number = Date.now()): NotifyInputs {
  // An unexpanded default (`${{ github.token }}` passed on as text by the root dispatcher) is no
  // secret, and parse-inputs treats it as empty.
  const read = (name: InputName): string => (SECRET_INPUTS.includes(name) && !unexpanded(input(name)) ? secretInput(name) : input(name))
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, read(name)])) as RawInputs
  return parseNotifyInputs(raw, process.env, readEvent(), nowMs)
}

function readEvent(): unknown {
  const path = process.env.GITHUB_EVENT_PATH
  if (!path) return {}
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return {}
  }
}
