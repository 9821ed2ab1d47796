import * as core from '@actions/core'
import { failureMessage } from './error-message.js'
import { closeHttpAgent } from './http.js'
import { knownSecrets } from './secrets.js'

/** What every action's main receives from the wrapper. */
export interface RunContext {
  /** Aborted on the first SIGINT/SIGTERM (a cancelled job): stop, undo what must be undone, return. */
  signal: AbortSignal
}

/** An error that already knows where it points (a file and line) for its annotation. */
export interface AnnotatedError extends Error {
  annotation?: core.AnnotationProperties
}

export interface RunActionOptions {
  /** The post step (`post:` in action.yml): runs instead of main when the runner calls the bundle again. */
  post?: (context: RunContext) => Promise<void>
}

const IS_POST = 'isPost'

/**
 * The one error boundary of an action. It turns SIGINT/SIGTERM into one AbortSignal handed to
 * main, fails the step with one redacted line (annotated when the error carries a position),
 * closes the HTTP pool, and runs the post step when the runner calls the bundle the second time.
 * A second signal ends the process the default way.
 */
export async function runAction(name: string, main: (context: RunContext) => Promise<void>, options: RunActionOptions = {}): Promise<void> {
  const controller = new AbortController()
  const signals = ['SIGINT', 'SIGTERM'] as const
  const removeHandlers = (): void => signals.forEach((signalName) => process.removeListener(signalName, onSignal))
  // The first signal aborts the run; both handlers go at once, so a second signal of either kind
  // ends the process the default way (the runner sends SIGINT, then SIGTERM, then kills).
  function onSignal(signalName: NodeJS.Signals): void {
    removeHandlers()
    controller.abort(new Error(`cancelled (${signalName})`))
  }
  signals.forEach((signalName) => process.on(signalName, onSignal))
  const context: RunContext = { signal: controller.signal }
  const isPost = core.getState(IS_POST) === 'true'
  try {
    if (isPost) {
      await options.post?.(context)
    } else {
      if (options.post) core.saveState(IS_POST, 'true')
      await main(context)
    }
  } catch (error) {
    const message = failureMessage(name, error, knownSecrets())
    const annotation = (error as AnnotatedError | undefined)?.annotation
    if (annotation) {
      core.error(message, annotation)
      process.exitCode = core.ExitCode.Failure
    } else {
      core.setFailed(message)
    }
  } finally {
    removeHandlers()
    await closeHttpAgent()
  }
}
