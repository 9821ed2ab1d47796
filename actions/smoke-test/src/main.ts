import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { httpRequest } from '../../../packages/core/http.js'
import { redact } from '../../../packages/core/redact.js'
import { redactingLogger } from '../../../packages/core/redacting-logger.js'
import { runAction } from '../../../packages/core/run-action.js'
import { knownSecrets, maskSecret } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { getInputs } from './inputs.js'
import { publish } from './publish.js'
import { failureReasons } from './results.js'
import { runSuite } from './suite.js'

const clean = (text: string): string => redact(text, knownSecrets())

export const run = (): Promise<void> =>
  runAction('smoke-test', async ({ signal }) => {
    const inputs = await getInputs()
    const result = await runSuite(inputs, {
      send: httpRequest,
      logger: redactingLogger(actionsLogger, knownSecrets),
      mask: (value) => {
        if (!knownSecrets().has(value)) maskSecret(value)
      },
      isSecretHeader: (name) => inputs.secretHeaders.has(name.toLowerCase()),
      redact: clean,
      group: (name, fn) => core.group(name, fn),
      signal
    })
    await publish(result, inputs.reportDir, { setOutput: core.setOutput, writeSummary, info: core.info, redact: clean })
    const reasons = failureReasons(result)
    if (reasons.length > 0) throw new Error(reasons.join('; '))
  })
