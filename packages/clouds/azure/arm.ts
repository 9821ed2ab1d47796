/**
 * Azure Resource Manager, the pure half: URLs, the OAuth scope, the origin rule for the Bearer
 * token, ARM error bodies and the async-operation status. arm-client.ts does the calls.
 *
 * Stable API (build-push's ACR token exchange and the Azure traffic providers use it):
 *   ARM_DEFAULT_ENDPOINT, armUrl(endpoint, resourcePath, apiVersion), armScope(endpoint),
 *   isSameOrigin(url, endpoint), parseArmErrorBody(body), formatArmError(detail),
 *   operationPhase(status), types ArmErrorDetail, ArmOperationStatus, OperationPhase.
 */

export const ARM_DEFAULT_ENDPOINT = 'https://management.azure.com'

/** The ARM async-operation status resource polled through the Azure-AsyncOperation header. */
export interface ArmOperationStatus {
  id?: string
  name?: string
  status?: string
  percentComplete?: number
  startTime?: string
  endTime?: string
  error?: ArmErrorDetail
}

export interface ArmErrorDetail {
  code?: string
  message?: string
  details?: ArmErrorDetail[]
}

/** ARM URL for a resource path (`/subscriptions/…`), with the api-version. */
export function armUrl(endpoint: string, resourcePath: string, apiVersion: string): string {
  const base = endpoint.replace(/\/+$/, '')
  const path = resourcePath
    .split('/')
    .map((segment) => encodeURIComponent(decodeURIComponent(segment)))
    .join('/')
  return `${base}${path}?api-version=${encodeURIComponent(apiVersion)}`
}

/** The OAuth scope for the ARM endpoint: https://management.azure.com/.default, or a sovereign cloud's. */
export function armScope(endpoint: string): string {
  return `${new URL(endpoint).origin}/.default`
}

/**
 * The Bearer token may only travel to the ARM endpoint's own origin: polling URLs come from
 * response headers, so one pointing elsewhere is refused rather than followed with the token.
 */
export function isSameOrigin(url: string, endpoint: string): boolean {
  try {
    return new URL(url).origin === new URL(endpoint).origin
  } catch {
    return false
  }
}

export type OperationPhase = { phase: 'pending'; status: string; percent?: number } | { phase: 'succeeded' } | { phase: 'failed'; status: string; message: string }

/** Azure-AsyncOperation status body → pending / succeeded / failed (with the error code and message). */
export function operationPhase(body: ArmOperationStatus): OperationPhase {
  const status = body.status ?? 'Unknown'
  const normalized = status.toLowerCase()
  if (normalized === 'succeeded') return { phase: 'succeeded' }
  if (normalized === 'failed' || normalized === 'canceled' || normalized === 'cancelled') {
    return { phase: 'failed', status, message: body.error ? formatArmError(body.error) : `operation ${status.toLowerCase()} without an error detail` }
  }
  const percent = typeof body.percentComplete === 'number' && Number.isFinite(body.percentComplete) ? Math.round(body.percentComplete) : undefined
  return { phase: 'pending', status, ...(percent !== undefined ? { percent } : {}) }
}

/** "Code: message (Inner: detail)". */
export function formatArmError(error: ArmErrorDetail): string {
  const head = [error.code, error.message].filter(Boolean).join(': ') || 'unknown error'
  const details = (error.details ?? []).map((d) => [d.code, d.message].filter(Boolean).join(': ')).filter(Boolean)
  return details.length > 0 ? `${head} (${details.join('; ')})` : head
}

/** An ARM error response body `{ "error": { "code", "message", "details" } }`, if it is one. */
export function parseArmErrorBody(body: string): ArmErrorDetail | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: ArmErrorDetail }
    return parsed && typeof parsed.error === 'object' ? parsed.error : undefined
  } catch {
    return undefined
  }
}
