import { postJson } from '../delivery-retry.js'
import type { Delivery, DiscordConfig, Notification, Notifier, NotifierDeps } from '../types.js'
import { buildDiscordBody, withWait } from './discord-embed.js'

/** Discord webhook: POST with `?wait=true`; Discord answers 200 with the message object. */
export class DiscordNotifier implements Notifier {
  readonly channel = 'discord' as const

  constructor(
    private readonly config: DiscordConfig,
    private readonly deps: NotifierDeps
  ) {}

  async send({ context, message }: Notification): Promise<Delivery> {
    const response = await postJson(withWait(this.config.webhookUrl), JSON.stringify(buildDiscordBody(context, message, new Date())), 'Discord webhook', this.deps)
    const id = messageId(response.body)
    return { detail: id ? `posted message ${id}` : `posted (HTTP ${response.status})`, outputs: id ? { 'discord-message-id': id } : {} }
  }
}

function messageId(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { id?: unknown }
    return typeof parsed.id === 'string' ? parsed.id : undefined
  } catch {
    return undefined
  }
}
