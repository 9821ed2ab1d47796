import type { Logger } from '../../../packages/core/log.js'

/** The logger migrate's logic writes through: a Logger that can also fold a long phase into a group. */
export interface MigrateLogger extends Logger {
  group<T>(title: string, phase: () => Promise<T>): Promise<T>
}

/** A MigrateLogger over a plain Logger: a group is a heading line (tests, the CLI). */
export function withHeadings(log: Logger): MigrateLogger {
  return {
    info: (m) => log.info(m),
    warning: (m) => log.warning(m),
    debug: (m) => log.debug(m),
    group: async (title, phase) => {
      log.info(title)
      return phase()
    }
  }
}
