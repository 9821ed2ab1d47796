import type { Channel, ChannelConfig, Notifier, NotifierDeps } from './types.js'

type Loaders = { [C in Channel]: (config: Extract<ChannelConfig, { channel: C }>, deps: NotifierDeps) => Promise<Notifier> }

/** One line per channel: its folder is loaded (with its SDK) only when chosen, so the action starts fast. */
const CHANNELS: Loaders = {
  slack: async (config, deps) => new (await import('./slack/slack-notifier.js')).SlackNotifier(config, deps),
  teams: async (config, deps) => new (await import('./teams/teams-notifier.js')).TeamsNotifier(config, deps),
  discord: async (config, deps) => new (await import('./discord/discord-notifier.js')).DiscordNotifier(config, deps),
  webhook: async (config, deps) => new (await import('./webhook/webhook-notifier.js')).WebhookNotifier(config, deps),
  email: async (config, deps) => new (await import('./email/email-notifier.js')).EmailNotifier(config, deps),
  github: async (config, deps) => new (await import('./github/github-notifier.js')).GitHubNotifier(config, deps)
}

export async function createNotifier(config: ChannelConfig, deps: NotifierDeps): Promise<Notifier> {
  // The record is keyed by channel, so the loader found takes this config's own variant.
  const load = CHANNELS[config.channel] as ((config: ChannelConfig, deps: NotifierDeps) => Promise<Notifier>) | undefined
  if (!load) throw new Error(`unknown notification channel "${String(config.channel)}"`)
  return load(config, deps)
}
