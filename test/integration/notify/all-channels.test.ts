import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction } from '../../support/runner.js'
import { startRecorder, type Recorder } from '../../support/fakes/http-recorder.js'
import { startFakeSlack, SLACK_CHANNEL_ID, SLACK_TOKEN, type FakeSlack } from '../../support/fakes/slack-api.js'
import { GITHUB_TOKEN, startFakeGitHub, type FakeGitHub } from '../../support/fakes/github-api.js'
import { startSmtp, type Smtp } from '../../support/services/smtp.js'
import { leakedSecrets } from './support.js'

// One step, six channels: Slack Web API and GitHub REST faked at HTTP level, Teams / Discord /
// webhook receivers and a real SMTP server, all on loopback.
describe('notify → all six channels from one step (Slack and GitHub faked at HTTP level, Teams/Discord/webhook receivers and SMTP real on loopback)', () => {
  let slack: FakeSlack
  let github: FakeGitHub
  let hooks: Recorder
  let smtp: Smtp
  beforeAll(async () => {
    ;[slack, github, hooks, smtp] = await Promise.all([
      startFakeSlack(),
      startFakeGitHub(),
      startRecorder((r) => ({ status: r.path.startsWith('/teams') ? 202 : 200, body: { id: '77' } })),
      startSmtp()
    ])
  })
  afterAll(async () => {
    await Promise.all([slack.stop(), github.stop(), hooks.stop(), smtp.stop()])
  })

  it('delivers to every channel, reports a line per channel and every channel’s outputs', async () => {
    const secrets = { webhook: 'whsec_all_channels_secret', teams: 'TeamsAllChannelsSig', discord: 'DiscordAllChannelsToken' }
    const result = await runAction({
      action: 'notify',
      inputs: {
        channels: 'slack\nteams\ndiscord\nwebhook\nemail\ngithub',
        status: 'success',
        environment: 'production',
        version: 'v9.9.9',
        'environment-url': 'https://shop.example.com',
        'slack-token': SLACK_TOKEN,
        'slack-channel': SLACK_CHANNEL_ID,
        'slack-api-url': slack.apiUrl,
        'teams-webhook-url': `${hooks.url}/teams?sig=${secrets.teams}`,
        'discord-webhook-url': `${hooks.url}/discord/api/webhooks/1/${secrets.discord}`,
        'webhook-url': `${hooks.url}/hook`,
        'webhook-secret': secrets.webhook,
        'smtp-host': smtp.host,
        'smtp-port': String(smtp.port),
        'smtp-security': 'none',
        'email-from': 'deploys@example.com',
        'email-to': 'ops@example.com',
        'github-token': GITHUB_TOKEN
      },
      env: { GITHUB_API_URL: github.url }
    })
    expect(result.errors).toEqual([])
    expect(result.warnings).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ slack: true, teams: true, discord: true, webhook: true, email: true, github: true })
    expect(result.outputs).toMatchObject({ status: 'success', 'slack-channel': SLACK_CHANNEL_ID, 'discord-message-id': '77', 'deployment-id': String(github.deployments[0].id) })
    expect(result.outputs['slack-ts']).toMatch(/^\d+\.\d+$/)
    expect(result.outputs['email-message-id']).toMatch(/^<.+>$/)
    expect(result.summary.split('\n').filter((line) => /^\| (Slack|Microsoft Teams|Discord|Webhook|Email|GitHub) \| ✅ delivered \|/.test(line))).toHaveLength(6)
    expect(hooks.requests.map((r) => r.path).sort()).toEqual(['/discord/api/webhooks/1/DiscordAllChannelsToken', '/hook', '/teams'])
    expect(smtp.messages).toHaveLength(1)
    expect(github.commitStatuses).toHaveLength(1)
    expect(leakedSecrets(result, [...Object.values(secrets), SLACK_TOKEN, GITHUB_TOKEN])).toEqual([])
    await cleanup(result)
  })
})
