import type { Logger } from '../../core/log.js'
import type { DeploymentContext, NotificationMessage } from './notification-content.js'

/**
 * Deployment notifications: the interface every channel implements and the config each takes.
 * The factory (factory.ts) loads one channel folder lazily; nothing here imports a channel.
 *
 * Channels
 * - `slack` (slack/): an incoming webhook (POST of a Block Kit message), or a
 *   bot token through Slack's @slack/web-api (chat.postMessage, or chat.update of `ts`; replies in
 *   a thread with `threadTs`), or the team's own `payload`. Delivery outputs `slack-ts` and
 *   `slack-channel`, and `thread-ts` and `channel-id` as slackapi/slack-github-action names them.
 * - `teams` (teams/): a Teams Workflows webhook ("When a Teams webhook request is received") with
 *   an Adaptive Card 1.4 in a `message` attachment.
 * - `discord` (discord/): a Discord webhook with an embed; `?wait=true` so Discord returns the
 *   message and its id (`discord-message-id`).
 * - `webhook` (webhook/): a JSON body with the whole deployment context, signed with
 *   HMAC-SHA256 over `<timestamp>.<body>` when a secret is given.
 * - `email` (email/): nodemailer over SMTP, text and HTML bodies, several recipients.
 * - `github` (github/): Octokit from @actions/github: a deployment and its statuses, a commit
 *   status, and a pull-request comment updated in place. Outputs `deployment-id`, `comment-id`.
 *
 * Every notifier retries with packages/core/retry.ts (429 and Retry-After honoured), never puts
 * a URL or token in an error (it names its channel instead), and throws DeliveryError when it
 * could not deliver — with whatever outputs it did produce.
 */

export const CHANNELS = ['slack', 'teams', 'discord', 'webhook', 'email', 'github'] as const
export type Channel = (typeof CHANNELS)[number]

export interface Notification {
  context: DeploymentContext
  message: NotificationMessage
}

export interface Delivery {
  /** One line for logs and the job summary, free of secrets: "posted message 1700000000.000100 to C0123". */
  detail: string
  /** Step outputs this channel produced (`slack-ts`, `deployment-id`, …). */
  outputs: Record<string, string>
}

export interface Notifier {
  readonly channel: Channel
  send(notification: Notification): Promise<Delivery>
}

/** A channel that could not deliver (or only partly): the message names the channel, never its URL. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly outputs: Record<string, string> = {}
  ) {
    super(message)
    this.name = 'DeliveryError'
  }
}

export interface DeliveryPolicy {
  /** Attempts per request, the first included. */
  attempts: number
  baseDelayMs: number
  /** Each attempt's timeout. */
  timeoutMs: number
}

export interface NotifierDeps {
  policy: DeliveryPolicy
  logger: Logger
  /** Injected in unit tests so backoff runs instantly. */
  sleep?: (ms: number) => Promise<void>
}

export interface SlackConfig {
  channel: 'slack'
  webhookUrl?: string
  token?: string
  /** Bot token path: channel ID or name to post to. */
  slackChannel?: string
  /** Bot token path: update this message (chat.update) instead of posting a new one. */
  ts?: string
  threadTs?: string
  /** Web API base, `https://slack.com/api/` (GovSlack: `https://slack-gov.com/api/`). */
  apiUrl: string
  /** A team's own message (already rendered): sent instead of the built one. */
  payload?: Record<string, unknown>
}

export interface TeamsConfig {
  channel: 'teams'
  webhookUrl: string
}

export interface DiscordConfig {
  channel: 'discord'
  webhookUrl: string
}

export interface WebhookConfig {
  channel: 'webhook'
  url: string
  secret?: string
}

export type SmtpSecurity = 'starttls' | 'tls' | 'none'

export interface EmailConfig {
  channel: 'email'
  host: string
  port: number
  security: SmtpSecurity
  username?: string
  password?: string
  from: string
  to: string[]
  /** Already rendered; the notification title when absent. */
  subject?: string
}

export type GitHubDeploymentMode = 'auto' | 'create' | 'update' | 'off'

export interface GitHubConfig {
  channel: 'github'
  token: string
  /** owner/name */
  repository: string
  deployment: GitHubDeploymentMode
  /** Add statuses to this deployment instead of finding or creating one. */
  deploymentId?: number
  commitStatus: boolean
  /** Pull request to comment on; none means no comment. */
  pullRequest?: number
}

export type ChannelConfig = SlackConfig | TeamsConfig | DiscordConfig | WebhookConfig | EmailConfig | GitHubConfig
