import * as core from '@actions/core'
import { runAction } from '../../../packages/core/run-action.js'
import { redact } from '../../../packages/core/redact.js'
import { knownSecrets } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { actionsMigrateLogger } from './actions-migrate-logger.js'
import { getInputs } from './inputs.js'
import { migrate } from './migrate.js'
import { outputsOf, summaryMarkdown } from './report.js'

// A MigrationFailure or PlanRejected carries its annotation (file, line, column); runAction uses it.
export const run = (): Promise<void> =>
  runAction('migrate', async ({ signal }) => {
    const inputs = getInputs()
    const { report, failure } = await migrate(inputs, actionsMigrateLogger, signal)
    const secrets = knownSecrets()
    for (const [name, value] of Object.entries(outputsOf(report))) core.setOutput(name, redact(value, secrets))
    await writeSummary(redact(summaryMarkdown(report), secrets))
    if (failure) throw failure
  })
