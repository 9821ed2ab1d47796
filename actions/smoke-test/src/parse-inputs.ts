import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { InputError } from '../../../packages/core/input-error.js'
import { loadJsonPath } from '../../../packages/core/json-path.js'
import { parseBoolean, parseDuration, parseKeyValueMap, parseList, parseNumber, parseSingleLine, parseUrl } from '../../../packages/core/parsers.js'
import type { CheckSpec, StatusRanges } from './check-spec.js'
import {
  buildCheck,
  buildChecks,
  documentDefaults,
  headerMap,
  HEADER_NAME,
  inlineLocator,
  isHttpUrl,
  fileLocator,
  needsJsonPath,
  parseChecksText,
  resolveEnvOrFail,
  withBaseUrl,
  type CheckDefaults
} from './checks-file.js'
import { placeholderRefs } from './placeholders.js'
import { buildPlan } from './plan.js'
import { parseStatusRanges, STATUS_LIST_EXPECTED } from './status-ranges.js'
import type { LoadSettings, ReadinessTarget, SuiteSettings } from './suite.js'

/**
 * Turns the raw inputs (and the checks file's text, read by inputs.ts) into one validated object.
 * Pure apart from loading the YAML and JSONPath libraries when the checks need them: every problem
 * is an InputError naming the input, raised before any request. Also what the CLI calls.
 */

export const INPUT_NAMES = [
  'url',
  'method',
  'expect-status',
  'headers',
  'body',
  'base-url',
  'checks-file',
  'wait-for',
  'wait-timeout',
  'timeout',
  'retries',
  'retry-unsafe',
  'concurrency',
  'secret-headers',
  'latency-p50',
  'latency-p95',
  'latency-max',
  'load-duration',
  'load-rate',
  'load-url',
  'load-check',
  'max-error-rate',
  'max-p95',
  'report-dir'
] as const

export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Record<InputName, string>

/** Every input, read and validated before any request; one typed object. */
export interface SmokeTestInputs extends SuiteSettings {
  reportDir: string
  secretHeaders: ReadonlySet<string>
  /** Values of secret headers known before the run (static or from the environment): to be masked at once. */
  secretHeaderValues: string[]
}

export interface InputFiles {
  /** The text of the file named by `checks-file` (inputs.ts reads it only when it is the one source of checks). */
  checksFileText?: string
}

const DEFAULT_SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie']

