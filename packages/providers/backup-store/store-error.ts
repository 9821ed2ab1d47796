/** A store refused or could not be reached during its pre-flight check; `reason` lets the action name the input to fix. */
export class StoreCheckError extends Error {
  constructor(
    readonly reason: 'not-found' | 'auth' | 'unreachable' | 'other',
    message: string
  ) {
    super(message)
    this.name = 'StoreCheckError'
  }
}
