import { InputError } from '../../../packages/core/input-error.js'
import { parseDuration, parseSingleLine } from '../../../packages/core/parsers.js'
import { jsonPathProblem } from '../../../packages/core/json-path.js'
import { IDEMPOTENT_METHODS, OPERATORS, type Assertion, type Capture, type CheckSpec, type Operator, type RequestBody, type StatusRanges } from './check-spec.js'
import { DYNAMIC_PLACEHOLDERS, githubExpressionIn, placeholderRefs, resolveEnv, withSampleCaptures } from './placeholders.js'
import { parseStatusRanges, STATUS_LIST_EXPECTED } from './status-ranges.js'

/**
 * Pure parsing and validation of a checks file (YAML or JSON) into CheckSpecs. Every problem is an
 * InputError naming the check and the field: `Input "checks-file" check "login" field
 * "expect.status" …`. The inline inputs (url, method, headers, body, expect-status) go through the
 * same validation with a locator that names those inputs instead.
 */

/** Turns a problem in a check's field into the InputError to throw. */
export type Locator = (check: string, field: string, problem: string, expected?: string) => InputError

export const fileLocator: Locator = (check, field, problem, expected) => new InputError('checks-file', `check "${check}" field "${field}" ${problem}`, expected)

const INLINE_INPUT: Record<string, string> = { url: 'url', method: 'method', body: 'body', 'expect.status': 'expect-status' }

/** For the single check built from inline inputs: the error names the input the field came from. */
export const inlineLocator: Locator = (_check, field, problem, expected) => new InputError(INLINE_INPUT[field] ?? (field.startsWith('headers') ? 'headers' : field), problem, expected)

export interface CheckDefaults {
  headers: Record<string, string>
  timeoutMs: number
  retries: number
  /** Whether checks with a non-idempotent method (POST, PATCH) may be re-sent too. */
  retryUnsafe?: boolean
  statuses: StatusRanges
  latencyMaxMs?: number
  baseUrl?: string
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const
const CHECK_FIELDS = ['name', 'method', 'url', 'headers', 'body', 'json', 'expect', 'capture', 'timeout', 'retries', 'retry-unsafe']
const EXPECT_FIELDS = ['status', 'headers', 'body-contains', 'body-matches', 'json', 'latency-max']
const DOCUMENT_FIELDS = ['checks', 'defaults', 'base-url']
const DEFAULT_FIELDS = ['headers', 'timeout', 'retries', 'retry-unsafe']

const OPERATOR_ALIASES: Record<string, Operator> = { lt: '<', lte: '<=', gt: '>', gte: '>=' }
const CAPTURE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/
const MAX_RETRIES = 10

/** Parses the file's text: `.json` as JSON, anything else as YAML (which JSON also is; the YAML library loads only then). */
export async function parseChecksText(text: string, fileName: string): Promise<unknown> {
  if (/\.json$/i.test(fileName)) {
    try {
      return JSON.parse(text)
    } catch (error) {
      throw new InputError('checks-file', `(${fileName}) is not valid JSON: ${firstLine(error)}`, 'a JSON document with a "checks" list')
    }
  }
  const { parseDocument } = await import('yaml')
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true })
  if (document.errors.length > 0) throw new InputError('checks-file', `(${fileName}) is not valid YAML: ${firstLine(document.errors[0])}`, 'a YAML document with a "checks" list')
  return document.toJS()
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/[.:]$/, '')
}

/** Validates a parsed checks document and returns its checks, in file order. */
export function buildChecks(document: unknown, defaults: CheckDefaults, env: Readonly<Record<string, string | undefined>>): CheckSpec[] {
  const expected = 'a list of checks, or a mapping with "checks" (and optionally "defaults" and "base-url")'
  let list: unknown
  let merged = defaults
  if (Array.isArray(document)) list = document
  else if (isRecord(document)) {
    const unknown = Object.keys(document).filter((key) => !DOCUMENT_FIELDS.includes(key))
    if (unknown.length > 0) throw new InputError('checks-file', `has unknown top-level field "${unknown[0]}"`, `one of ${DOCUMENT_FIELDS.join(', ')}`)
    list = document.checks
    merged = withFileDefaults(document, defaults, env)
  } else throw new InputError('checks-file', 'holds no checks', expected)
  if (!Array.isArray(list) || list.length === 0) throw new InputError('checks-file', Array.isArray(list) ? 'has an empty "checks" list' : 'has no "checks" list', expected)
  return list.map((raw, index) => {
    if (!isRecord(raw)) throw new InputError('checks-file', `check #${index + 1} is ${JSON.stringify(raw)}, not a mapping`, 'each check to be a mapping with at least "url"')
    return buildCheck(raw, index, merged, env, fileLocator)
  })
}

