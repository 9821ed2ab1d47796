import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { failureMessage } from '../../../packages/core/error-message.js'
import { knownSecrets } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { runDumpBackup, runDumpRestore, type FlowResult } from './dump-flow.js'
import { getInputs } from './inputs.js'
import { buildSummary } from './report.js'
import { runSnapshotBackup, runSnapshotRestore } from './snapshot-flow.js'

/**
 * A cancelled job gets SIGINT (then SIGTERM): abort the run so the dump tool is killed and the
 * store's upload is abandoned or removed instead of dying mid-write. A second signal ends the
 * process the default way.
 */
function cancellation(): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController()
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = (): void => controller.abort(new Error(`cancelled (${name})`))
    process.once(name, handler)
    return [name, handler] as const
  })
  return { signal: controller.signal, release: () => handlers.forEach(([name, handler]) => process.removeListener(name, handler)) }
}

export async function run(): Promise<void> {
  const cancel = cancellation()
  try {
    const inputs = getInputs()
    const deps = { logger: actionsLogger, signal: cancel.signal }
    let result: FlowResult
    if (inputs.kind === 'dump') result = inputs.mode === 'backup' ? await runDumpBackup(inputs, deps) : await runDumpRestore(inputs, deps)
    else result = inputs.mode === 'backup' ? await runSnapshotBackup(inputs, deps) : await runSnapshotRestore(inputs, deps)
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    await writeSummary(buildSummary(result.report))
  } catch (error) {
    core.setFailed(failureMessage('db-backup', error, knownSecrets()))
  } finally {
    cancel.release()
  }
}
