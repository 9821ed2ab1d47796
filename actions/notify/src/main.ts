import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { redact } from '../../../packages/core/redact.js'
import { runAction } from '../../../packages/core/run-action.js'
import { knownSecrets } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { defaultText, defaultTitle, type DeploymentContext, type NotificationMessage } from '../../../packages/providers/notifier/notification-content.js'
import { createNotifier } from '../../../packages/providers/notifier/factory.js'
import { DeliveryError, type ChannelConfig, type NotifierDeps } from '../../../packages/providers/notifier/types.js'
import { buildContext } from './context.js'
import { getInputs } from './inputs.js'
import type { NotifyInputs } from './parse-inputs.js'
import { stepOutputs, summaryMarkdown, type ChannelResult } from './report.js'
import { renderSlackPayload } from './slack-payload.js'
import { renderTemplate } from './template.js'

export const run = (): Promise<void> =>
  runAction('notify', async () => {
    const inputs = await getInputs()
    const context = buildContext(inputs, process.env, Date.now())
    const message: NotificationMessage = {
      title: defaultTitle(context),
      text: inputs.template ? renderTemplate(inputs.template, context) : defaultText(context)
    }
    // Rendered (and checked against Slack's limits) for every channel before any channel sends.
    const configs = inputs.configs.map((config) => rendered(config, inputs, context, message))
    const deps: NotifierDeps = { policy: inputs.policy, logger: actionsLogger }
    core.info(`${message.title} — notifying ${inputs.channels.join(', ')}`)
    const results = await Promise.all(configs.map((config) => deliver(config, context, message, deps)))

    for (const [name, value] of Object.entries(stepOutputs(results, context, Date.now()))) core.setOutput(name, value)
    await writeSummary(summaryMarkdown(results, context, knownSecrets()))
    const failed = results.filter((r) => !r.delivered)
    if (failed.length > 0 && inputs.failOnError) {
      throw new Error(`${failed.length} of ${results.length} channel${results.length === 1 ? '' : 's'} not delivered: ${failed.map((r) => `${r.channel} (${r.detail})`).join('; ')}`)
    }
  })

/** The email subject and the team's Slack payload, filled from the context. */
function rendered(config: ChannelConfig, inputs: NotifyInputs, context: DeploymentContext, message: NotificationMessage): ChannelConfig {
  if (config.channel === 'email' && inputs.emailSubjectTemplate) return { ...config, subject: renderTemplate(inputs.emailSubjectTemplate, context) }
  if (config.channel === 'slack' && inputs.slackPayload) return { ...config, payload: renderSlackPayload(inputs.slackPayload.input, inputs.slackPayload.payload, context, message) }
  return config
}

/** One channel; a failure is a warning here (fail-on-error decides afterwards). */
async function deliver(config: ChannelConfig, context: DeploymentContext, message: NotificationMessage, deps: NotifierDeps): Promise<ChannelResult> {
  try {
    const notifier = await createNotifier(config, deps)
    const delivery = await notifier.send({ context, message })
    const detail = redact(delivery.detail, knownSecrets())
    core.info(`${config.channel}: ${detail}`)
    return { channel: config.channel, delivered: true, detail, outputs: delivery.outputs }
  } catch (error) {
    const reason = redact(error instanceof Error ? error.message : String(error), knownSecrets())
    core.warning(`notify: ${config.channel} not delivered: ${reason}`)
    return { channel: config.channel, delivered: false, detail: reason, outputs: error instanceof DeliveryError ? error.outputs : {} }
  }
}
