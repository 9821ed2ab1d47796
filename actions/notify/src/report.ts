import { markdownTable } from '../../../packages/core/markdown.js'
import { redact } from '../../../packages/core/redact.js'
import type { Channel } from '../../../packages/providers/notifier/types.js'
import { statusStyle, subject, type DeploymentContext } from '../../../packages/providers/notifier/notification-content.js'

/** Pure: what each channel did, as outputs and as the job summary. */

export interface ChannelResult {
  channel: Channel
  delivered: boolean
  /** What was done, or why not; free of secrets. */
  detail: string
  outputs: Record<string, string>
}

const CHANNEL_LABEL: Record<Channel, string> = { slack: 'Slack', teams: 'Microsoft Teams', discord: 'Discord', webhook: 'Webhook', email: 'Email', github: 'GitHub' }

export function deliveredMap(results: readonly ChannelResult[]): Record<string, boolean> {
  return Object.fromEntries(results.map((r) => [r.channel, r.delivered]))
}

/** Step outputs: `delivered` (JSON map), `status`, `time` (unix seconds the step completed), and every channel's own outputs. */
export function stepOutputs(results: readonly ChannelResult[], context: DeploymentContext, nowMs: number): Record<string, string> {
  const outputs: Record<string, string> = { delivered: JSON.stringify(deliveredMap(results)), status: context.status, time: String(Math.floor(nowMs / 1000)) }
  for (const result of results) Object.assign(outputs, result.outputs)
  return outputs
}

export function summaryMarkdown(results: readonly ChannelResult[], context: DeploymentContext, secrets: Iterable<string>): string {
  const style = statusStyle(context.status)
  const rows = results.map((r) => [CHANNEL_LABEL[r.channel], r.delivered ? '✅ delivered' : '⚠️ not delivered', r.detail])
  return redact(
    [`### ${style.emoji} Notify: ${subject(context)} → ${context.environment} (${style.label})`, '', markdownTable(['channel', 'result', 'detail'], rows), ''].join('\n'),
    secrets
  )
}
