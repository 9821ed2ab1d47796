import * as core from '@actions/core'
import type { Logger } from './log.js'

export const actionsLogger: Logger = {
  info: (message) => core.info(message),
  warning: (message) => core.warning(message),
  debug: (message) => core.debug(message)
}
