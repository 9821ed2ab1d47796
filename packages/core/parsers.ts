import { InputError } from './input-error.js'

/** Pure parsers for action inputs. Each takes the input's name so its error can name it. */

// C0 controls (tab and line breaks included), DEL and C1 controls: never valid in a one-line input.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/

/** Where the first control character stands, for an error that names the position, not the value. */
function controlCharacterAt(value: string): number {
  return value.search(CONTROL_CHARACTER)
}

/**
 * A one-line input (a URL, a header, a name): surrounding whitespace trimmed, any control
 * character inside refused — never stripped or percent-encoded into something else. The error
 * names the position only, since the value may be a credential.
 */
export function parseSingleLine(name: string, raw: string): string {
  const value = raw.trim()
  const at = controlCharacterAt(value)
  if (at >= 0) {
    const code = value.charCodeAt(at).toString(16).padStart(4, '0')
    throw new InputError(name, `has a control character (U+${code.toUpperCase()} at position ${at + 1})`, 'a single line of printable characters')
  }
  return value
}

const TRUE = new Set(['true', 'yes', 'on', '1'])
const FALSE = new Set(['false', 'no', 'off', '0'])

export function parseBoolean(name: string, raw: string, fallback = false): boolean {
  const value = raw.trim().toLowerCase()
  if (value === '') return fallback
  if (TRUE.has(value)) return true
  if (FALSE.has(value)) return false
  throw new InputError(name, `is "${raw}", which is not a boolean`, 'true or false')
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/**
 * A duration such as `90s`, `5m`, `1h30m`, `250ms`, or a bare number of seconds. Returns
 * milliseconds.
 */
export function parseDuration(name: string, raw: string, fallbackMs?: number): number {
  const value = raw.trim().toLowerCase()
  if (value === '') {
    if (fallbackMs !== undefined) return fallbackMs
    throw new InputError(name, 'is empty', 'a duration such as 30s, 5m or 1h')
  }
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  const consumed = parts.map((p) => p[0]).join('')
  if (parts.length === 0 || consumed !== value.replace(/\s+/g, '')) {
    throw new InputError(name, `is "${raw}", which is not a duration`, 'a duration such as 30s, 5m, 1h30m or 250ms')
  }
  return Math.round(parts.reduce((total, [, amount, unit]) => total + Number(amount) * UNIT_MS[unit], 0))
}

export interface NumberRules {
  min?: number
  max?: number
  integer?: boolean
}

export function parseNumber(name: string, raw: string, fallback: number | undefined, rules: NumberRules = {}): number {
  const value = raw.trim()
  if (value === '') {
    if (fallback !== undefined) return fallback
    throw new InputError(name, 'is empty', describeNumber(rules))
  }
  const parsed = Number(value)
  if (!Number.isFinite(parsed) || (rules.integer && !Number.isInteger(parsed))) {
    throw new InputError(name, `is "${raw}", which is not ${rules.integer ? 'a whole number' : 'a number'}`, describeNumber(rules))
  }
  if ((rules.min !== undefined && parsed < rules.min) || (rules.max !== undefined && parsed > rules.max)) {
    throw new InputError(name, `is ${parsed}, which is out of range`, describeNumber(rules))
  }
  return parsed
}

function describeNumber(rules: NumberRules): string {
  const kind = rules.integer ? 'a whole number' : 'a number'
  if (rules.min !== undefined && rules.max !== undefined) return `${kind} from ${rules.min} to ${rules.max}`
  if (rules.min !== undefined) return `${kind} of at least ${rules.min}`
  if (rules.max !== undefined) return `${kind} of at most ${rules.max}`
  return kind
}

/** A list separated by newlines or commas; blank entries dropped, entries trimmed. */
export function parseList(raw: string): string[] {
  return raw
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
}

/**
 * `key=value` pairs, one per line; on a single line they may be separated by commas. Values may be
 * credentials (headers, tokens), so an error names the entry's position and never its text; a key
 * or value holding a control character is refused.
 */
export function parseKeyValueMap(name: string, raw: string): Record<string, string> {
  const map: Record<string, string> = {}
  const entries = (raw.includes('\n') ? raw.split('\n') : raw.split(',')).map((entry) => entry.replace(/\r$/, ''))
  let position = 0
  for (const entry of entries) {
    const trimmed = entry.trim()
    if (trimmed === '') continue
    position += 1
    const at = trimmed.indexOf('=')
    if (at <= 0) throw new InputError(name, `entry ${position} is not a key=value pair (the value is not shown: it may be a secret)`, 'lines of key=value')
    const key = trimmed.slice(0, at).trim()
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(key))
      throw new InputError(name, `entry ${position} has a key with characters outside letters, digits and !#$%&'*+.^_\`|~-`, 'lines of key=value')
    if (controlCharacterAt(trimmed) >= 0)
      throw new InputError(name, `entry ${position} ("${key}") has a control character in its value`, 'one key=value pair per line, each on a single line')
    map[key] = trimmed.slice(at + 1).trim()
  }
  return map
}

export function parseEnum<T extends string>(name: string, raw: string, allowed: readonly T[], fallback?: T): T {
  const value = raw.trim()
  if (value === '' && fallback !== undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new InputError(name, value === '' ? 'is empty' : `is "${raw}", which is not allowed`, `one of ${allowed.join(', ')}`)
}

/** A URL with one of the given protocols; the error never repeats the URL, which may hold credentials. */
export function parseUrl(name: string, raw: string, protocols: readonly string[] = ['http:', 'https:']): URL {
  const value = parseSingleLine(name, raw)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new InputError(name, 'is not a valid URL', `an absolute URL (${protocols.map((p) => p.replace(':', '://')).join(' or ')}…)`)
  }
  if (!protocols.includes(url.protocol)) {
    throw new InputError(name, `uses the ${url.protocol.replace(':', '')} scheme`, `a URL starting with ${protocols.map((p) => p.replace(':', '://')).join(' or ')}`)
  }
  return url
}

/** Exactly one of the named values must be set. */
export function exactlyOneOf(values: Record<string, string | undefined>): string {
  const set = Object.entries(values).filter(([, v]) => v !== undefined && v.trim() !== '')
  const names = Object.keys(values)
  if (set.length === 1) return set[0][0]
  const label = names.map((n) => `"${n}"`).join(' or ')
  if (set.length === 0)
    throw new InputError(
      names[0],
      `is missing (and so is ${names
        .slice(1)
        .map((n) => `"${n}"`)
        .join(', ')})`,
      `one of ${label}`
    )
  throw new InputError(set[1][0], `cannot be combined with "${set[0][0]}"`, `only one of ${label}`)
}