/** Whether any check reads a JSONPath (a JSON assertion or a capture), so the JSONPath library must be loaded first. */
export function needsJsonPath(document: unknown): boolean {
  const list = Array.isArray(document) ? document : isRecord(document) ? document.checks : undefined
  if (!Array.isArray(list)) return false
  return list.some((check) => isRecord(check) && (check.capture !== undefined || (isRecord(check.expect) && check.expect.json !== undefined)))
}

/** The defaults every check of a document starts from: the inputs', then the file's base-url and defaults. */
export function documentDefaults(document: unknown, defaults: CheckDefaults, env: Readonly<Record<string, string | undefined>>): CheckDefaults {
  return isRecord(document) ? withFileDefaults(document, defaults, env) : defaults
}

function withFileDefaults(document: Record<string, unknown>, defaults: CheckDefaults, env: Readonly<Record<string, string | undefined>>): CheckDefaults {
  const locate: Locator = (_check, field, problem, expected) => new InputError('checks-file', `field "${field}" ${problem}`, expected)
  const merged: CheckDefaults = { ...defaults }
  if (document['base-url'] !== undefined && defaults.baseUrl === undefined) {
    const base = resolveEnvOrFail(document['base-url'], 'base-url', '', env, locate)
    if (typeof base !== 'string' || !isHttpUrl(base)) throw locate('', 'base-url', 'is not an absolute http(s) URL', 'a URL such as https://staging.example.com')
    merged.baseUrl = base
  }
  const fileDefaults = document.defaults
  if (fileDefaults === undefined) return merged
  if (!isRecord(fileDefaults)) throw locate('', 'defaults', 'is not a mapping', `a mapping with ${DEFAULT_FIELDS.join(', ')}`)
  const unknown = Object.keys(fileDefaults).filter((key) => !DEFAULT_FIELDS.includes(key))
  if (unknown.length > 0) throw locate('', `defaults.${unknown[0]}`, 'is not a known default', `one of ${DEFAULT_FIELDS.join(', ')}`)
  if (fileDefaults.headers !== undefined)
    merged.headers = mergeHeaders(defaults.headers, headerMap(resolveEnvOrFail(fileDefaults.headers, 'defaults.headers', '', env, locate), 'defaults.headers', '', locate))
  if (fileDefaults.timeout !== undefined) merged.timeoutMs = durationField(fileDefaults.timeout, 'defaults.timeout', '', locate)
  if (fileDefaults.retries !== undefined) merged.retries = retriesField(fileDefaults.retries, 'defaults.retries', '', locate)
  if (fileDefaults['retry-unsafe'] !== undefined) merged.retryUnsafe = booleanField(fileDefaults['retry-unsafe'], 'defaults.retry-unsafe', '', locate)
  return merged
}

