import { InputError } from '../../../packages/core/input-error.js'
import { parseBoolean, parseDuration, parseEnum, parseKeyValueMap, parseList, parseNumber, parseSingleLine, parseUrl } from '../../../packages/core/parsers.js'
import {
  CHANNELS,
  type Channel,
  type ChannelConfig,
  type DeliveryPolicy,
  type EmailConfig,
  type GitHubConfig,
  type GitHubDeploymentMode,
  type SlackConfig,
  type SmtpSecurity
} from '../../../packages/providers/notifier/types.js'
import type { DeployStatus } from '../../../packages/providers/notifier/notification-content.js'
import { eventPullRequest, eventSha } from './context.js'
import { parseSlackPayload, type PayloadInput, type SlackPayload } from './slack-payload.js'
import { resolveStatus, unexpanded } from './status.js'
import { checkTemplate } from './template.js'

/**
 * Turns the raw inputs (already masked where secret) into one validated object. Pure: every
 * problem is an InputError naming the input, raised before anything is sent.
 */

export const INPUT_NAMES = [
  'channels',
  'status',
  'job-status',
  'environment',
  'service',
  'environment-url',
  'version',
  'sha',
  'started-at',
  'message',
  'outputs',
  'slack-webhook-url',
  'slack-token',
  'slack-channel',
  'slack-ts',
  'thread-ts',
  'slack-api-url',
  'payload',
  'payload-file',
  'teams-webhook-url',
  'discord-webhook-url',
  'webhook-url',
  'webhook-secret',
  'smtp-host',
  'smtp-port',
  'smtp-security',
  'smtp-username',
  'smtp-password',
  'email-from',
  'email-to',
  'email-subject',
  'github-token',
  'github-deployment',
  'github-deployment-id',
  'github-commit-status',
  'github-pr-comment',
  'fail-on-error',
  'attempts',
  'timeout'
] as const

export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Record<InputName, string>

export const SECRET_INPUTS: readonly InputName[] = [
  'slack-webhook-url',
  'slack-token',
  'teams-webhook-url',
  'discord-webhook-url',
  'webhook-url',
  'webhook-secret',
  'smtp-password',
  'github-token'
]

export interface NotifyInputs {
  channels: Channel[]
  status: DeployStatus
  environment: string
  service?: string
  environmentUrl?: string
  version?: string
  sha?: string
  startedAtMs?: number
  template?: string
  emailSubjectTemplate?: string
  outputs: Record<string, string>
  /** The team's own Slack message, rendered into the Slack config just before sending. */
  slackPayload?: { input: PayloadInput; payload: SlackPayload }
  configs: ChannelConfig[]
  failOnError: boolean
  policy: DeliveryPolicy
}

export function parseChannels(raw: string): Channel[] {
  const names = parseList(raw.toLowerCase())
  if (names.length === 0) throw new InputError('channels', 'is empty', `one or more of ${CHANNELS.join(', ')}`)
  for (const name of names) {
    if (!(CHANNELS as readonly string[]).includes(name)) throw new InputError('channels', `has "${name}", which is not a channel`, `one or more of ${CHANNELS.join(', ')}`)
  }
  return [...new Set(names)] as Channel[]
}

/** `outputs`: a JSON object, or key=value lines. Values become strings. */
export function parseOutputs(raw: string): Record<string, string> {
  const text = raw.trim()
  if (text === '') return {}
  if (text.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new InputError('outputs', 'starts with "{" but is not valid JSON', 'a JSON object such as {"image":"…"} or key=value lines')
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new InputError('outputs', 'is not a JSON object', 'a JSON object or key=value lines')
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]))
  }
  return parseKeyValueMap('outputs', text)
}

