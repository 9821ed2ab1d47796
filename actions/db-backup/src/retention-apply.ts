import type { Logger } from '../../../packages/core/log.js'
import type { RetentionDecision } from './retention-plan.js'
import type { BackupReport } from './report.js'

/**
 * Carries out a retention plan, for dumps and snapshots alike: every `delete` decision is removed
 * through `remove` (or only logged on a dry run); a failed deletion is a warning, not a failure.
 * `noun` names what is deleted in the log ('' for dumps, 'snapshot ' for snapshots).
 */
export async function applyRetentionPlan(
  decisions: RetentionDecision[],
  dryRun: boolean,
  remove: (id: string) => Promise<void>,
  logger: Logger,
  noun = ''
): Promise<NonNullable<BackupReport['retention']>> {
  const deleted: string[] = []
  const failed: { id: string; error: string }[] = []
  for (const decision of decisions.filter((d) => d.action === 'delete')) {
    if (dryRun) {
      logger.info(`retention (dry run): would delete ${noun}${decision.id}: ${decision.reason}`)
      continue
    }
    try {
      await remove(decision.id)
      deleted.push(decision.id)
      logger.info(`retention: deleted ${noun}${decision.id}: ${decision.reason}`)
    } catch (error) {
      failed.push({ id: decision.id, error: (error as Error).message })
      logger.warning(`retention: could not delete ${noun}${decision.id}: ${(error as Error).message}`)
    }
  }
  return { decisions, dryRun, deleted, failed }
}