export function buildCheck(raw: Record<string, unknown>, index: number, defaults: CheckDefaults, env: Readonly<Record<string, string | undefined>>, locate: Locator): CheckSpec {
  // Anything but a string is no method; the check below names the value given.
  const method = raw.method === undefined ? 'GET' : typeof raw.method === 'string' ? raw.method.trim().toUpperCase() : ''
  if (raw.name !== undefined && (typeof raw.name !== 'string' || raw.name.trim() === '')) throw locate(`#${index + 1}`, 'name', 'is not a non-empty string', 'a short name such as "login"')
  if (typeof raw.name === 'string') singleLine(raw.name, 'name', `#${index + 1}`, locate)
  const provisional = typeof raw.name === 'string' ? raw.name.trim() : `#${index + 1}`
  const unknown = Object.keys(raw).filter((key) => !CHECK_FIELDS.includes(key))
  if (unknown.length > 0) throw locate(provisional, unknown[0], 'is not a known field', `one of ${CHECK_FIELDS.join(', ')}`)
  const github = githubExpressionIn(raw, '')
  if (github && locate === fileLocator) {
    throw locate(provisional, github.field, `uses ${github.text}, which GitHub does not expand inside a checks file`, 'placeholders written {{ capture }} or {{ env.NAME }}')
  }
  const resolved = resolveEnvOrFail(raw, '', provisional, env, locate) as Record<string, unknown>

  if (!(METHODS as readonly string[]).includes(method))
    throw locate(provisional, 'method', `is "${String(raw.method)}", which is not an HTTP method this action sends`, `one of ${METHODS.join(', ')}`)
  const url = urlField(resolved.url, provisional, defaults.baseUrl, locate)
  const name = provisional.startsWith('#') && raw.name === undefined ? `${method} ${displayPath(url)}` : provisional

  const headers = mergeHeaders(defaults.headers, resolved.headers === undefined ? {} : headerMap(resolved.headers, 'headers', name, locate))
  if (resolved.body !== undefined && resolved.json !== undefined) throw locate(name, 'json', 'is set together with "body"', 'either "body" (text) or "json" (a value sent as JSON), not both')
  let body: RequestBody | undefined
  if (resolved.body !== undefined) {
    if (typeof resolved.body !== 'string') throw locate(name, 'body', 'is not text', 'a string; use "json" to send a structured value')
    body = { kind: 'text', text: resolved.body }
  } else if (resolved.json !== undefined) {
    body = { kind: 'json', value: resolved.json }
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
  }
  if (body && (method === 'GET' || method === 'HEAD'))
    throw locate(name, body.kind === 'json' ? 'json' : 'body', `is set on a ${method} check`, 'a body only with POST, PUT, PATCH, DELETE or OPTIONS')

  const expect = resolved.expect === undefined ? {} : resolved.expect
  if (!isRecord(expect)) throw locate(name, 'expect', 'is not a mapping', `a mapping with ${EXPECT_FIELDS.join(', ')}`)
  const unknownExpect = Object.keys(expect).filter((key) => !EXPECT_FIELDS.includes(key))
  if (unknownExpect.length > 0) throw locate(name, `expect.${unknownExpect[0]}`, 'is not a known expectation', `one of ${EXPECT_FIELDS.map((f) => `expect.${f}`).join(', ')}`)

  let statuses = defaults.statuses
  if (expect.status !== undefined) {
    const parsed = parseStatusRanges(expect.status)
    if ('problem' in parsed) throw locate(name, 'expect.status', parsed.problem, STATUS_LIST_EXPECTED)
    statuses = parsed.ranges
  }
  const assertions = [
    ...headerAssertions(expect.headers, name, locate),
    ...bodyAssertions(expect['body-contains'], 'contains', 'expect.body-contains', name, locate),
    ...bodyAssertions(expect['body-matches'], 'matches', 'expect.body-matches', name, locate),
    ...jsonAssertions(expect.json, name, locate)
  ]
  const latencyMaxMs = expect['latency-max'] === undefined ? defaults.latencyMaxMs : durationField(expect['latency-max'], 'expect.latency-max', name, locate)
  const captures = captureList(resolved.capture, name, locate)
  const timeoutMs = resolved.timeout === undefined ? defaults.timeoutMs : durationField(resolved.timeout, 'timeout', name, locate)
  const retryUnsafe = resolved['retry-unsafe'] === undefined ? (defaults.retryUnsafe ?? false) : booleanField(resolved['retry-unsafe'], 'retry-unsafe', name, locate)
  const mayRetry = retryUnsafe || IDEMPOTENT_METHODS.includes(method)
  // Default retries skip a non-idempotent check; retries written on the check itself ask for a re-send that needs consent.
  const retries = resolved.retries === undefined ? (mayRetry ? defaults.retries : 0) : retriesField(resolved.retries, 'retries', name, locate)
  if (retries > 0 && !mayRetry) {
    throw locate(
      name,
      'retries',
      `is ${retries} on a ${method} check, which is not idempotent: a retry could repeat its effect`,
      `retry-unsafe: true to re-send it anyway, or retries: 0 (only ${IDEMPOTENT_METHODS.join(', ')} are retried by default)`
    )
  }
  const uses = [
    ...new Set(
      placeholderRefs({ url, headers, body: body?.kind === 'json' ? body.value : body?.text, assertions: assertions.map((a) => a.expected) }, '')
        .filter((r) => r.kind === 'capture')
        .map((r) => r.name)
    )
  ]
  return { name, method, url, headers, body, statuses, assertions, latencyMaxMs, captures, timeoutMs, retries, retryUnsafe, uses }
}

