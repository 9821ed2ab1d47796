import { parseDocument } from 'yaml'
import { InputError } from '../../../../packages/core/input-error.js'

/**
 * `analysis-queries`: a YAML list of PromQL queries, each judged against a threshold at the end
 * of every bake. Pure validation, so a malformed list fails before anything changes. The query
 * language itself is Prometheus's to judge; here: a non-empty single line, balanced brackets and
 * quotes, and only the {{ color }} and {{ version }} placeholders.
 */

export interface AnalysisQuery {
  name: string
  /** PromQL with {{ color }} / {{ version }} placeholders. */
  query: string
  operator: '<' | '>'
  threshold: number
}

const INPUT = 'analysis-queries'
const FIELDS = ['name', 'query', 'threshold']
const EXAMPLE = 'a YAML list such as "- name: errors, query: sum(rate(http_requests_total{color=\\"{{ color }}\\",status=~\\"5..\\"}[1m])), threshold: < 0.5"'
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/
const THRESHOLD = /^([<>])\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)$/i
const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g
export const QUERY_PLACEHOLDERS = ['color', 'version'] as const

export function parseAnalysisQueries(raw: string): AnalysisQuery[] {
  if (raw.trim() === '') return []
  const document = parseDocument(raw, { uniqueKeys: true })
  if (document.errors.length > 0) throw new InputError(INPUT, `is not valid YAML (${document.errors[0].message.split('\n')[0]})`, EXAMPLE)
  const list: unknown = document.toJS()
  if (!Array.isArray(list) || list.length === 0) throw new InputError(INPUT, 'is not a list of queries', EXAMPLE)
  const names = new Set<string>()
  return list.map((entry, index) => {
    const at = `entry ${index + 1}`
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError(INPUT, `${at} is not a mapping`, 'each entry with name, query and threshold')
    const record = entry as Record<string, unknown>
    const unknown = Object.keys(record).find((key) => !FIELDS.includes(key))
    if (unknown) throw new InputError(INPUT, `${at} has unknown field "${unknown}"`, `only ${FIELDS.join(', ')}`)
    const name = typeof record.name === 'string' ? record.name.trim() : ''
    if (!NAME.test(name))
      throw new InputError(INPUT, `${at} has ${name === '' ? 'no name' : `name "${name}", which is not a short name`}`, 'a name of letters, digits, ".", "_" or "-", such as error-rate')
    if (names.has(name)) throw new InputError(INPUT, `${at} repeats the name "${name}"`, 'a different name for each query')
    names.add(name)
    const query = typeof record.query === 'string' ? record.query.trim() : ''
    if (query === '') throw new InputError(INPUT, `query "${name}" is empty`, 'a PromQL expression')
    const problem = queryProblem(query)
    if (problem) throw new InputError(INPUT, `query "${name}" ${problem}`, 'a PromQL expression with {{ color }} or {{ version }} placeholders only')
    const threshold = (
      typeof record.threshold === 'object' && record.threshold !== null ? JSON.stringify(record.threshold) : String((record.threshold as string | number | boolean | undefined) ?? '')
    ).trim()
    const match = THRESHOLD.exec(threshold)
    if (!match) throw new InputError(INPUT, `query "${name}" has threshold "${threshold}"`, 'a threshold such as "< 0.01" (the value must stay below) or "> 0.99" (it must stay above)')
    return { name, query, operator: match[1] as '<' | '>', threshold: Number(match[2]) }
  })
}

/** Why a query cannot be valid PromQL (or uses an unknown placeholder), or undefined. */
export function queryProblem(query: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(query.replace(/[\n\t]/g, ' '))) return 'has a control character'
  for (const match of query.matchAll(PLACEHOLDER)) {
    if (!(QUERY_PLACEHOLDERS as readonly string[]).includes(match[1])) return `uses the placeholder {{ ${match[1]} }}, which is not known`
  }
  const stack: string[] = []
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' }
  const text = query.replace(PLACEHOLDER, 'x')
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '"' || char === "'" || char === '`') {
      const end = findClosingQuote(text, i)
      if (end < 0) return `has an unclosed ${char} quote`
      i = end
    } else if (char === '(' || char === '[' || char === '{') stack.push(char)
    else if (char in pairs) {
      if (stack.pop() !== pairs[char]) return `has an unmatched "${char}"`
    }
  }
  if (stack.length > 0) return `has an unclosed "${stack[stack.length - 1]}"`
  return undefined
}

function findClosingQuote(text: string, start: number): number {
  const quote = text[start]
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++
    else if (text[i] === quote) return i
  }
  return -1
}

/** The query with its placeholders filled in; label values are escaped for a PromQL string. */
export function renderQuery(query: string, values: Record<(typeof QUERY_PLACEHOLDERS)[number], string>): string {
  return query.replace(PLACEHOLDER, (_, name: (typeof QUERY_PLACEHOLDERS)[number]) => values[name].replace(/\\/g, '\\\\').replace(/"/g, '\\"'))
}
