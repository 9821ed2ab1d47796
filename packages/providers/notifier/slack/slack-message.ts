import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, MessageAttachment, SectionBlock } from '@slack/types'
import type { CallFailure } from '../delivery-retry.js'
import { deploymentFacts, deploymentLinks, statusStyle, titleWithoutEmoji, truncate, type DeploymentContext, type NotificationMessage } from '../notification-content.js'

/**
 * Pure Block Kit builder for a deployment message, and a validator for the limits Slack
 * documents (a message over them is rejected with `invalid_blocks`, so we check before sending):
 * at most 50 blocks, header plain_text ≤ 150 characters, section text ≤ 3000, at most 10 section
 * fields of ≤ 2000, at most 25 elements in an actions block (button text ≤ 75, URL ≤ 3000), at
 * most 10 context elements, block_id ≤ 255.
 *
 * Layout: top-level `text` (the fallback shown in notifications), `blocks` with a header (emoji +
 * title) and the message, and one attachment whose `color` is the status colour holding the
 * facts (environment, version, actor, commit linked, duration), the buttons (run, environment)
 * and a context line.
 */

export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonUrl: 3000,
  contextElements: 10,
  blockId: 255,
  fallbackText: 40_000
} as const

export interface SlackMessage {
  text: string
  blocks: KnownBlock[]
  attachments: MessageAttachment[]
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function link(url: string, label: string): string {
  return `<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`
}

export function buildSlackMessage(context: DeploymentContext, message: NotificationMessage): SlackMessage {
  const style = statusStyle(context.status)
  // The title begins with the status's Unicode emoji; Slack's own shortcode renders the same.
  const headerTitle = `${style.slackEmoji} ${titleWithoutEmoji(message.title)}`
  const header: HeaderBlock = { type: 'header', text: { type: 'plain_text', text: truncate(headerTitle, SLACK_LIMITS.headerText), emoji: true } }
  const body: SectionBlock = { type: 'section', text: { type: 'mrkdwn', text: truncate(message.text, SLACK_LIMITS.sectionText) } }
  const fields: SectionBlock = {
    type: 'section',
    fields: deploymentFacts(context)
      .slice(0, SLACK_LIMITS.sectionFields)
      .map((fact) => ({ type: 'mrkdwn' as const, text: truncate(`*${fact.label}*\n${fact.url ? link(fact.url, fact.value) : escapeMrkdwn(fact.value)}`, SLACK_LIMITS.fieldText) }))
  }
  const actions: ActionsBlock = {
    type: 'actions',
    elements: deploymentLinks(context).map((l, index) => ({
      type: 'button' as const,
      action_id: `deploy-actions-link-${index}`,
      text: { type: 'plain_text' as const, text: truncate(l.label, SLACK_LIMITS.buttonText), emoji: true },
      url: l.url
    }))
  }
  const contextLine: ContextBlock = {
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text: escapeMrkdwn([context.repository, context.workflow && `${context.workflow}${context.runNumber ? ` #${context.runNumber}` : ''}`, context.ref].filter(Boolean).join(' · '))
      }
    ]
  }
  return {
    text: truncate(message.title, SLACK_LIMITS.fallbackText),
    blocks: [header, body],
    attachments: [{ color: style.hex, fallback: message.title, blocks: [fields, actions, contextLine] }]
  }
}

/** Problems against Slack's documented limits; empty when the message may be sent. */
export function slackMessageProblems(message: SlackMessage): string[] {
  const problems: string[] = []
  const groups: [string, readonly KnownBlock[]][] = [
    ['blocks', message.blocks],
    ...message.attachments.map((a, i): [string, readonly KnownBlock[]] => [`attachments[${i}].blocks`, (a.blocks ?? []) as KnownBlock[]])
  ]
  for (const [where, blocks] of groups) {
    if (blocks.length > SLACK_LIMITS.blocks) problems.push(`${where} has ${blocks.length} blocks (at most ${SLACK_LIMITS.blocks})`)
    blocks.forEach((block, i) => problems.push(...blockProblems(block, `${where}[${i}]`)))
  }
  if (message.text.length > SLACK_LIMITS.fallbackText) problems.push(`text has ${message.text.length} characters (at most ${SLACK_LIMITS.fallbackText})`)
  return problems
}

function blockProblems(block: KnownBlock, where: string): string[] {
  const problems: string[] = []
  const over = (what: string, length: number, max: number): void => {
    if (length > max) problems.push(`${where}.${what} has ${length} characters (at most ${max})`)
  }
  if (block.block_id !== undefined) over('block_id', block.block_id.length, SLACK_LIMITS.blockId)
  switch (block.type) {
    case 'header':
      if (block.text.type !== 'plain_text') problems.push(`${where}.text must be plain_text`)
      over('text', block.text.text.length, SLACK_LIMITS.headerText)
      break
    case 'section':
      if (!block.text && !block.fields) problems.push(`${where} needs text or fields`)
      if (block.text) over('text', block.text.text.length, SLACK_LIMITS.sectionText)
      if (block.fields) {
        if (block.fields.length > SLACK_LIMITS.sectionFields) problems.push(`${where}.fields has ${block.fields.length} fields (at most ${SLACK_LIMITS.sectionFields})`)
        block.fields.forEach((field, i) => over(`fields[${i}]`, field.text.length, SLACK_LIMITS.fieldText))
      }
      break
    case 'actions':
      if (block.elements.length > SLACK_LIMITS.actionsElements) problems.push(`${where}.elements has ${block.elements.length} elements (at most ${SLACK_LIMITS.actionsElements})`)
      block.elements.forEach((element, i) => {
        if (element.type !== 'button') return
        over(`elements[${i}].text`, element.text.text.length, SLACK_LIMITS.buttonText)
        if (element.url !== undefined) over(`elements[${i}].url`, element.url.length, SLACK_LIMITS.buttonUrl)
      })
      break
    case 'context':
      if (block.elements.length > SLACK_LIMITS.contextElements) problems.push(`${where}.elements has ${block.elements.length} elements (at most ${SLACK_LIMITS.contextElements})`)
      break
    default:
      break
  }
  return problems
}

/** The message, or an error listing what breaks Slack's limits. */
export function validSlackMessage(message: SlackMessage): SlackMessage {
  const problems = slackMessageProblems(message)
  if (problems.length > 0) throw new Error(`the Slack message breaks Block Kit limits: ${problems.join('; ')}`)
  return message
}

const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'])

/**
 * Maps an error thrown by @slack/web-api (recognised by its documented `code`, so this file
 * needs no SDK import) to a message naming the method, never the token.
 */
export function mapSlackApiError(error: unknown, method: string): CallFailure {
  const e = error as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; original?: Error; message?: string }
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return { message: `Slack ${method} was rate limited (Retry-After ${e.retryAfter} s)`, retryable: true, retryAfterMs: (e.retryAfter ?? 1) * 1000 }
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error'
      return { message: `Slack ${method} answered error "${code}"${hint(code)}`, retryable: RETRYABLE_PLATFORM_ERRORS.has(code) }
    }
    case 'slack_webapi_http_error':
      return { message: `Slack ${method} answered HTTP ${e.statusCode}`, retryable: (e.statusCode ?? 0) >= 500 || e.statusCode === 408 }
    case 'slack_webapi_request_error': {
      const cause = (e.original as { cause?: { code?: string } } | undefined)?.cause?.code
      return { message: `Slack ${method} could not be reached: ${e.original?.message ?? 'request failed'}${cause ? ` (${cause})` : ''}`, retryable: true }
    }
    default:
      return { message: `Slack ${method} failed: ${e?.message ?? String(error)}`, retryable: false }
  }
}

function hint(code: string): string {
  switch (code) {
    case 'channel_not_found':
      return ' — check slack-channel (a channel ID such as C0123ABCD) and that the bot is a member'
    case 'not_in_channel':
      return ' — invite the bot to the channel'
    case 'invalid_auth':
    case 'not_authed':
    case 'token_revoked':
      return ' — check slack-token'
    case 'message_not_found':
    case 'cant_update_message':
      return ' — slack-ts must be the ts of a message this bot posted in slack-channel'
    case 'missing_scope':
      return ' — the bot needs the chat:write scope'
    case 'invalid_blocks':
      return ' — the message was rejected by Block Kit validation'
    default:
      return ''
  }
}
