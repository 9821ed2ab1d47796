import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import type { MigrateLogger } from './migrate-logger.js'

/** The runner's log, with long phases folded into collapsible groups (core.group). */
export const actionsMigrateLogger: MigrateLogger = {
  ...actionsLogger,
  group: (title, phase) => core.group(title, phase)
}
