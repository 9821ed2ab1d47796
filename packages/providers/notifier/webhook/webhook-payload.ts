import { createHmac, timingSafeEqual } from 'node:crypto'
import { statusStyle, type DeploymentContext, type NotificationMessage } from '../notification-content.js'

/**
 * Pure builder of the generic webhook's JSON body and its signature.
 *
 * With a secret the request carries
 *   X-Deploy-Timestamp: <unix seconds>
 *   X-Deploy-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 * A receiver recomputes the HMAC over the raw body it got, compares in constant time, and
 * rejects a timestamp older than its tolerance (5 minutes is usual) so a captured request cannot
 * be replayed later. `verifyWebhookSignature` below is that check.
 */

export const WEBHOOK_SCHEMA_VERSION = 1

export interface WebhookBody {
  schema: number
  event: 'deployment'
  status: string
  status_label: string
  title: string
  text: string
  environment: string
  service: string | null
  environment_url: string | null
  version: string | null
  actor: string
  repository: string
  sha: string
  ref: string | null
  run_url: string
  workflow: string | null
  run_id: string | null
  run_number: string | null
  duration_ms: number | null
  outputs: Record<string, string>
  sent_at: string
}

export function buildWebhookBody(context: DeploymentContext, message: NotificationMessage, now: Date): WebhookBody {
  return {
    schema: WEBHOOK_SCHEMA_VERSION,
    event: 'deployment',
    status: context.status,
    status_label: statusStyle(context.status).label,
    title: message.title,
    text: message.text,
    environment: context.environment,
    service: context.service ?? null,
    environment_url: context.environmentUrl ?? null,
    version: context.version ?? null,
    actor: context.actor,
    repository: context.repository,
    sha: context.sha,
    ref: context.ref ?? null,
    run_url: context.runUrl,
    workflow: context.workflow ?? null,
    run_id: context.runId ?? null,
    run_number: context.runNumber ?? null,
    duration_ms: context.durationMs ?? null,
    outputs: context.outputs,
    sent_at: now.toISOString()
  }
}

export function webhookSignature(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`
}

export function signatureHeaders(secret: string, timestamp: number, rawBody: string): Record<string, string> {
  return { 'x-deploy-timestamp': String(timestamp), 'x-deploy-signature': webhookSignature(secret, timestamp, rawBody) }
}

/** The receiver's check: signature matches and the timestamp is within `toleranceSeconds` of now. */
export function verifyWebhookSignature(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  rawBody: string,
  nowSeconds: number,
  toleranceSeconds = 300
): { ok: true } | { ok: false; reason: string } {
  const timestamp = Number(headers.timestamp)
  if (!headers.timestamp || !Number.isInteger(timestamp)) return { ok: false, reason: 'missing or malformed X-Deploy-Timestamp' }
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'timestamp outside the tolerance (possible replay)' }
  const expected = Buffer.from(webhookSignature(secret, timestamp, rawBody))
  const given = Buffer.from(headers.signature ?? '')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature does not match' }
  return { ok: true }
}
