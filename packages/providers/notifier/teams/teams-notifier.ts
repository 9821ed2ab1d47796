import { postJson } from '../delivery-retry.js'
import type { Delivery, Notification, Notifier, NotifierDeps, TeamsConfig } from '../types.js'
import { buildTeamsMessage } from './adaptive-card.js'

/** Teams Workflows webhook: one POST of the card; the flow answers 202 Accepted. */
export class TeamsNotifier implements Notifier {
  readonly channel = 'teams' as const

  constructor(
    private readonly config: TeamsConfig,
    private readonly deps: NotifierDeps
  ) {}

  async send({ context, message }: Notification): Promise<Delivery> {
    const response = await postJson(this.config.webhookUrl, JSON.stringify(buildTeamsMessage(context, message)), 'Teams webhook', this.deps)
    return { detail: `card accepted by the Workflows webhook (HTTP ${response.status})`, outputs: {} }
  }
}
