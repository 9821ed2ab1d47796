import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { failureMessage } from '../../../packages/core/error-message.js'
import { knownSecrets } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { runDumpBackup, runDumpRestore, type FlowResult } from './dump-flow.js'
import { getInputs } from './inputs.js'
import { buildSummary } from './report.js'
import { runSnapshotBackup, runSnapshotRestore } from './snapshot-flow.js'

export async function run(): Promise<void> {
  try {
    const inputs = getInputs()
    const deps = { logger: actionsLogger }
    let result: FlowResult
    if (inputs.kind === 'dump') result = inputs.mode === 'backup' ? await runDumpBackup(inputs, deps) : await runDumpRestore(inputs, deps)
    else result = inputs.mode === 'backup' ? await runSnapshotBackup(inputs, deps) : await runSnapshotRestore(inputs, deps)
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    await writeSummary(buildSummary(result.report))
  } catch (error) {
    core.setFailed(failureMessage('db-backup', error, knownSecrets()))
  }
}
