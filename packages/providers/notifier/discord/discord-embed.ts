import { colorInt, deploymentFacts, repositoryName, statusStyle, truncate, type DeploymentContext, type NotificationMessage } from '../notification-content.js'

/**
 * Pure builder of a Discord "Execute Webhook" body with one embed, within Discord's documented
 * limits: title ≤ 256, description ≤ 4096, ≤ 25 fields (name ≤ 256, value ≤ 1024), footer ≤ 2048,
 * the characters of all embed texts together ≤ 6000, content ≤ 2000. Mentions are disabled
 * (`allowed_mentions.parse: []`) so a template cannot ping @everyone.
 */

export const DISCORD_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, embedTotal: 6000, content: 2000 } as const

export interface DiscordEmbed {
  title: string
  description: string
  url: string
  color: number
  fields: { name: string; value: string; inline: boolean }[]
  footer: { text: string }
  timestamp: string
}

export interface DiscordWebhookBody {
  username: string
  embeds: DiscordEmbed[]
  allowed_mentions: { parse: string[] }
}

export function buildDiscordBody(context: DeploymentContext, message: NotificationMessage, now: Date): DiscordWebhookBody {
  const embed: DiscordEmbed = {
    title: truncate(message.title, DISCORD_LIMITS.title),
    description: truncate(message.text, DISCORD_LIMITS.description),
    url: context.runUrl,
    color: colorInt(statusStyle(context.status).hex),
    fields: [
      ...deploymentFacts(context).map((fact) => ({
        name: fact.label,
        value: truncate(fact.url ? `[${fact.value}](${fact.url})` : fact.value, DISCORD_LIMITS.fieldValue),
        inline: true
      })),
      { name: 'Run', value: `[${context.workflow ?? 'workflow'}${context.runNumber ? ` #${context.runNumber}` : ''}](${context.runUrl})`, inline: true }
    ].slice(0, DISCORD_LIMITS.fields),
    footer: { text: truncate(context.repository, DISCORD_LIMITS.footer) },
    timestamp: now.toISOString()
  }
  const body: DiscordWebhookBody = { username: `${repositoryName(context.repository)} deploys`, embeds: [embed], allowed_mentions: { parse: [] } }
  const total = embedCharacters(embed)
  if (total > DISCORD_LIMITS.embedTotal) {
    embed.description = truncate(embed.description, Math.max(0, embed.description.length - (total - DISCORD_LIMITS.embedTotal)))
  }
  return body
}

/** What Discord counts towards the 6000-character limit of an embed. */
export function embedCharacters(embed: DiscordEmbed): number {
  return embed.title.length + embed.description.length + embed.footer.text.length + embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0)
}

/** The webhook URL with `wait=true`, so Discord answers with the created message (and its id). */
export function withWait(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('wait', 'true')
  return parsed.toString()
}
