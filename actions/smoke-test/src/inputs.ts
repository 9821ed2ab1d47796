import { readFileSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { tmpdir } from 'node:os'
import { input } from '../../../packages/core/action-input.js'
import { InputError } from '../../../packages/core/input-error.js'
import { parseDuration, parseKeyValueMap, parseList, parseNumber, parseUrl } from '../../../packages/core/parsers.js'
import { maskSecret } from '../../../packages/core/secrets.js'
import { maskHeaderValue } from './check-runner.js'
import type { CheckSpec, StatusRanges } from './check-spec.js'
import { buildCheck, buildChecks, headerMap, inlineLocator, isHttpUrl, fileLocator, parseChecksText, resolveEnvOrFail, withBaseUrl, type CheckDefaults } from './checks-file.js'
import { placeholderRefs } from './placeholders.js'
import { buildPlan } from './plan.js'
import { parseStatusRanges, STATUS_LIST_EXPECTED } from './status-ranges.js'
import type { LoadSettings, ReadinessTarget, SuiteSettings } from './suite.js'

/** Every input, read and validated before any request; one typed object. */
export interface SmokeTestInputs extends SuiteSettings {
  reportDir: string
  secretHeaders: ReadonlySet<string>
}

const DEFAULT_SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie']

export function getInputs(env: NodeJS.ProcessEnv = process.env): SmokeTestInputs {
  const timeoutMs = positiveDuration('timeout', input('timeout'), 10_000)
  const retries = parseNumber('retries', input('retries'), 0, { min: 0, max: 10, integer: true })
  const concurrency = parseNumber('concurrency', input('concurrency'), 10, { min: 1, max: 64, integer: true })
  const waitTimeoutMs = positiveDuration('wait-timeout', input('wait-timeout'), 60_000)
  const latencyP50 = optionalDuration('latency-p50')
  const latencyP95 = optionalDuration('latency-p95')
  const latencyMaxMs = optionalDuration('latency-max')
  const secretHeaders = new Set([...DEFAULT_SECRET_HEADERS, ...parseList(input('secret-headers')).map((h) => h.toLowerCase())])
  const statuses = statusInput('expect-status', input('expect-status'))
  const baseUrl = input('base-url').trim() === '' ? undefined : parseUrl('base-url', input('base-url')).href
  const variables = env as Record<string, string | undefined>
  const headerValues = resolveEnvOrFail(parseKeyValueMap('headers', input('headers')), 'headers', '', variables, inlineLocator)
  const defaults: CheckDefaults = {
    headers: headerMap(headerValues, 'headers', '', inlineLocator),
    timeoutMs,
    retries,
    statuses,
    latencyMaxMs,
    baseUrl
  }

  const url = input('url')
  const checksFile = input('checks-file')
  if (url.trim() === '' && checksFile.trim() === '') throw new InputError('url', 'is empty and so is "checks-file"', 'a URL to check, or a checks file (YAML or JSON) listing checks')
  if (url.trim() !== '' && checksFile.trim() !== '') throw new InputError('checks-file', 'is set together with "url"', 'either "url" (one check from inputs) or "checks-file", not both')
  let checks: CheckSpec[]
  let plan
  if (checksFile.trim() !== '') {
    checks = buildChecks(parseChecksText(readChecksFile(checksFile), basename(checksFile.trim())), defaults, variables)
    plan = buildPlan(checks, fileLocator)
  } else {
    const raw: Record<string, unknown> = { url, method: input('method').trim() === '' ? 'GET' : input('method') }
    if (input('body') !== '') raw.body = input('body')
    checks = [buildCheck(raw, 0, defaults, variables, inlineLocator)]
    plan = buildPlan(checks, inlineLocator)
  }
  for (const check of checks) {
    for (const [name, value] of Object.entries(check.headers)) {
      if (secretHeaders.has(name.toLowerCase()) && placeholderRefs(value, '').length === 0) maskHeaderValue(value, (v) => maskSecret(v))
    }
  }

  const waitFor = input('wait-for').trim()
  const wait = waitFor === '' ? undefined : { target: readinessTarget(waitFor, checks, defaults), timeoutMs: waitTimeoutMs }
  const load = loadSettings(defaults, checks)
  const reportDir = input('report-dir').trim()
  return {
    plan,
    concurrency,
    wait,
    budgets: { p50Ms: latencyP50, p95Ms: latencyP95 },
    load,
    secretHeaders,
    reportDir: reportDir === '' ? join(env.RUNNER_TEMP || tmpdir(), 'smoke-test-report') : resolve(reportDir)
  }
}

function positiveDuration(name: string, raw: string, fallbackMs: number): number {
  const ms = parseDuration(name, raw, fallbackMs)
  if (ms <= 0) throw new InputError(name, `is "${raw}", which is not a positive duration`, 'a duration such as 30s, 5m or 250ms')
  return ms
}

function optionalDuration(name: string): number | undefined {
  const raw = input(name)
  return raw.trim() === '' ? undefined : positiveDuration(name, raw, 0)
}

function statusInput(name: string, raw: string): StatusRanges {
  if (raw.trim() === '') return [[200, 299]]
  const parsed = parseStatusRanges(raw)
  if ('problem' in parsed) throw new InputError(name, parsed.problem, STATUS_LIST_EXPECTED)
  return parsed.ranges
}

/** Reads the checks file, relative to the working directory (the workspace on a runner). */
function readChecksFile(path: string): string {
  const trimmed = path.trim()
  const full = resolve(trimmed)
  try {
    return readFileSync(full, 'utf8')
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable'
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code})`
    throw new InputError('checks-file', `names ${trimmed}, which ${why}`, 'the path of a YAML or JSON checks file, relative to the workspace')
  }
}

function readinessTarget(value: string, checks: CheckSpec[], defaults: CheckDefaults): ReadinessTarget {
  const check = checks.find((c) => c.name === value)
  if (check) {
    if (check.uses.length > 0) {
      throw new InputError('wait-for', `names check "${check.name}", which reads captures (${check.uses.join(', ')}) and so cannot run before the others`, 'a check that needs no capture, or a URL')
    }
    return { kind: 'check', check }
  }
  const url = value.startsWith('/') && defaults.baseUrl ? withBaseUrl(value, defaults.baseUrl) : value
  if (!isHttpUrl(url)) {
    const names = checks.slice(0, 10).map((c) => `"${c.name}"`).join(', ')
    throw new InputError('wait-for', `is "${value}", which is neither an http(s) URL nor the name of a check`, `a readiness URL, or one of the checks: ${names}`)
  }
  return { kind: 'url', url, headers: defaults.headers, timeoutMs: defaults.timeoutMs }
}

function loadSettings(defaults: CheckDefaults, checks: CheckSpec[]): LoadSettings | undefined {
  const durationRaw = input('load-duration')
  const loadUrl = input('load-url').trim()
  if (durationRaw.trim() === '') {
    if (loadUrl !== '') throw new InputError('load-url', 'is set but "load-duration" is empty', 'load-duration (such as 30s) to run a load phase, or no load-url')
    return undefined
  }
  const durationMs = positiveDuration('load-duration', durationRaw, 0)
  if (durationMs > 30 * 60_000) throw new InputError('load-duration', `is "${durationRaw}", which is longer than 30 minutes`, 'a duration of at most 30m')
  const rate = parseNumber('load-rate', input('load-rate'), 10, { min: 0.1, max: 1000 })
  const maxErrorRate = rateInput('max-error-rate', input('max-error-rate'))
  const maxP95Ms = optionalDuration('max-p95')
  let url: string | undefined
  if (loadUrl !== '') {
    const resolved = loadUrl.startsWith('/') && defaults.baseUrl ? withBaseUrl(loadUrl, defaults.baseUrl) : loadUrl
    url = parseUrl('load-url', resolved).href
  }
  return { durationMs, rate, url, headers: defaults.headers, statuses: url ? defaults.statuses : checks[0].statuses, timeoutMs: defaults.timeoutMs, thresholds: { maxErrorRate, maxP95Ms } }
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
