import { isDeepStrictEqual } from 'node:util'
import { selectJson } from '../../../packages/core/json-path.js'
import type { Assertion, AssertionTarget, Capture, StatusRanges } from './check-spec.js'
import { describeStatusRanges, statusAllowed } from './status-ranges.js'

/** Pure evaluation of a response against a check's expectations; returns the reasons it fails. */

export interface ResponseView {
  status: number
  headers: Readonly<Record<string, string>>
  body: string
  durationMs: number
}

export interface Expectations {
  statuses: StatusRanges
  assertions: readonly Assertion[]
  latencyMaxMs?: number
}

const NOT_JSON = Symbol('not JSON')

export function evaluate(expectations: Expectations, response: ResponseView): string[] {
  const failures: string[] = []
  if (!statusAllowed(expectations.statuses, response.status)) {
    failures.push(`expected status ${describeStatusRanges(expectations.statuses)}, got ${response.status}${bodySnippet(response.body)}`)
  }
  let parsed: unknown = undefined
  const json = (): unknown => (parsed ??= parseJson(response.body))
  for (const assertion of expectations.assertions) {
    const failure = check(assertion, response, json)
    if (failure) failures.push(failure)
  }
  if (expectations.latencyMaxMs !== undefined && response.durationMs > expectations.latencyMaxMs) {
    failures.push(`took ${Math.round(response.durationMs)} ms, over the ${Math.round(expectations.latencyMaxMs)} ms latency budget`)
  }
  return failures
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return NOT_JSON
  }
}

function check(assertion: Assertion, response: ResponseView, json: () => unknown): string | undefined {
  const { target, operator, expected } = assertion
  const label = targetLabel(target)
  if (target.kind === 'json') {
    const document = json()
    if (document === NOT_JSON) return `${label}: expected ${operator} ${show(expected)}, but the body is not JSON${bodySnippet(response.body)}`
    return checkNodes(assertion, label, selectJson(document, target.path))
  }
  const actual = target.kind === 'header' ? response.headers[target.name.toLowerCase()] : response.body
  const present = target.kind === 'header' ? actual !== undefined : response.body !== ''
  if (operator === 'exists') {
    return present === expected ? undefined : `${label}: expected ${expected ? 'to exist' : 'not to exist'}${present ? `, got ${show(actual)}` : ''}`
  }
  if (!present) return `${label}: expected ${operator} ${show(expected)}, but there is no such ${target.kind === 'header' ? 'header' : 'value'}`
  return compare(operator, actual, expected) ? undefined : `${label}: expected ${operator} ${show(expected)}, got ${show(actual)}`
}

/**
 * A JSONPath may match several nodes (wildcards, filters, `..`). `exists` asks whether anything
 * matched. Every other operator applies to each matched node: all must pass, or with `any` at
 * least one; an empty match fails, since "every one of nothing" proves nothing.
 */
function checkNodes(assertion: Assertion, label: string, nodes: unknown[]): string | undefined {
  const { operator, expected } = assertion
  if (operator === 'exists') {
    const present = nodes.length > 0
    return present === expected ? undefined : `${label}: expected ${expected ? 'to exist' : 'not to exist'}${present ? `, got ${show(nodes.length === 1 ? nodes[0] : nodes)}` : ''}`
  }
  if (nodes.length === 0) return `${label}: expected ${operator} ${show(expected)}, but the path matches nothing`
  const failing = nodes.map((node, index) => ({ node, index })).filter(({ node }) => !compare(operator, node, expected))
  if (nodes.length === 1) return failing.length === 0 ? undefined : `${label}: expected ${operator} ${show(expected)}, got ${show(nodes[0])}`
  if (assertion.any) {
    return failing.length < nodes.length ? undefined : `${label}: expected at least one of ${nodes.length} matches ${operator} ${show(expected)}, got ${show(nodes)}`
  }
  if (failing.length === 0) return undefined
  const shown = failing
    .slice(0, 5)
    .map(({ node, index }) => `[${index}] ${show(node)}`)
    .join(', ')
  return `${label}: expected every match ${operator} ${show(expected)}, but ${failing.length} of ${nodes.length} did not: ${shown}${failing.length > 5 ? ', …' : ''}`
}

/** Compares an actual value with an expected one under an operator (header values are strings). */
export function compare(operator: Exclude<Assertion['operator'], 'exists'>, actual: unknown, expected: unknown): boolean {
  switch (operator) {
    case 'equals':
      // A string and a scalar compare by text: header values and placeholders are strings.
      return (
        isDeepStrictEqual(actual, expected) || ((typeof actual === 'string' || typeof expected === 'string') && isScalar(actual) && isScalar(expected) && String(actual) === String(expected))
      )
    case 'contains':
      if (Array.isArray(actual)) return actual.some((item) => isDeepStrictEqual(item, expected) || (typeof item === 'string' && item === String(expected)))
      return typeof actual === 'object' && actual !== null ? false : String(actual).includes(String(expected))
    case 'matches':
      return new RegExp(String(expected)).test(typeof actual === 'string' ? actual : JSON.stringify(actual))
    default: {
      const number = toNumber(actual)
      const limit = Number(expected)
      if (number === undefined) return false
      if (operator === '<') return number < limit
      if (operator === '<=') return number <= limit
      if (operator === '>') return number > limit
      return number >= limit
    }
  }
}

function isScalar(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value)
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

function targetLabel(target: AssertionTarget): string {
  if (target.kind === 'json') return target.path
  if (target.kind === 'header') return `header ${target.name.toLowerCase()}`
  return 'body'
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value)
  return text.length > 120 ? `${text.slice(0, 120)}…` : text
}

function bodySnippet(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ')
  if (text === '') return ''
  return `: ${text.length > 120 ? `${text.slice(0, 120)}…` : text}`
}

/** Reads each capture from a response. A capture with no value is a failure of the check. */
export function extractCaptures(captures: readonly Capture[], response: ResponseView): { values: Map<string, string>; typed: Map<string, unknown>; failures: string[] } {
  const values = new Map<string, string>()
  const typed = new Map<string, unknown>()
  const failures: string[] = []
  let parsed: unknown = undefined
  for (const capture of captures) {
    let value: unknown
    if (capture.from === 'json') {
      parsed ??= parseJson(response.body)
      value = parsed === NOT_JSON ? undefined : selectJson(parsed, capture.path)[0]
    } else if (capture.from === 'header') {
      value = response.headers[capture.header.toLowerCase()]
    } else {
      const match = new RegExp(capture.pattern).exec(response.body)
      value = match ? (match[1] ?? match[0]) : undefined
    }
    if (value === undefined || value === null || value === '') {
      failures.push(`capture "${capture.name}" found no value (${captureSource(capture)})`)
    } else {
      values.set(capture.name, typeof value === 'string' ? value : JSON.stringify(value))
      typed.set(capture.name, value)
    }
  }
  return { values, typed, failures }
}

function captureSource(capture: Capture): string {
  if (capture.from === 'json') return `at ${capture.path}`
  if (capture.from === 'header') return `in header ${capture.header}`
  return `for /${capture.pattern}/`
}
