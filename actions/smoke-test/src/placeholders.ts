import { randomUUID } from 'node:crypto'

/**
 * Placeholders in check fields: `{{ token }}` reads a capture, `{{ env.NAME }}` an environment
 * variable, and `{{ uuid }}`, `{{ now }}`, `{{ timestamp }}` are made fresh for each request a
 * check sends (a random UUID, the ISO 8601 time, Unix seconds). The syntax has no leading `$`, so
 * GitHub's own `${{ }}` expansion in workflow files never touches it.
 */

/** What placeholder resolution reads: a Map, or values made only when first asked for. */
export interface Lookup<V> {
  has(name: string): boolean
  get(name: string): V | undefined
}

/** Names that are generated per request, so no capture may take them. */
export const DYNAMIC_PLACEHOLDERS = ['uuid', 'now', 'timestamp']

const PLACEHOLDER = /\{\{\s*(env\.)?([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g
/** `${{ … }}` inside a checks file: GitHub does not expand it there, so it is always a mistake. */
const GITHUB_EXPRESSION = /\$\{\{[^}]*\}\}/

export interface PlaceholderRef {
  kind: 'capture' | 'env' | 'dynamic'
  name: string
  /** Field path of the string holding it, e.g. `headers.Authorization`. */
  field: string
  text: string
}

/** Calls `visit` for every string in a value tree, with its field path. */
function eachString(value: unknown, field: string, visit: (text: string, field: string) => void): void {
  if (typeof value === 'string') visit(value, field)
  else if (Array.isArray(value)) value.forEach((item, i) => eachString(item, `${field}[${i}]`, visit))
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) eachString(item, field === '' ? key : `${field}.${key}`, visit)
  }
}

/** Returns a copy of a value tree with every string passed through `map`. */
function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T
  if (Array.isArray(value)) return (value as unknown[]).map((item) => mapStrings(item, map)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, map)])) as T
  }
  return value
}

export function placeholderRefs(value: unknown, field: string): PlaceholderRef[] {
  const refs: PlaceholderRef[] = []
  eachString(value, field, (text, at) => {
    for (const match of text.matchAll(PLACEHOLDER))
      refs.push({ kind: match[1] ? 'env' : DYNAMIC_PLACEHOLDERS.includes(match[2]) ? 'dynamic' : 'capture', name: match[2], field: at, text: match[0] })
  })
  return refs
}

/** The field path of the first `${{ … }}` in a value tree, if any. */
export function githubExpressionIn(value: unknown, field: string): { field: string; text: string } | undefined {
  let found: { field: string; text: string } | undefined
  eachString(value, field, (text, at) => {
    const match = GITHUB_EXPRESSION.exec(text)
    if (!found && match) found = { field: at, text: match[0] }
  })
  return found
}

/** Replaces `{{ env.NAME }}` with the variable's value; capture placeholders are left as they are. */
export function resolveEnv<T>(value: T, env: Readonly<Record<string, string | undefined>>): T {
  return mapStrings(value, (text) => text.replace(PLACEHOLDER, (whole, isEnv: string | undefined, name: string) => (isEnv ? (env[name] ?? whole) : whole)))
}

/** Replaces `{{ name }}` with captured values; unknown names are left as they are. */
export function resolveCaptures<T>(value: T, captures: Lookup<string>): T {
  return mapStrings(value, (text) => text.replace(PLACEHOLDER, (whole, isEnv: string | undefined, name: string) => (!isEnv && captures.has(name) ? (captures.get(name) as string) : whole)))
}

const WHOLE_CAPTURE = /^\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}$/

/**
 * For a JSON body: a string that is nothing but one capture placeholder takes the captured value
 * with its JSON type (`"{{ id }}"` → `7`); every other string is resolved as text.
 */
export function resolveCapturesTyped<T>(value: T, captures: Lookup<string>, typed: Lookup<unknown>): T {
  if (typeof value === 'string') {
    const whole = WHOLE_CAPTURE.exec(value)
    if (whole && typed.has(whole[1])) return typed.get(whole[1]) as T
    return resolveCaptures(value, captures)
  }
  if (Array.isArray(value)) return (value as unknown[]).map((item) => resolveCapturesTyped(item, captures, typed)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveCapturesTyped(item, captures, typed)])) as T
  }
  return value
}

/** A stand-in for capture placeholders, so a template can be checked (URL, regex) before any request. */
export function withSampleCaptures(text: string): string {
  return text.replace(PLACEHOLDER, (whole, isEnv: string | undefined) => (isEnv ? whole : 'sample'))
}

/** Fresh values of the dynamic placeholders, as text and (for JSON bodies) typed: `timestamp` is a number there. */
export interface DynamicValues {
  text: Map<string, string>
  typed: Map<string, unknown>
}

/**
 * Captured values, then the dynamic ones — made (once) only when a placeholder asks for one, so a
 * check without them pays nothing (a UUID costs a crypto call).
 */
export function withDynamicValues(
  captures: ReadonlyMap<string, string>,
  typed: ReadonlyMap<string, unknown>,
  make: () => DynamicValues = dynamicValues
): { text: Lookup<string>; typed: Lookup<unknown> } {
  let made: DynamicValues | undefined
  const dynamic = (): DynamicValues => (made ??= make())
  const isDynamic = (name: string): boolean => !captures.has(name) && DYNAMIC_PLACEHOLDERS.includes(name)
  return {
    text: { has: (name) => captures.has(name) || isDynamic(name), get: (name) => (isDynamic(name) ? dynamic().text.get(name) : captures.get(name)) },
    typed: { has: (name) => typed.has(name) || isDynamic(name), get: (name) => (isDynamic(name) ? dynamic().typed.get(name) : typed.get(name)) }
  }
}

export function dynamicValues(nowMs: number = Date.now(), uuid: () => string = randomUUID): DynamicValues {
  const seconds = Math.floor(nowMs / 1000)
  const id = uuid()
  const iso = new Date(nowMs).toISOString()
  return {
    text: new Map([
      ['uuid', id],
      ['now', iso],
      ['timestamp', String(seconds)]
    ]),
    typed: new Map<string, unknown>([
      ['uuid', id],
      ['now', iso],
      ['timestamp', seconds]
    ])
  }
}

/** Whether a value tree holds a dynamic placeholder (so a request must be resolved afresh each time). */
export function hasDynamicPlaceholder(value: unknown): boolean {
  return placeholderRefs(value, '').some((ref) => ref.kind === 'dynamic')
}
