// The CLI's command line, parsed without side effects. A malformed flag is a UsageError: one line
// saying what is wrong and what is expected; the CLI prints it and exits 2.

export class UsageError extends Error {
  constructor(message) {
    super(message)
    this.name = 'UsageError'
  }
}

const VALUE_FLAGS = {
  '--input': 'inputs',
  '-i': 'inputs',
  '--input-file': 'inputFiles',
  '--inputs-file': 'inputsFiles',
  '--env-file': 'envFiles',
  '--out-dir': 'outDir',
  '--event': 'event'
}
const SWITCHES = { '--help': 'help', '-h': 'help', '--verbose': 'verbose', '--list': 'list', '--version': 'version' }
const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/** `name=value` of --input / --input-file; the value is never repeated in an error (it may be a secret). */
export function parsePair(flag, text) {
  const at = text.indexOf('=')
  const expected = `expected ${flag} name=${flag === '--input-file' ? 'path' : 'value'}`
  // Shown only when it looks like an input's name; anything else may be a pasted secret.
  if (at < 0)
    throw new UsageError(
      INPUT_NAME.test(text) && text.length <= 40 ? `${flag} "${text}" has no "=": ${expected}` : `an ${flag} value has no "=" (not shown: it may be a secret): ${expected}`
    )
  const name = text.slice(0, at).trim()
  if (!INPUT_NAME.test(name)) throw new UsageError(`${flag} has an input name "${name}" that is not one: expected letters, digits, - and _ before "="`)
  return [name, text.slice(at + 1)]
}

/**
 * argv (without node and the script) → { action, inputs: [[name, value]], inputFiles: [[name, path]],
 * inputsFiles, envFiles, outDir, help, verbose, list, version }.
 */
export function parseArgs(argv) {
  const parsed = {
    action: undefined,
    inputs: [],
    inputFiles: [],
    inputsFiles: [],
    envFiles: [],
    outDir: undefined,
    event: undefined,
    help: false,
    verbose: false,
    list: false,
    version: false
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (SWITCHES[arg]) {
      parsed[SWITCHES[arg]] = true
      continue
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1
    const flag = eq > 0 ? arg.slice(0, eq) : arg
    if (VALUE_FLAGS[flag]) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
      if (value === undefined || (eq < 0 && /^--?[a-z]/.test(value) && (VALUE_FLAGS[value] || SWITCHES[value]))) throw new UsageError(`${flag} needs a value: expected ${usageOf(flag)}`)
      const key = VALUE_FLAGS[flag]
      if (key === 'inputs') parsed.inputs.push(parsePair('--input', value))
      else if (key === 'inputFiles') parsed.inputFiles.push(parsePair('--input-file', value))
      else if (key === 'outDir' || key === 'event') {
        if (parsed[key] !== undefined) throw new UsageError(`${flag} is given twice: expected one ${key === 'event' ? 'file' : 'folder'}`)
        parsed[key] = value
      } else parsed[key].push(value)
      continue
    }
    if (arg.startsWith('-')) throw new UsageError(`unknown option ${flag}: see deploy-actions --help`)
    if (parsed.action === undefined) {
      parsed.action = arg
      continue
    }
    throw new UsageError(`unexpected argument "${arg}" after the action "${parsed.action}": inputs are given as --input name=value`)
  }
  const seen = new Set()
  for (const [name] of [...parsed.inputs, ...parsed.inputFiles]) {
    if (seen.has(name)) throw new UsageError(`input "${name}" is given twice: expected each input once (--input or --input-file)`)
    seen.add(name)
  }
  return parsed
}

function usageOf(flag) {
  switch (flag) {
    case '--input':
    case '-i':
      return '--input name=value'
    case '--input-file':
      return '--input-file name=path (the input’s value is the file’s content)'
    case '--inputs-file':
      return '--inputs-file inputs.yml'
    case '--env-file':
      return '--env-file .env'
    case '--event':
      return '--event event.json'
    default:
      return '--out-dir folder'
  }
}