/** Resolves `{{ env.NAME }}` placeholders; one naming an unset variable is an input error. */
export function resolveEnvOrFail(value: unknown, field: string, check: string, env: Readonly<Record<string, string | undefined>>, locate: Locator): unknown {
  for (const ref of placeholderRefs(value, field)) {
    if (ref.kind === 'env' && env[ref.name] === undefined) {
      throw locate(check, ref.field, `uses ${ref.text}, but the environment variable ${ref.name} is not set`, `${ref.name} set in the step's env`)
    }
  }
  return resolveEnv(value, env)
}

function urlField(value: unknown, check: string, baseUrl: string | undefined, locate: Locator): string {
  if (value === undefined || value === null || value === '') throw locate(check, 'url', 'is missing', 'an absolute http(s) URL, or a path starting with / together with base-url')
  if (typeof value !== 'string') throw locate(check, 'url', 'is not a string', 'an absolute http(s) URL')
  const text = singleLine(value, 'url', check, locate)
  let url = text
  if (text.startsWith('/')) {
    if (baseUrl === undefined) throw locate(check, 'url', `is the path "${text}" but no base URL is set`, 'an absolute http(s) URL, or the "base-url" input (or base-url in the checks file)')
    url = withBaseUrl(text, baseUrl)
  }
  if (!isHttpUrl(withSampleCaptures(url)))
    throw locate(check, 'url', 'is not an absolute http(s) URL', 'a URL such as https://app.example.com/health, or a path starting with / together with base-url')
  return url
}

/** A path starting with / resolved against a base URL (trailing slashes of the base dropped). */
export function withBaseUrl(path: string, baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

/** Path and query of a URL template, for default check names (never the host or credentials). */
function displayPath(url: string): string {
  const match = /^https?:\/\/[^/?#]*(.*)$/i.exec(url)
  return match && match[1] !== '' ? match[1] : '/'
}

export function headerMap(value: unknown, field: string, check: string, locate: Locator): Record<string, string> {
  if (!isRecord(value)) throw locate(check, field, 'is not a mapping', 'a mapping of header name to value')
  const headers: Record<string, string> = {}
  for (const [name, headerValue] of Object.entries(value)) {
    if (!HEADER_NAME.test(name)) throw locate(check, `${field}.${name}`, 'is not a valid header name', 'letters, digits and - only')
    if (!['string', 'number', 'boolean'].includes(typeof headerValue)) throw locate(check, `${field}.${name}`, 'is not text', 'a header value as text')
    headers[name] = singleLine(String(headerValue), `${field}.${name}`, check, locate)
  }
  return headers
}

/** Later headers override earlier ones, matching names without regard to case. */
function mergeHeaders(base: Record<string, string>, override: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const [name, value] of Object.entries(base)) if (!Object.keys(override).some((o) => o.toLowerCase() === name.toLowerCase())) merged[name] = value
  return { ...merged, ...override }
}

function durationField(value: unknown, field: string, check: string, locate: Locator): number {
  const expected = 'a duration such as 5s, 500ms or 1m (a bare number means seconds)'
  let ms = Number.NaN
  if ((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '')) {
    try {
      // The shared input parser; its InputError names an input, so the check's own error replaces it.
      ms = parseDuration(field, String(value))
    } catch {
      // not a duration: reported below
    }
  }
  if (ms > 0) return ms
  throw locate(check, field, `is ${JSON.stringify(value)}, which is not a positive duration`, expected)
}

/**
 * A one-line field (URL, header value, name): a control character is refused, never stripped,
 * and the error names its position only (the value may be a credential).
 */
function singleLine(value: string, field: string, check: string, locate: Locator): string {
  try {
    return parseSingleLine(field, value)
  } catch (error) {
    const problem = /has a control character \([^)]*\)/.exec((error as Error).message)?.[0] ?? 'has a control character'
    throw locate(check, field, problem, 'a single line of printable characters')
  }
}