/** `started-at`: unix seconds, unix milliseconds or an ISO 8601 time; must not be in the future. */
export function parseStartedAt(raw: string, nowMs: number): number | undefined {
  const text = raw.trim()
  if (text === '') return undefined
  let ms: number
  if (/^\d{1,11}(\.\d+)?$/.test(text)) ms = Math.round(Number(text) * 1000)
  else if (/^\d{12,}$/.test(text)) ms = Number(text)
  else ms = Date.parse(text)
  if (!Number.isFinite(ms)) throw new InputError('started-at', `is "${text}", which is not a time`, 'unix seconds (date +%s) or an ISO 8601 time')
  if (ms > nowMs + 60_000) throw new InputError('started-at', `is "${text}", which is in the future`, 'the time the deployment began')
  return ms
}

const EMAIL = /^(?:[^<>@\s][^<>]*<)?[^\s@<>",]+@[^\s@<>",]+\.?[^\s@<>",]*>?$/

export function parseAddresses(name: string, raw: string): string[] {
  const list = parseList(raw)
  for (const address of list) {
    parseSingleLine(name, address)
    if (!EMAIL.test(address) || address.includes('<') !== address.endsWith('>')) {
      throw new InputError(name, `has "${address}", which is not an email address`, 'addresses such as ops@example.com or "Ops <ops@example.com>"')
    }
  }
  return list
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A webhook URL. Slack, Teams and Discord URLs carry their credential in the URL, so they must be
 * https (plain http only to a relay on the runner itself); the generic webhook may be http.
 */
function webhookUrl(name: InputName, raw: string, channel: Channel, httpsOnly = true): string {
  if (raw.trim() === '') throw new InputError(name, `is required when channels includes ${channel}`, 'the webhook URL (from a secret)')
  const url = parseUrl(name, raw, ['https:', 'http:'])
  if (httpsOnly && url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new InputError(name, 'uses plain http, which would send its secret in the clear', 'an https:// URL')
  }
  // The URL as given (not re-serialised), so it stays exactly the string that was masked.
  return raw.trim()
}

function optional(raw: string): string | undefined {
  const value = raw.trim()
  return value === '' ? undefined : value
}

/** A one-line input (a name, an id, a token): refused, naming the input, when it holds a control character. */
function singleLine(name: InputName, raw: string): string | undefined {
  const value = parseSingleLine(name, raw)
  return value === '' ? undefined : value
}

const SERVICE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/

/** `service`: shown in titles, the deployment's task and the PR comment's marker, so it is kept to a plain name. */
export function parseService(raw: string): string | undefined {
  const value = singleLine('service', raw)
  if (value === undefined) return undefined
  if (!SERVICE.test(value))
    throw new InputError('service', `is "${value}", which is not a service name`, 'letters, digits and . _ / - (at most 100, starting with a letter or digit), such as backend')
  return value
}

function slackConfig(raw: RawInputs): SlackConfig {
  const webhook = optional(raw['slack-webhook-url'])
  const token = singleLine('slack-token', raw['slack-token'])
  if (webhook && token) throw new InputError('slack-token', 'cannot be combined with "slack-webhook-url"', 'either an incoming webhook URL or a bot token')
  if (!webhook && !token) throw new InputError('slack-webhook-url', 'is missing (and so is "slack-token")', 'an incoming webhook URL, or slack-token with slack-channel')
  const ts = singleLine('slack-ts', raw['slack-ts'])
  const threadTs = singleLine('thread-ts', raw['thread-ts'])
  const apiUrl = parseUrl('slack-api-url', raw['slack-api-url'] || 'https://slack.com/api/').toString()
  const tsPattern = /^\d+\.\d+$/
  if (ts && !tsPattern.test(ts)) throw new InputError('slack-ts', `is "${ts}", which is not a Slack message ts`, 'the slack-ts output of an earlier step, such as 1700000000.000100')
  if (threadTs && !tsPattern.test(threadTs))
    throw new InputError('thread-ts', `is "${threadTs}", which is not a Slack message ts`, 'the ts of the thread’s parent message, such as 1700000000.000100')
  if (webhook) {
    if (ts) throw new InputError('slack-ts', 'needs "slack-token" (an incoming webhook cannot update a message)', 'slack-token and slack-channel')
    if (threadTs) throw new InputError('thread-ts', 'needs "slack-token" (thread replies are posted with chat.postMessage)', 'slack-token and slack-channel')
    return { channel: 'slack', webhookUrl: webhookUrl('slack-webhook-url', webhook, 'slack'), apiUrl }
  }
  const slackChannel = singleLine('slack-channel', raw['slack-channel'])
  if (!slackChannel) throw new InputError('slack-channel', 'is required with "slack-token"', 'a channel ID such as C0123ABCD (or the slack-channel output of an earlier step)')
  return { channel: 'slack', token, slackChannel, ...(ts ? { ts } : {}), ...(threadTs ? { threadTs } : {}), apiUrl }
}

function emailConfig(raw: RawInputs): EmailConfig {
  const host = singleLine('smtp-host', raw['smtp-host'])
  if (!host) throw new InputError('smtp-host', 'is required when channels includes email', 'the SMTP server’s host name')
  const to = parseAddresses('email-to', raw['email-to'])
  if (to.length === 0) throw new InputError('email-to', 'has no recipients', 'one or more addresses, comma- or newline-separated')
  const from = singleLine('email-from', raw['email-from'])
  if (!from) throw new InputError('email-from', 'is required when channels includes email', 'a sender address such as "Deploys <deploys@example.com>"')
  parseAddresses('email-from', from)
  const username = singleLine('smtp-username', raw['smtp-username'])
  // Checked, not trimmed: a password's own spaces are part of it.
  parseSingleLine('smtp-password', raw['smtp-password'])
  const password = raw['smtp-password'] === '' ? undefined : raw['smtp-password']
  if (password !== undefined && !username) throw new InputError('smtp-username', 'is empty but "smtp-password" is set', 'the SMTP user name')
  const security = parseEnum<SmtpSecurity>('smtp-security', raw['smtp-security'], ['starttls', 'tls', 'none'], 'starttls')
  return {
    channel: 'email',
    host,
    port: parseNumber('smtp-port', raw['smtp-port'], security === 'tls' ? 465 : 587, { min: 1, max: 65535, integer: true }),
    security,
    ...(username ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
    from,
    to
  }
}

function githubConfig(raw: RawInputs, repository: string, event: unknown): GitHubConfig {
  const token = unexpanded(raw['github-token']) ? '' : parseSingleLine('github-token', raw['github-token'])
  if (token === '') throw new InputError('github-token', 'is empty', 'a token with deployments, statuses and pull-requests write access (github-token: ${{ github.token }})')
  const deployment = parseEnum<GitHubDeploymentMode>('github-deployment', raw['github-deployment'], ['auto', 'create', 'update', 'off'], 'auto')
  const idRaw = optional(raw['github-deployment-id'])
  const deploymentId = idRaw === undefined ? undefined : parseNumber('github-deployment-id', idRaw, undefined, { min: 1, integer: true })
  if (deploymentId !== undefined && deployment === 'off') throw new InputError('github-deployment-id', 'is set but "github-deployment" is off', 'github-deployment: update (or auto)')
  const comment = (raw['github-pr-comment'].trim() || 'auto').toLowerCase()
  let pullRequest: number | undefined
  if (comment === 'auto') pullRequest = eventPullRequest(event)
  else if (comment !== 'off') pullRequest = parseNumber('github-pr-comment', comment, undefined, { min: 1, integer: true })
  if (!/^[^/\s]+\/[^/\s]+$/.test(repository)) throw new InputError('github-token', 'cannot be used without GITHUB_REPOSITORY (owner/name)', 'a run on GitHub Actions')
  return {
    channel: 'github',
    token,
    repository,
    deployment,
    ...(deploymentId !== undefined ? { deploymentId } : {}),
    commitStatus: parseBoolean('github-commit-status', raw['github-commit-status'], true),
    ...(pullRequest !== undefined ? { pullRequest } : {})
  }
}

/** What inputs.ts read from disk for the pure parser: the payload file's text, and the YAML parser when a document needs one. */
export interface ReadFiles {
  payloadFile?: string
  parseYaml?: (text: string) => unknown
}

/** Whether the Slack payload text needs the YAML parser (loaded only then). */
export function payloadNeedsYaml(text: string | undefined): boolean {
  return text !== undefined && text.trim() !== '' && !/^[{[]/.test(text.trim())
}

function slackPayload(raw: RawInputs, channels: readonly Channel[], outputNames: readonly string[], files: ReadFiles): NotifyInputs['slackPayload'] {
  const inline = raw.payload.trim() === '' ? undefined : raw.payload
  const path = singleLine('payload-file', raw['payload-file'])
  if (inline !== undefined && path !== undefined) throw new InputError('payload-file', 'cannot be combined with "payload"', 'either an inline payload or a file')
  const input: PayloadInput | undefined = inline !== undefined ? 'payload' : path !== undefined ? 'payload-file' : undefined
  if (input === undefined) return undefined
  if (!channels.includes('slack')) throw new InputError(input, 'is set but channels does not include slack', 'channels: slack (the payload is a Slack message), or no payload')
  const text = input === 'payload' ? (inline as string) : (files.payloadFile ?? '')
  return { input, payload: parseSlackPayload(input, text, outputNames, files.parseYaml) }
}

export function parseNotifyInputs(raw: RawInputs, env: { GITHUB_REPOSITORY?: string }, event: unknown, nowMs: number, files: ReadFiles = {}): NotifyInputs {
  const channels = parseChannels(raw.channels)
  const status = resolveStatus(raw.status, raw['job-status'])
  const environment = parseSingleLine('environment', raw.environment)
  if (environment === '') throw new InputError('environment', 'is empty', 'the name of the environment deployed to, such as production')
  const service = parseService(raw.service)
  const environmentUrl = optional(raw['environment-url'])
  if (environmentUrl) parseUrl('environment-url', environmentUrl)
  const outputs = parseOutputs(raw.outputs)
  const template = raw.message.trim() === '' ? undefined : raw.message
  if (template) checkTemplate('message', template, Object.keys(outputs))
  const emailSubjectTemplate = singleLine('email-subject', raw['email-subject'])
  if (emailSubjectTemplate) checkTemplate('email-subject', emailSubjectTemplate, Object.keys(outputs))
  const configs: ChannelConfig[] = channels.map((channel): ChannelConfig => {
    switch (channel) {
      case 'slack':
        return slackConfig(raw)
      case 'teams':
        return { channel, webhookUrl: webhookUrl('teams-webhook-url', raw['teams-webhook-url'], channel) }
      case 'discord':
        return { channel, webhookUrl: webhookUrl('discord-webhook-url', raw['discord-webhook-url'], channel) }
      case 'webhook':
        return { channel, url: webhookUrl('webhook-url', raw['webhook-url'], channel, false), ...(raw['webhook-secret'] !== '' ? { secret: raw['webhook-secret'] } : {}) }
      case 'email':
        return emailConfig(raw)
      case 'github':
        return githubConfig(raw, env.GITHUB_REPOSITORY ?? '', event)
    }
  })
  const payload = slackPayload(raw, channels, Object.keys(outputs), files)
  const version = singleLine('version', raw.version)
  const sha = singleLine('sha', raw.sha) ?? eventSha(event)
  const startedAtMs = parseStartedAt(raw['started-at'], nowMs)
  return {
    channels,
    status,
    environment,
    ...(service ? { service } : {}),
    ...(environmentUrl ? { environmentUrl } : {}),
    ...(version ? { version } : {}),
    ...(sha ? { sha } : {}),
    ...(startedAtMs !== undefined ? { startedAtMs } : {}),
    ...(template ? { template } : {}),
    ...(emailSubjectTemplate ? { emailSubjectTemplate } : {}),
    outputs,
    ...(payload ? { slackPayload: payload } : {}),
    configs,
    failOnError: parseBoolean('fail-on-error', raw['fail-on-error'], false),
    policy: {
      attempts: parseNumber('attempts', raw.attempts, 4, { min: 1, max: 10, integer: true }),
      baseDelayMs: 500,
      timeoutMs: parseDuration('timeout', raw.timeout, 30_000)
    }
  }
}