export async function parseSmokeTestInputs(raw: RawInputs, env: Readonly<Record<string, string | undefined>>, files: InputFiles = {}): Promise<SmokeTestInputs> {
  const timeoutMs = positiveDuration('timeout', raw.timeout, 10_000)
  const retries = parseNumber('retries', raw.retries, 0, { min: 0, max: 10, integer: true })
  const retryUnsafe = parseBoolean('retry-unsafe', raw['retry-unsafe'], false)
  const concurrency = parseNumber('concurrency', raw.concurrency, 10, { min: 1, max: 64, integer: true })
  const waitTimeoutMs = positiveDuration('wait-timeout', raw['wait-timeout'], 60_000)
  const latencyP50 = optionalDuration('latency-p50', raw['latency-p50'])
  const latencyP95 = optionalDuration('latency-p95', raw['latency-p95'])
  const latencyMaxMs = optionalDuration('latency-max', raw['latency-max'])
  const secretHeaders = new Set([...DEFAULT_SECRET_HEADERS, ...secretHeaderNames(raw['secret-headers'])])
  const statuses = statusInput('expect-status', raw['expect-status'])
  const baseUrl = raw['base-url'].trim() === '' ? undefined : parseUrl('base-url', raw['base-url']).href
  const headerValues = resolveEnvOrFail(parseKeyValueMap('headers', raw.headers), 'headers', '', env, inlineLocator)
  const inputDefaults: CheckDefaults = {
    headers: headerMap(headerValues, 'headers', '', inlineLocator),
    timeoutMs,
    retries,
    retryUnsafe,
    statuses,
    latencyMaxMs,
    baseUrl
  }

  const url = raw.url
  const checksFile = parseSingleLine('checks-file', raw['checks-file'])
  if (url.trim() === '' && checksFile === '') throw new InputError('url', 'is empty and so is "checks-file"', 'a URL to check, or a checks file (YAML or JSON) listing checks')
  if (url.trim() !== '' && checksFile !== '') throw new InputError('checks-file', 'is set together with "url"', 'either "url" (one check from inputs) or "checks-file", not both')
  let checks: CheckSpec[]
  let plan
  let defaults = inputDefaults
  if (checksFile !== '') {
    if (files.checksFileText === undefined) throw new InputError('checks-file', 'was not read', 'the path of a YAML or JSON checks file, relative to the workspace')
    // Inputs that shape only the url check would be ignored: refused instead (method's action.yml default, GET, is what the runner always passes).
    if (raw.body !== '')
      throw new InputError('body', 'is set together with "checks-file", which it does not apply to', 'a body only with "url"; in a checks file, give the check its own body or json')
    if (!['', 'GET'].includes(raw.method.trim().toUpperCase()))
      throw new InputError(
        'method',
        `is ${parseSingleLine('method', raw.method)} together with "checks-file", which it does not apply to`,
        'a method only with "url"; in a checks file, give the check its own method'
      )
    const document = await parseChecksText(files.checksFileText, basename(checksFile))
    if (needsJsonPath(document)) await loadJsonPath()
    defaults = documentDefaults(document, inputDefaults, env)
    checks = buildChecks(document, inputDefaults, env)
    plan = buildPlan(checks, fileLocator)
  } else {
    const method = parseSingleLine('method', raw.method)
    const check: Record<string, unknown> = { url: parseSingleLine('url', url), method: method === '' ? 'GET' : method }
    if (raw.body !== '') check.body = raw.body
    // For the one inline check the retries input is its own: a POST with retries needs retry-unsafe.
    if (raw.retries.trim() !== '') check.retries = retries
    checks = [buildCheck(check, 0, inputDefaults, env, inlineLocator)]
    plan = buildPlan(checks, inlineLocator)
  }
  const secretHeaderValues = checks.flatMap((check) =>
    Object.entries(check.headers)
      .filter(([name, value]) => secretHeaders.has(name.toLowerCase()) && placeholderRefs(value, '').length === 0)
      .map(([, value]) => value)
  )

  const waitFor = parseSingleLine('wait-for', raw['wait-for'])
  const wait = waitFor === '' ? undefined : { target: readinessTarget(waitFor, checks, defaults), timeoutMs: waitTimeoutMs }
  const load = loadSettings(raw, defaults, checks)
  const reportDir = parseSingleLine('report-dir', raw['report-dir'])
  return {
    plan,
    concurrency,
    wait,
    budgets: { p50Ms: latencyP50, p95Ms: latencyP95 },
    load,
    secretHeaders,
    secretHeaderValues: [...new Set(secretHeaderValues)],
    reportDir: reportDir === '' ? join(env.RUNNER_TEMP || tmpdir(), 'smoke-test-report') : resolve(reportDir)
  }
}

function secretHeaderNames(raw: string): string[] {
  return parseList(raw).map((name, i) => {
    if (!HEADER_NAME.test(name)) throw new InputError('secret-headers', `entry ${i + 1} is not a header name`, 'header names (letters, digits and -) separated by commas or new lines')
    return name.toLowerCase()
  })
}

function positiveDuration(name: string, raw: string, fallbackMs: number): number {
  const ms = parseDuration(name, raw, fallbackMs)
  if (ms <= 0) throw new InputError(name, `is "${raw}", which is not a positive duration`, 'a duration such as 30s, 5m or 250ms')
  return ms
}

function optionalDuration(name: string, raw: string): number | undefined {
  return raw.trim() === '' ? undefined : positiveDuration(name, raw, 0)
}

function statusInput(name: string, raw: string): StatusRanges {
  if (raw.trim() === '') return [[200, 299]]
  const parsed = parseStatusRanges(raw)
  if ('problem' in parsed) throw new InputError(name, parsed.problem, STATUS_LIST_EXPECTED)
  return parsed.ranges
}

