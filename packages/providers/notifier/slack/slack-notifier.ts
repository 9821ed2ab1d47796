import type { Logger as SlackLogger } from '@slack/web-api'
import { callWithPolicy, postJson } from '../delivery-retry.js'
import { DeliveryError, type Delivery, type Notification, type Notifier, type NotifierDeps, type SlackConfig } from '../types.js'
import { buildSlackMessage, mapSlackApiError, validSlackMessage } from './slack-message.js'

/**
 * Slack: an incoming webhook (plain HTTPS POST through packages/core/http.ts), or a bot token
 * through Slack's own @slack/web-api. The SDK's retries are switched off (`retries: 0`,
 * `rejectRateLimitedCalls: true`) so the suite's one policy applies: our retry() waits what
 * Retry-After says on 429 and backs off on 5xx and network errors.
 */
export class SlackNotifier implements Notifier {
  readonly channel = 'slack' as const

  constructor(
    private readonly config: SlackConfig,
    private readonly deps: NotifierDeps
  ) {}

  async send({ context, message }: Notification): Promise<Delivery> {
    const payload: SlackArguments = this.config.payload ?? { ...validSlackMessage(buildSlackMessage(context, message)) }
    const own = this.config.payload ? ' (own payload)' : ''
    if (this.config.webhookUrl) {
      await postJson(this.config.webhookUrl, JSON.stringify(payload), 'Slack webhook', this.deps)
      return { detail: `posted through the incoming webhook${own}`, outputs: {} }
    }
    const delivery = await this.sendWithToken(payload)
    return { ...delivery, detail: `${delivery.detail}${own}` }
  }

  private async sendWithToken(payload: SlackArguments): Promise<Delivery> {
    const { token, slackChannel, ts, threadTs, apiUrl } = this.config
    if (!token || !slackChannel) throw new DeliveryError('Slack needs slack-channel with slack-token')
    const { WebClient } = await import('@slack/web-api')
    const client = new WebClient(token, {
      slackApiUrl: apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: this.deps.policy.timeoutMs,
      logger: slackLogger(this.deps.logger),
      allowAbsoluteUrls: false
    })
    const method = ts ? 'chat.update' : 'chat.postMessage'
    // A team's payload may carry more arguments (username, icon_emoji, metadata…); ours win on
    // where the message goes.
    const call = (): Promise<{ channel?: string; ts?: string }> =>
      ts
        ? client.chat.update({ ...payload, channel: slackChannel, ts } as never)
        : client.chat.postMessage({ unfurl_links: false, unfurl_media: false, ...payload, channel: slackChannel, ...(threadTs ? { thread_ts: threadTs } : {}) } as never)
    const result = await callWithPolicy(`Slack ${method}`, this.deps, call, (error) => mapSlackApiError(error, method))
    const channel = result.channel ?? slackChannel
    const messageTs = result.ts ?? ts ?? ''
    return {
      detail: ts ? `updated message ${messageTs} in ${channel}` : `posted message ${messageTs} to ${channel}${threadTs ? ` in thread ${threadTs}` : ''}`,
      outputs: { 'slack-ts': messageTs, 'slack-channel': channel, 'thread-ts': threadTs ?? messageTs, 'channel-id': channel }
    }
  }
}

type SlackArguments = Record<string, unknown>

/** Routes the SDK's warnings and errors to our debug log (it redacts the token itself). */
function slackLogger(logger: NotifierDeps['logger']): SlackLogger {
  let level = 'warn'
  const line = (parts: unknown[]): string => `slack: ${parts.map(String).join(' ')}`
  return {
    // The SDK's debug and info lines print whole request bodies: too much for a step log.
    debug: () => undefined,
    info: () => undefined,
    warn: (...m: unknown[]) => logger.debug(line(m)),
    error: (...m: unknown[]) => logger.debug(line(m)),
    setLevel: (l: unknown) => void (level = String(l)),
    getLevel: () => level as never,
    setName: () => undefined
  }
}