function booleanField(value: unknown, field: string, check: string, locate: Locator): boolean {
  if (typeof value === 'boolean') return value
  throw locate(check, field, `is ${JSON.stringify(value)}, which is not true or false`, 'true or false')
}

function retriesField(value: unknown, field: string, check: string, locate: Locator): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN
  if (!Number.isInteger(number) || number < 0 || number > MAX_RETRIES)
    throw locate(check, field, `is ${JSON.stringify(value)}, which is not a whole number from 0 to ${MAX_RETRIES}`, `a whole number from 0 to ${MAX_RETRIES}`)
  return number
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(withSampleCaptures(pattern))
    return undefined
  } catch (error) {
    return firstLine(error)
  }
}

function operatorOf(key: string): Operator | undefined {
  if ((OPERATORS as readonly string[]).includes(key)) return key as Operator
  return OPERATOR_ALIASES[key]
}

const OPERATOR_LIST = `${OPERATORS.join(', ')} (or lt, lte, gt, gte)`

/** Checks one operator's expected value; placeholders in it are allowed where a string is. */
function operand(operator: Operator, value: unknown, field: string, check: string, locate: Locator): unknown {
  if (operator === 'exists') {
    if (typeof value !== 'boolean') throw locate(check, field, `is ${JSON.stringify(value)}, which is not true or false`, 'exists: true or exists: false')
  } else if (operator === 'matches') {
    if (typeof value !== 'string') throw locate(check, field, `is ${JSON.stringify(value)}, which is not a regular expression`, 'a regular expression as a string')
    const problem = regexProblem(value)
    if (problem) throw locate(check, field, `is not a valid regular expression (${problem})`, 'a JavaScript regular expression')
  } else if (operator !== 'equals' && operator !== 'contains') {
    const numeric = typeof value === 'number' || (typeof value === 'string' && Number.isFinite(Number(value)) && value.trim() !== '')
    const placeholder = typeof value === 'string' && placeholderRefs(value, '').length > 0
    if (!numeric && !placeholder) throw locate(check, field, `is ${JSON.stringify(value)}, which is not a number`, `a number to compare with ${operator}`)
  }
  return value
}

function headerAssertions(value: unknown, check: string, locate: Locator): Assertion[] {
  if (value === undefined) return []
  if (!isRecord(value)) throw locate(check, 'expect.headers', 'is not a mapping', 'a mapping of header name to expected text, true/false, or operators')
  const assertions: Assertion[] = []
  for (const [name, expected] of Object.entries(value)) {
    const field = `expect.headers.${name}`
    const target = { kind: 'header' as const, name }
    if (typeof expected === 'string' || typeof expected === 'number') assertions.push({ target, operator: 'contains', expected: String(expected), field })
    else if (typeof expected === 'boolean') assertions.push({ target, operator: 'exists', expected, field })
    else if (isRecord(expected)) assertions.push(...operatorAssertions(expected, target, field, check, locate, []))
    else throw locate(check, field, `is ${JSON.stringify(expected)}`, 'text the header contains, true/false for present/absent, or a mapping of operators')
  }
  return assertions
}

function bodyAssertions(value: unknown, operator: 'contains' | 'matches', field: string, check: string, locate: Locator): Assertion[] {
  if (value === undefined) return []
  const items = Array.isArray(value) ? value : [value]
  return items.map((item, i) => {
    const at = Array.isArray(value) ? `${field}[${i}]` : field
    if (typeof item !== 'string')
      throw locate(check, at, `is ${JSON.stringify(item)}, which is not text`, operator === 'matches' ? 'a regular expression or a list of them' : 'text or a list of texts')
    return { target: { kind: 'body' as const }, operator, expected: operand(operator, item, at, check, locate), field: at }
  })
}

