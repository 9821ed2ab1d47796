import type { JsonValue } from 'jsonpath-rfc9535'
import { errorMessage } from './error-message.js'

/**
 * JSONPath (RFC 9535) over parsed JSON, through the maintained `jsonpath-rfc9535` library:
 * `$.data.tokens.accessToken`, `$.items[0].id`, `$.items[*].id`, `$..id`, `$.items[?@.done == true]`.
 * The library is loaded by `loadJsonPath()` (once, when a caller first has a path to read), so an
 * action whose run needs no JSONPath never loads it; the functions below then work synchronously.
 */

type Query = (document: JsonValue, expression: string) => JsonValue[]

let query: Query | undefined
let loading: Promise<void> | undefined

/** Loads the JSONPath library; call (and await) before the first `jsonPathProblem` or `selectJson`. */
export function loadJsonPath(): Promise<void> {
  loading ??= import('jsonpath-rfc9535').then((lib) => {
    query = lib.query
  })
  return loading
}

function loaded(): Query {
  if (!query) throw new Error('JSONPath used before loadJsonPath() finished')
  return query
}

/** Why an expression is not valid JSONPath, or undefined when it is. */
export function jsonPathProblem(expression: string): string | undefined {
  if (!expression.trim().startsWith('$')) return 'does not start with $'
  const run = loaded()
  try {
    run({}, expression.trim())
    return undefined
  } catch (error) {
    return errorMessage(error).split('\n')[0]
  }
}

/** Every value the expression selects, in document order (empty when nothing matches). */
export function selectJson(document: unknown, expression: string): unknown[] {
  return loaded()(document as JsonValue, expression.trim())
}
