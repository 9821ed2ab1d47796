/** What pure and provider code may log through, injected so tests run silent. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
  debug(message: string): void
}

export const silentLogger: Logger = { info() {}, warning() {}, debug() {} }
