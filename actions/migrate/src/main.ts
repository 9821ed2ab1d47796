import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { failureMessage } from '../../../packages/core/error-message.js'
import { knownSecrets } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { redact } from '../../../packages/core/redact.js'
import { getInputs } from './inputs.js'
import { migrate } from './migrate.js'
import { MigrationFailure, PlanRejected } from './migration-failure.js'
import { outputsOf, summaryMarkdown } from './report.js'

export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const { report, failure } = await migrate(inputs, actionsLogger)
    const secrets = knownSecrets()
    for (const [name, value] of Object.entries(outputsOf(report))) core.setOutput(name, redact(value, secrets))
    await writeSummary(redact(summaryMarkdown(report), secrets))
    if (failure) throw failure
  } catch (error) {
    if ((error instanceof MigrationFailure || error instanceof PlanRejected) && error.annotation) {
      // The annotation points at the failing file (line and column when the database gave them).
      core.error(failureMessage('migrate', error, knownSecrets()), error.annotation)
      process.exitCode = core.ExitCode.Failure
    } else {
      core.setFailed(failureMessage('migrate', error, knownSecrets()))
    }
  }
}
