import { isInputError } from './input-error.js'
import { redact } from './redact.js'

/** The message of anything thrown: an Error's message, else its string form. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The one line an action fails with: input errors as they are (they already name the input and
 * what is expected), anything else prefixed with the action's name. Known secrets are redacted.
 */
export function failureMessage(action: string, error: unknown, secrets: Iterable<string> = []): string {
  const message = errorMessage(error)
  const line = isInputError(error) ? message : `${action} failed: ${message}`
  return redact(line, secrets)
}
