import type { Logger } from './log.js'
import { redact } from './redact.js'

/**
 * A logger that removes every known secret from each line before passing it on. The runner masks
 * values registered with add-mask, but a process run elsewhere (locally, in tests, or before the
 * mask command is read) only stays clean if lines are redacted before they are written.
 */
export function redactingLogger(inner: Logger, secrets: () => Iterable<string>): Logger {
  return {
    info: (message) => inner.info(redact(message, secrets())),
    warning: (message) => inner.warning(redact(message, secrets())),
    debug: (message) => inner.debug(redact(message, secrets()))
  }
}
