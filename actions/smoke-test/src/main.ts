import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { failureMessage } from '../../../packages/core/error-message.js'
import { closeHttpAgent, httpRequest } from '../../../packages/core/http.js'
import { redact } from '../../../packages/core/redact.js'
import { redactingLogger } from '../../../packages/core/redacting-logger.js'
import { knownSecrets, maskSecret } from '../../../packages/core/secrets.js'
import { getInputs } from './inputs.js'
import { publish } from './publish.js'
import { failureReasons } from './results.js'
import { runSuite } from './suite.js'

export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const result = await runSuite(inputs, {
      send: httpRequest,
      logger: redactingLogger(actionsLogger, knownSecrets),
      mask: (value) => {
        if (!knownSecrets().has(value)) maskSecret(value)
      },
      isSecretHeader: (name) => inputs.secretHeaders.has(name.toLowerCase()),
      redact: (text) => redact(text, knownSecrets())
    })
    await publish(result, inputs.reportDir)
    const reasons = failureReasons(result)
    if (reasons.length > 0) throw new Error(reasons.join('; '))
  } catch (error) {
    core.setFailed(failureMessage('smoke-test', error, knownSecrets()))
  } finally {
    await closeHttpAgent()
  }
}
