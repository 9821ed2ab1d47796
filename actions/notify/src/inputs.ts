import { readEventPayload } from '../../../packages/core/event.js'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { input, secretInput } from '../../../packages/core/action-input.js'
import { InputError } from '../../../packages/core/input-error.js'
import { parseSingleLine } from '../../../packages/core/parsers.js'
import { INPUT_NAMES, SECRET_INPUTS, parseNotifyInputs, payloadNeedsYaml, type InputName, type NotifyInputs, type RawInputs, type ReadFiles } from './parse-inputs.js'
import { unexpanded } from './status.js'

/** Reads every input (masking secrets the moment they are read) and the payload file, and validates them all. */
export async function getInputs(nowMs: number = Date.now()): Promise<NotifyInputs> {
  // An unexpanded default (`${{ github.token }}` passed on as text by the root dispatcher) is no
  // secret, and parse-inputs treats it as empty.
  const read = (name: InputName): string => (SECRET_INPUTS.includes(name) && !unexpanded(input(name)) ? secretInput(name) : input(name))
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, read(name)])) as RawInputs
  const files: ReadFiles = {}
  if (raw['payload-file'].trim() !== '') files.payloadFile = readPayloadFile(raw['payload-file'])
  const payloadText = raw.payload.trim() !== '' ? raw.payload : files.payloadFile
  // YAML is parsed only for a YAML payload, so other runs never load the parser.
  if (payloadNeedsYaml(payloadText)) files.parseYaml = (await import('yaml')).parse
  return parseNotifyInputs(raw, process.env, readEventPayload(), nowMs, files)
}

/** The payload file, relative to the working directory (the workspace); an error shows the absolute path looked at. */
function readPayloadFile(raw: string): string {
  const path = resolve(parseSingleLine('payload-file', raw))
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new InputError('payload-file', `cannot be read at ${path} (${code})`, 'a JSON or YAML file with the Slack message, relative to the workspace')
  }
}
