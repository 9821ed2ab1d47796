/** Why a signal aborted, as given (a caller's reason is rethrown unchanged), or an "aborted" Error when it gave none. */
export const abortReason = (signal?: AbortSignal): unknown => signal?.reason ?? new Error('aborted')
