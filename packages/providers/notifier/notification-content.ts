/**
 * What a deployment notification says, independent of where it goes: the deployment context,
 * each status's label, emoji and colour, and the facts every channel shows. Pure: imports
 * nothing, so every payload builder (Slack, Teams, Discord, webhook, email, GitHub) draws on the
 * same words and is tested with tables.
 */

export const DEPLOY_STATUSES = ['started', 'success', 'failure', 'cancelled', 'rolled_back'] as const
export type DeployStatus = (typeof DEPLOY_STATUSES)[number]

export interface DeploymentContext {
  status: DeployStatus
  environment: string
  /** The service deployed, when one repository deploys several (backend, frontend…); titles name it instead of the repository. */
  service?: string
  environmentUrl?: string
  version?: string
  actor: string
  /** owner/name */
  repository: string
  sha: string
  ref?: string
  serverUrl: string
  runUrl: string
  workflow?: string
  runId?: string
  runNumber?: string
  durationMs?: number
  /** Values passed in through the `outputs` input, for templates and the webhook body. */
  outputs: Record<string, string>
}

/** The rendered words of one notification, shared by every channel. */
export interface NotificationMessage {
  /** One line: emoji, status and where, e.g. "✅ shop v1.4.2 is live on production". */
  title: string
  /** The message body (the user's template rendered, or the status's default text). */
  text: string
}

export interface StatusStyle {
  label: string
  /** Slack emoji shortcode. */
  slackEmoji: string
  /** The same emoji as a Unicode character (Teams, Discord, email, GitHub). */
  emoji: string
  /** #RRGGBB */
  hex: string
  /** Adaptive Card container style / TextBlock colour. */
  adaptiveStyle: 'good' | 'attention' | 'warning' | 'accent'
  adaptiveColor: 'good' | 'attention' | 'warning' | 'accent'
}

const STYLES: Record<DeployStatus, StatusStyle> = {
  started: { label: 'Started', slackEmoji: ':rocket:', emoji: '🚀', hex: '#1D9BD1', adaptiveStyle: 'accent', adaptiveColor: 'accent' },
  success: { label: 'Succeeded', slackEmoji: ':white_check_mark:', emoji: '✅', hex: '#2EB67D', adaptiveStyle: 'good', adaptiveColor: 'good' },
  failure: { label: 'Failed', slackEmoji: ':x:', emoji: '❌', hex: '#E01E5A', adaptiveStyle: 'attention', adaptiveColor: 'attention' },
  cancelled: { label: 'Cancelled', slackEmoji: ':no_entry_sign:', emoji: '🚫', hex: '#9E9E9E', adaptiveStyle: 'warning', adaptiveColor: 'warning' },
  rolled_back: { label: 'Rolled back', slackEmoji: ':rewind:', emoji: '⏪', hex: '#ECB22E', adaptiveStyle: 'warning', adaptiveColor: 'warning' }
}

export function statusStyle(status: DeployStatus): StatusStyle {
  return STYLES[status]
}

/** Colour as the integer Discord embeds take. */
export function colorInt(hex: string): number {
  return Number.parseInt(hex.replace('#', ''), 16)
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7)
}

export function repositoryName(repository: string): string {
  return repository.split('/').pop() ?? repository
}

export function commitUrl(context: DeploymentContext): string {
  return `${context.serverUrl}/${context.repository}/commit/${context.sha}`
}

/** "shop v1.4.2" or "shop" when no version is known; the service's name instead of the repository's when given. */
export function subject(context: DeploymentContext): string {
  const name = context.service ?? repositoryName(context.repository)
  return context.version ? `${name} ${context.version}` : name
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`
}

/** The default title line per status. */
export function defaultTitle(context: DeploymentContext): string {
  const what = subject(context)
  const where = context.environment
  const phrase: Record<DeployStatus, string> = {
    started: `Deploying ${what} to ${where}`,
    success: `${what} is live on ${where}`,
    failure: `Deployment of ${what} to ${where} failed`,
    cancelled: `Deployment of ${what} to ${where} was cancelled`,
    rolled_back: `${where} rolled back from ${what}`
  }
  return `${statusStyle(context.status).emoji} ${phrase[context.status]}`
}

/** A title without its leading status emoji (defaultTitle puts the emoji first, then a space). */
export function titleWithoutEmoji(title: string): string {
  return title.replace(/^\S+\s/, '')
}

/** The default body per status, used when no `message` template is given. */
export function defaultText(context: DeploymentContext): string {
  const what = subject(context)
  const by = `by ${context.actor}`
  const took = context.durationMs !== undefined ? ` in ${formatDuration(context.durationMs)}` : ''
  switch (context.status) {
    case 'started':
      return `Deployment of ${what} to ${context.environment} started ${by}.`
    case 'success':
      return `${what} was deployed to ${context.environment} ${by}${took}.`
    case 'failure':
      return `Deployment of ${what} to ${context.environment} ${by} failed${took}. See the run for details.`
    case 'cancelled':
      return `Deployment of ${what} to ${context.environment} ${by} was cancelled${took}.`
    case 'rolled_back':
      return `Deployment of ${what} to ${context.environment} ${by} was rolled back${took}; the previous version is serving.`
  }
}

export interface Fact {
  label: string
  value: string
  url?: string
}

/** The facts every channel shows, in order; absent values are left out. */
export function deploymentFacts(context: DeploymentContext): Fact[] {
  const facts: Fact[] = [
    { label: 'Status', value: statusStyle(context.status).label },
    { label: 'Environment', value: context.environment, ...(context.environmentUrl ? { url: context.environmentUrl } : {}) }
  ]
  if (context.service) facts.push({ label: 'Service', value: context.service })
  if (context.version) facts.push({ label: 'Version', value: context.version })
  facts.push({ label: 'Actor', value: context.actor })
  facts.push({ label: 'Commit', value: shortSha(context.sha), url: commitUrl(context) })
  if (context.durationMs !== undefined) facts.push({ label: 'Duration', value: formatDuration(context.durationMs) })
  return facts
}

export interface Link {
  label: string
  url: string
}

/** Buttons: the workflow run and, when known, the environment. */
export function deploymentLinks(context: DeploymentContext): Link[] {
  const links: Link[] = [{ label: 'View run', url: context.runUrl }]
  if (context.environmentUrl) links.push({ label: `Open ${context.environment}`, url: context.environmentUrl })
  return links
}

/** Cuts text to at most `max` characters (code points), marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = [...text]
  if (chars.length <= max) return text
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`
}
