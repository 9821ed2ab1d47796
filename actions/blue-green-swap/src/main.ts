import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { httpRequest } from '../../../packages/core/http.js'
import { redact } from '../../../packages/core/redact.js'
import { redactingLogger } from '../../../packages/core/redacting-logger.js'
import { runAction } from '../../../packages/core/run-action.js'
import { knownSecrets, maskSecret } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { createTrafficProvider } from '../../../packages/providers/traffic/factory.js'
import { CancelledError, runSwap } from './engine.js'
import { checkGreen } from './green-check.js'
import { getInputs } from './inputs.js'
import { stepOutputs, summaryMarkdown } from './report.js'
import type { SwapResult } from './result.js'
import { analysisSources } from './sources.js'

export const run = (): Promise<void> =>
  runAction('blue-green-swap', async ({ signal }) => {
    const inputs = await getInputs()
    const logger = redactingLogger(actionsLogger, knownSecrets)
    const provider = await createTrafficProvider(inputs.provider, { logger })
    try {
      const result = await runSwap(inputs.plan, {
        provider,
        analysis: analysisSources(inputs.analysis, provider, httpRequest, logger),
        verifyGreen: (target, checkSignal) =>
          checkGreen(inputs.greenCheck, target, {
            send: (request) => httpRequest({ ...request, signal: checkSignal }),
            logger,
            mask: (value) => {
              if (!knownSecrets().has(value)) maskSecret(value)
            },
            redact: (text) => redact(text, knownSecrets())
          }),
        logger,
        owner: inputs.lockOwner,
        signal
      }).catch(async (error: unknown) => {
        // A cancelled run still tells what it did: traffic is back on blue.
        const partial = (error as { result?: SwapResult }).result
        if (error instanceof CancelledError && partial) await publish(partial)
        throw error
      })
      await publish(result)
      if (result.failed) throw new Error(result.reason)
    } finally {
      await provider.close()
    }
  })

async function publish(result: SwapResult): Promise<void> {
  for (const [name, value] of Object.entries(stepOutputs(result))) core.setOutput(name, value)
  await writeSummary(summaryMarkdown(result))
}
