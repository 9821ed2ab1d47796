import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { runAction } from '../../../packages/core/run-action.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { runDumpBackup, runDumpRestore, type FlowResult } from './dump-flow.js'
import { getInputs } from './inputs.js'
import { buildSummary } from './report.js'
import { runSnapshotBackup, runSnapshotRestore } from './snapshot-flow.js'

/** A cancelled job aborts `signal`: the dump tool is killed and the store's upload abandoned or removed. */
export const run = (): Promise<void> =>
  runAction('db-backup', async ({ signal }) => {
    const inputs = getInputs()
    for (const warning of inputs.warnings) core.warning(warning)
    const deps = { logger: actionsLogger, signal, group: <T>(name: string, phase: () => Promise<T>) => core.group(name, phase) }
    let result: FlowResult
    if (inputs.kind === 'dump') result = inputs.mode === 'backup' ? await runDumpBackup(inputs, deps) : await runDumpRestore(inputs, deps)
    else result = inputs.mode === 'backup' ? await runSnapshotBackup(inputs, deps) : await runSnapshotRestore(inputs, deps)
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    await writeSummary(buildSummary(result.report))
  })
