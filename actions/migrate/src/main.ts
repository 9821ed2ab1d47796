import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { runAction } from '../../../packages/core/run-action.js'
import { redact } from '../../../packages/core/redact.js'
import { knownSecrets } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { getInputs } from './inputs.js'
import { migrate } from './migrate.js'
import type { MigrateLogger } from './migrate-logger.js'
import { outputsOf, summaryMarkdown } from './report.js'

/** The runner's log, with long phases folded into collapsible groups. */
const log: MigrateLogger = { ...actionsLogger, group: (title, phase) => core.group(title, phase) }

// A MigrationFailure or PlanRejected carries its annotation (file, line, column); runAction uses it.
export const run = (): Promise<void> =>
  runAction('migrate', async ({ signal }) => {
    const inputs = getInputs()
    const { report, failure } = await migrate(inputs, log, signal)
    const secrets = knownSecrets()
    for (const [name, value] of Object.entries(outputsOf(report))) core.setOutput(name, redact(value, secrets))
    await writeSummary(redact(summaryMarkdown(report), secrets))
    if (failure) throw failure
  })
