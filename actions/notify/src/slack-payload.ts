import { InputError } from '../../../packages/core/input-error.js'
import { statusStyle, type DeploymentContext, type NotificationMessage } from '../../../packages/providers/notifier/notification-content.js'
import { slackMessageProblems, type SlackMessage } from '../../../packages/providers/notifier/slack/slack-message.js'
import { PAYLOAD_PLACEHOLDERS, checkTemplate, placeholdersIn, renderTemplate } from './template.js'

/**
 * A team's own Slack message (`payload` or `payload-file`), as with slackapi/slack-github-action:
 * a JSON or YAML object with the arguments of chat.postMessage (`text`, `blocks`, `attachments`,
 * `username`, `icon_emoji`…) or an incoming webhook's body. Every string in it may use this
 * action's placeholders plus {{title}}, {{text}}, {{color}}, {{emoji}} and {{slack_emoji}}. Pure:
 * the document is parsed and checked when the inputs are read, rendered just before sending.
 */

export type PayloadInput = 'payload' | 'payload-file'
export type SlackPayload = Record<string, unknown>

const EXPECTED = 'a JSON or YAML object with text, blocks or attachments (the arguments of chat.postMessage)'

/** Parses the document (JSON, or YAML through the injected parser) and checks its shape and placeholders. */
export function parseSlackPayload(input: PayloadInput, text: string, outputNames: readonly string[], parseYaml?: (text: string) => unknown): SlackPayload {
  const source = text.trim()
  if (source === '') throw new InputError(input, 'is empty', EXPECTED)
  let document: unknown
  try {
    document = /^[{[]/.test(source) || !parseYaml ? JSON.parse(source) : parseYaml(source)
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new InputError(input, `is not valid ${/^[{[]/.test(source) || !parseYaml ? 'JSON' : 'YAML'} (${why})`, EXPECTED)
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) throw new InputError(input, 'is not an object', EXPECTED)
  const payload = document as SlackPayload
  if (payload.text === undefined && payload.blocks === undefined && payload.attachments === undefined) throw new InputError(input, 'has none of text, blocks and attachments', EXPECTED)
  if (payload.blocks !== undefined && !Array.isArray(payload.blocks)) throw new InputError(input, 'has "blocks" that is not a list', 'blocks: a list of Block Kit blocks')
  if (payload.attachments !== undefined && !Array.isArray(payload.attachments)) throw new InputError(input, 'has "attachments" that is not a list', 'attachments: a list of attachments')
  for (const value of strings(payload)) checkTemplate(input, value, outputNames, PAYLOAD_PLACEHOLDERS)
  return payload
}

/** Every string value in the document, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return placeholdersIn(value).length > 0 ? [value] : []
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

function render(value: unknown, fill: (text: string) => string): unknown {
  if (typeof value === 'string') return fill(value)
  if (Array.isArray(value)) return value.map((v) => render(v, fill))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v, fill)]))
  return value
}

/**
 * Fills the placeholders (string values only, so no value can break the document's structure)
 * and checks the result against Slack's Block Kit limits; an InputError naming the input when it
 * breaks them, raised before any channel sends.
 */
export function renderSlackPayload(input: PayloadInput, payload: SlackPayload, context: DeploymentContext, message: NotificationMessage): SlackPayload {
  const style = statusStyle(context.status)
  const extra = { title: message.title, text: message.text, color: style.hex, emoji: style.emoji, slack_emoji: style.slackEmoji }
  const rendered = render(payload, (text) => renderTemplate(text, context, extra)) as SlackPayload
  let problems: string[]
  try {
    problems = slackMessageProblems({
      text: typeof rendered.text === 'string' ? rendered.text : '',
      blocks: (rendered.blocks ?? []) as SlackMessage['blocks'],
      attachments: (rendered.attachments ?? []) as SlackMessage['attachments']
    })
  } catch {
    problems = ['a block is missing a required field (such as the text of a header or section)']
  }
  if (problems.length > 0)
    throw new InputError(input, `breaks Slack's Block Kit limits: ${problems.slice(0, 3).join('; ')}`, 'a message within https://docs.slack.dev/reference/block-kit limits')
  return rendered
}
