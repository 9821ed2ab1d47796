import { postJson } from '../delivery-retry.js'
import type { Delivery, Notification, Notifier, NotifierDeps, WebhookConfig } from '../types.js'
import { buildWebhookBody, signatureHeaders } from './webhook-payload.js'

/**
 * Generic webhook: the deployment as JSON, signed when a secret is given. Each attempt of a
 * retry carries the same body and signature (the timestamp is the first attempt's), so a
 * receiver that de-duplicates on the signature sees one delivery.
 */
export class WebhookNotifier implements Notifier {
  readonly channel = 'webhook' as const

  constructor(
    private readonly config: WebhookConfig,
    private readonly deps: NotifierDeps
  ) {}

  async send({ context, message }: Notification): Promise<Delivery> {
    const now = new Date()
    const raw = JSON.stringify(buildWebhookBody(context, message, now))
    const headers = this.config.secret ? signatureHeaders(this.config.secret, Math.floor(now.getTime() / 1000), raw) : {}
    const response = await postJson(this.config.url, raw, 'webhook', this.deps, headers)
    return { detail: `${this.config.secret ? 'signed body' : 'body'} accepted (HTTP ${response.status})`, outputs: {} }
  }
}