function readinessTarget(value: string, checks: CheckSpec[], defaults: CheckDefaults): ReadinessTarget {
  const check = checks.find((c) => c.name === value)
  if (check) {
    if (check.uses.length > 0) {
      throw new InputError(
        'wait-for',
        `names check "${check.name}", which reads captures (${check.uses.join(', ')}) and so cannot run before the others`,
        'a check that needs no capture, or a URL'
      )
    }
    return { kind: 'check', check }
  }
  const names = checks
    .slice(0, 10)
    .map((c) => `"${c.name}"`)
    .join(', ')
  if (value.startsWith('/')) {
    if (!defaults.baseUrl)
      throw new InputError(
        'wait-for',
        `is the path "${value}" but no base URL is set to resolve it against`,
        `the "base-url" input (or base-url in the checks file), an absolute http(s) URL, or one of the checks: ${names}`
      )
    return { kind: 'url', url: parseUrl('wait-for', withBaseUrl(value, defaults.baseUrl)).href, headers: defaults.headers, timeoutMs: defaults.timeoutMs }
  }
  if (!isHttpUrl(value))
    throw new InputError('wait-for', `is "${value}", which is neither an http(s) URL, a path starting with /, nor the name of a check`, `a readiness URL, or one of the checks: ${names}`)
  return { kind: 'url', url: value, headers: defaults.headers, timeoutMs: defaults.timeoutMs }
}

function loadSettings(raw: RawInputs, defaults: CheckDefaults, checks: CheckSpec[]): LoadSettings | undefined {
  const durationRaw = raw['load-duration']
  const loadUrl = raw['load-url'].trim()
  const loadCheck = parseSingleLine('load-check', raw['load-check'])
  if (durationRaw.trim() === '') {
    if (loadUrl !== '') throw new InputError('load-url', 'is set but "load-duration" is empty', 'load-duration (such as 30s) to run a load phase, or no load-url')
    if (loadCheck !== '') throw new InputError('load-check', 'is set but "load-duration" is empty', 'load-duration (such as 30s) to run a load phase, or no load-check')
    if (raw['max-p95'].trim() !== '')
      throw new InputError('max-p95', 'is set but "load-duration" is empty', 'load-duration (such as 30s) to run a load phase that max-p95 judges, or no max-p95')
    return undefined
  }
  if (loadUrl !== '' && loadCheck !== '')
    throw new InputError('load-check', 'is set together with "load-url"', 'either "load-check" (a check\'s request, with its headers and captures) or "load-url" (a plain GET), not both')
  const durationMs = positiveDuration('load-duration', durationRaw, 0)
  if (durationMs > 30 * 60_000) throw new InputError('load-duration', `is "${durationRaw}", which is longer than 30 minutes`, 'a duration of at most 30m')
  const rate = parseNumber('load-rate', raw['load-rate'], 10, { min: 0.1, max: 1000 })
  const maxErrorRate = rateInput('max-error-rate', raw['max-error-rate'])
  const maxP95Ms = optionalDuration('max-p95', raw['max-p95'])
  const thresholds = { maxErrorRate, maxP95Ms }
  if (loadUrl !== '') {
    if (loadUrl.startsWith('/') && !defaults.baseUrl)
      throw new InputError(
        'load-url',
        `is the path "${parseSingleLine('load-url', loadUrl)}" but no base URL is set to resolve it against`,
        'the "base-url" input (or base-url in the checks file), or an absolute http(s) URL'
      )
    const resolved = loadUrl.startsWith('/') && defaults.baseUrl ? withBaseUrl(loadUrl, defaults.baseUrl) : loadUrl
    const url = parseUrl('load-url', resolved).href
    return { durationMs, rate, request: { kind: 'url', url, headers: defaults.headers }, statuses: defaults.statuses, timeoutMs: defaults.timeoutMs, thresholds }
  }
  const check = loadCheck === '' ? checks[0] : checks.find((c) => c.name === loadCheck)
  if (!check)
    throw new InputError(
      'load-check',
      `is "${loadCheck}", which is not the name of a check`,
      `one of the checks: ${checks
        .slice(0, 10)
        .map((c) => `"${c.name}"`)
        .join(', ')}`
    )
  return { durationMs, rate, request: { kind: 'check', check: check.name }, statuses: check.statuses, timeoutMs: check.timeoutMs, thresholds }
}

/** A fraction from 0 to 1 (`0.01`) or a percentage (`1%`); empty means the action.yml default, 1%. */
function rateInput(name: string, raw: string): number {
  const value = raw.trim()
  if (value === '') return 0.01
  const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(value)
  const fraction = percent ? Number(percent[1]) / 100 : /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new InputError(name, `is "${raw}", which is not a rate from 0 to 1`, 'a fraction such as 0.01 or a percentage such as 1%')
  }
  return fraction
}
