import { query, type JsonValue } from 'jsonpath-rfc9535'
import { errorMessage } from './error-message.js'

/**
 * JSONPath (RFC 9535) over parsed JSON, through the maintained `jsonpath-rfc9535` library:
 * `$.data.tokens.accessToken`, `$.items[0].id`, `$.items[*].id`, `$..id`, `$.items[?@.done == true]`.
 */

/** Why an expression is not valid JSONPath, or undefined when it is. */
export function jsonPathProblem(expression: string): string | undefined {
  if (!expression.trim().startsWith('$')) return 'does not start with $'
  try {
    query({}, expression.trim())
    return undefined
  } catch (error) {
    return (errorMessage(error)).split('\n')[0]
  }
}

/** Every value the expression selects, in document order (empty when nothing matches). */
export function selectJson(document: unknown, expression: string): unknown[] {
  return query(document as JsonValue, expression.trim())
}
