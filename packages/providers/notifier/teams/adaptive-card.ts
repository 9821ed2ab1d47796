import { deploymentFacts, deploymentLinks, statusStyle, type DeploymentContext, type NotificationMessage } from '../notification-content.js'

/**
 * Pure builder of the body a Teams Workflows webhook ("When a Teams webhook request is
 * received", then "Post card in a chat or channel") expects: a `message` whose first attachment
 * is an Adaptive Card. Version 1.4, the highest every Teams client renders for Workflows cards;
 * `msteams.width: Full` for a full-width card. The status colour is the header container's style
 * (good / attention / warning / accent); facts are a FactSet whose values may hold Markdown
 * links; the run and the environment are Action.OpenUrl buttons. Teams rejects messages over
 * 28 KB, so the size is checked here.
 */

export const ADAPTIVE_CARD_VERSION = '1.4'
export const TEAMS_MAX_BYTES = 28 * 1024

export interface AdaptiveCard {
  $schema: string
  type: 'AdaptiveCard'
  version: string
  body: Record<string, unknown>[]
  actions: Record<string, unknown>[]
  msteams: { width: 'Full' }
}

export interface TeamsMessage {
  type: 'message'
  attachments: { contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard }[]
}

/** Markdown link text as Teams renders it in TextBlock and FactSet values. */
function markdownLink(label: string, url: string): string {
  return `[${label.replace(/[[\]]/g, '')}](${url.replace(/\)/g, '%29')})`
}

export function buildAdaptiveCard(context: DeploymentContext, message: NotificationMessage): AdaptiveCard {
  const style = statusStyle(context.status)
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    msteams: { width: 'Full' },
    body: [
      {
        type: 'Container',
        style: style.adaptiveStyle,
        bleed: true,
        items: [
          { type: 'TextBlock', text: message.title, weight: 'Bolder', size: 'Medium', wrap: true },
          { type: 'TextBlock', text: `${context.repository} · ${style.label}`, isSubtle: true, spacing: 'None', wrap: true }
        ]
      },
      { type: 'TextBlock', text: message.text, wrap: true },
      {
        type: 'FactSet',
        facts: deploymentFacts(context).map((fact) => ({ title: fact.label, value: fact.url ? markdownLink(fact.value, fact.url) : fact.value }))
      }
    ],
    actions: deploymentLinks(context).map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url }))
  }
}

export function buildTeamsMessage(context: DeploymentContext, message: NotificationMessage): TeamsMessage {
  const body: TeamsMessage = {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: buildAdaptiveCard(context, message) }]
  }
  const size = Buffer.byteLength(JSON.stringify(body))
  if (size > TEAMS_MAX_BYTES) throw new Error(`the Teams card is ${size} bytes, over the 28 KB Teams accepts; shorten the message`)
  return body
}