function jsonAssertions(value: unknown, check: string, locate: Locator): Assertion[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw locate(check, 'expect.json', 'is not a list', 'a list of { path: $.…, <operator>: value }')
  return value.flatMap((item, i) => {
    const field = `expect.json[${i}]`
    if (!isRecord(item) || typeof item.path !== 'string') throw locate(check, field, 'has no "path"', 'a mapping with path: $.… and an operator')
    const problem = jsonPathProblem(withSampleCaptures(item.path))
    if (problem) throw locate(check, `${field}.path`, `is not a valid JSONPath (${problem})`, 'an RFC 9535 JSONPath such as $.data.tokens.accessToken')
    if (item.any !== undefined && typeof item.any !== 'boolean')
      throw locate(
        check,
        `${field}.any`,
        `is ${JSON.stringify(item.any)}, which is not true or false`,
        'any: true (one matched node passing is enough) or any: false (every node must pass, the default)'
      )
    const assertions = operatorAssertions(item, { kind: 'json', path: item.path.trim() }, field, check, locate, ['path', 'any'])
    return item.any === true ? assertions.map((a) => ({ ...a, any: true })) : assertions
  })
}

function operatorAssertions(item: Record<string, unknown>, target: Assertion['target'], field: string, check: string, locate: Locator, skip: string[]): Assertion[] {
  const assertions: Assertion[] = []
  for (const [key, expected] of Object.entries(item)) {
    if (skip.includes(key)) continue
    const operator = operatorOf(key)
    if (!operator) throw locate(check, `${field}.${key}`, `is not a known assertion operator`, `one of ${OPERATOR_LIST}`)
    assertions.push({ target, operator, expected: operand(operator, expected, `${field}.${key}`, check, locate), field: `${field}.${key}` })
  }
  if (assertions.length === 0) throw locate(check, field, 'has no operator', `one of ${OPERATOR_LIST}`)
  return assertions
}

function captureList(value: unknown, check: string, locate: Locator): Capture[] {
  if (value === undefined) return []
  if (!isRecord(value)) throw locate(check, 'capture', 'is not a mapping', 'a mapping of capture name to a JSONPath, { header: name } or { regex: pattern }')
  return Object.entries(value).map(([name, source]): Capture => {
    const field = `capture.${name}`
    if (!CAPTURE_NAME.test(name) || name === 'env' || DYNAMIC_PLACEHOLDERS.includes(name)) {
      throw locate(check, field, 'is not a usable capture name', `a name of letters, digits, _ and - that starts with a letter and is not env, ${DYNAMIC_PLACEHOLDERS.join(', ')}`)
    }
    const spec = typeof source === 'string' ? { json: source } : source
    if (!isRecord(spec) || Object.keys(spec).length !== 1)
      throw locate(check, field, `is ${JSON.stringify(source)}`, 'a JSONPath ($.…), { json: $.… }, { header: name } or { regex: pattern }')
    if (typeof spec.json === 'string') {
      const problem = jsonPathProblem(spec.json)
      if (problem) throw locate(check, field, `is not a valid JSONPath (${problem})`, 'an RFC 9535 JSONPath such as $.data.tokens.accessToken')
      return { name, from: 'json', path: spec.json.trim() }
    }
    if (typeof spec.header === 'string' && HEADER_NAME.test(spec.header)) return { name, from: 'header', header: spec.header }
    if (typeof spec.regex === 'string') {
      const problem = regexProblem(spec.regex)
      if (problem) throw locate(check, `${field}.regex`, `is not a valid regular expression (${problem})`, 'a JavaScript regular expression; its first group is captured')
      return { name, from: 'regex', pattern: spec.regex }
    }
    throw locate(check, field, `is ${JSON.stringify(source)}`, 'a JSONPath ($.…), { json: $.… }, { header: name } or { regex: pattern }')
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
