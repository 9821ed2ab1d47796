// Where the CLI's input values and environment come from: .env files, an inputs file, files
// holding a secret, and the few `${{ }}` expressions a workflow would have the runner expand
// (secrets.X and env.X from the environment, github.token from GITHUB_TOKEN, job.status). Values
// from secrets.*, github.token and --input-file are secrets: the CLI masks them from the start,
// as the runner masks secrets.* before the step begins. Errors name the file (absolute path) and
// the line or input, never a value.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { UsageError } from './args.mjs'

function readText(what, path) {
  const absolute = resolve(path)
  try {
    return { absolute, text: readFileSync(absolute, 'utf8') }
  } catch (error) {
    throw new UsageError(`${what} cannot be read at ${absolute} (${error.code ?? 'unreadable'})`)
  }
}

/** A .env file: KEY=value lines, `export ` allowed, '…' literal, "…" with \n escapes, # comments. */
export function parseEnvFile(text, where) {
  const env = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim()
    if (line === '' || line.startsWith('#')) continue
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!match) throw new UsageError(`${where}:${i + 1} is not a KEY=value line (the line is not shown: it may hold a secret)`)
    const [, key, rest] = match
    let value = rest
    if (/^'.*'$/.test(value) && value.length >= 2) value = value.slice(1, -1)
    else if (/^".*"$/.test(value) && value.length >= 2)
      value = value
        .slice(1, -1)
        .replace(/\\n/g, '\n')
        .replace(/\\r/g, '\r')
        .replace(/\\t/g, '\t')
        .replace(/\\(["\\$])/g, '$1')
    else value = value.replace(/\s+#.*$/, '').trim()
    env[key] = value
  }
  return env
}

export function readEnvFile(path) {
  const { absolute, text } = readText('--env-file', path)
  return parseEnvFile(text, absolute)
}

/**
 * An inputs file: YAML mapping of input name to a scalar (what goes under `with:` in a workflow;
 * a file holding a whole step with `with:` works too).
 */
export function parseInputsFile(text, where) {
  let document
  try {
    document = parseYaml(text)
  } catch (error) {
    throw new UsageError(`--inputs-file ${where} is not valid YAML (${String(error.message).split('\n')[0]})`)
  }
  if (document && typeof document === 'object' && !Array.isArray(document) && document.with && typeof document.with === 'object') document = document.with
  if (document === null || document === undefined) return []
  if (typeof document !== 'object' || Array.isArray(document)) throw new UsageError(`--inputs-file ${where} is not a mapping of input names to values`)
  return Object.entries(document).map(([name, value]) => {
    if (value !== null && typeof value === 'object') throw new UsageError(`--inputs-file ${where}: input "${name}" is not a single value (use a | block for several lines)`)
    return [name, value === null ? '' : String(value)]
  })
}

export function readInputsFile(path) {
  const { absolute, text } = readText('--inputs-file', path)
  return parseInputsFile(text, absolute)
}

/** --input-file name=path: the file's content, one final line break dropped. */
export function readInputFile(name, path) {
  const { text } = readText(`--input-file ${name}=`, path)
  return text.replace(/\r?\n$/, '')
}

const EXPRESSION = /\$\{\{\s*([^}]*?)\s*\}\}/g

/**
 * Expands the expressions the CLI can answer in one value. Returns { value, secrets } where
 * secrets are the values that must be masked. `strict` (the caller's own inputs) makes an unset
 * secret or an unknown expression an error; for action.yml defaults they become empty.
 */
export function expandExpressions(input, raw, env, { strict = true } = {}) {
  const secrets = []
  const value = raw.replace(EXPRESSION, (whole, expression) => {
    let match
    if ((match = /^secrets\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression))) {
      const name = match[1]
      const found = name === 'GITHUB_TOKEN' ? (env.GITHUB_TOKEN ?? '') : env[name]
      if (found === undefined && strict) throw new UsageError(`input "${input}" uses secrets.${name}, which is not set: export ${name} or put it in an --env-file`)
      if (found) secrets.push(found)
      return found ?? ''
    }
    if ((match = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression))) return env[match[1]] ?? ''
    if (expression === 'github.token') {
      if (env.GITHUB_TOKEN) secrets.push(env.GITHUB_TOKEN)
      return env.GITHUB_TOKEN ?? ''
    }
    if (expression === 'job.status') return 'success'
    if ((match = /^(github|runner)\.([a-z_]+)$/.exec(expression))) {
      const variable = `${match[1].toUpperCase()}_${match[2].toUpperCase()}`
      if (env[variable] !== undefined) return env[variable]
    }
    if (strict) throw new UsageError(`input "${input}" uses ${whole}, which the CLI cannot evaluate: give the value itself, or secrets.NAME / env.NAME from the environment`)
    return ''
  })
  return { value, secrets }
}

/** --event: the webhook payload GITHUB_EVENT_PATH points at (a pull_request event, say). */
export function readEventFile(path) {
  const { absolute, text } = readText('--event', path)
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`--event ${absolute} is not valid JSON (${String(error.message).split('\n')[0]})`)
  }
}
