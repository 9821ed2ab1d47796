import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cleanup, runAction } from '../../support/runner.js'
import { startRecorder, type Recorder } from '../../support/fakes/http-recorder.js'
import { startSmtp, type Smtp } from '../../support/services/smtp.js'
import { leakedSecrets } from './support.js'

// Bad input fails before anything is sent: one ::error:: line naming the input, exit 1, no stack
// trace, and the receivers (an HTTP server and a real SMTP server on loopback) got nothing — even
// those of the channels whose own inputs were fine.
describe('notify rejects bad input before sending anything', () => {
  let receiver: Recorder
  let smtp: Smtp
  beforeAll(async () => {
    receiver = await startRecorder()
    smtp = await startSmtp()
  })
  afterAll(async () => {
    await receiver.stop()
    await smtp.stop()
  })

  const good = () => ({
    channels: 'webhook, email',
    environment: 'production',
    status: 'success',
    'webhook-url': `${receiver.url}/hooks/deploy`,
    'smtp-host': smtp.host,
    'smtp-port': String(smtp.port),
    'smtp-security': 'none',
    'email-from': 'deploys@example.com',
    'email-to': 'ops@example.com'
  })

  it.each([
    ['unknown channel', { channels: 'webhook, pager' }, 'Input "channels" has "pager", which is not a channel; expected one or more of slack, teams, discord, webhook, email, github.'],
    [
      'malformed webhook URL',
      { channels: 'webhook, teams', 'teams-webhook-url': 'prod-42.westus/workflows/sig=SuperSecretSig' },
      'Input "teams-webhook-url" is not a valid URL; expected an absolute URL (https:// or http://…).'
    ],
    [
      'webhook URL of the wrong scheme',
      { 'webhook-url': 'ftp://hooks.example.com/SuperSecretSig' },
      'Input "webhook-url" uses the ftp scheme; expected a URL starting with https:// or http://.'
    ],
    ['missing webhook URL', { channels: 'webhook, discord' }, 'Input "discord-webhook-url" is required when channels includes discord; expected the webhook URL (from a secret).'],
    ['email without recipients', { 'email-to': ' , ' }, 'Input "email-to" has no recipients; expected one or more addresses, comma- or newline-separated.'],
    [
      'email with a malformed recipient',
      { 'email-to': 'ops@example.com, not-an-address' },
      'Input "email-to" has "not-an-address", which is not an email address; expected addresses such as ops@example.com or "Ops <ops@example.com>".'
    ],
    [
      'invalid template placeholder',
      { message: 'Deployed {{verison}} to {{environment}}' },
      'Input "message" uses the unknown placeholder {{verison}}; expected one of {{environment}}, {{service}}, {{environment_url}}, {{url}}, {{version}}, {{actor}}, {{sha}}, {{short_sha}}, {{ref}}, {{repository}}, {{run_url}}, {{duration}}, {{status}}, {{status_label}}, {{workflow}}, {{run_number}} or {{outputs.NAME}}.'
    ],
    [
      'template output not passed in',
      { message: 'image {{outputs.image}}', outputs: 'tag=1.2.3' },
      'Input "message" uses {{outputs.image}}, but "outputs" has no "image"; expected one of {{outputs.tag}}, or pass it in "outputs".'
    ],
    ['bad subject placeholder', { 'email-subject': '{{env}} deployed' }, 'Input "email-subject" uses the unknown placeholder {{env}}'],
    ['unknown status', { status: 'done' }, 'Input "status" is "done", which is not a deployment status; expected one of started, success, failure, cancelled, rolled_back.'],
    ['no status and no job status', { status: '', 'job-status': '' }, 'Input "status" is empty and so is "job-status"'],
    [
      'slack-ts with an incoming webhook',
      { channels: 'webhook, slack', 'slack-webhook-url': 'https://hooks.slack.com/services/T1/B1/SuperSecretSig', 'slack-ts': '1700000000.000100' },
      'Input "slack-ts" needs "slack-token" (an incoming webhook cannot update a message); expected slack-token and slack-channel.'
    ],
    ['slack token without a channel', { channels: 'webhook, slack', 'slack-token': 'xoxb-SuperSecretSig' }, 'Input "slack-channel" is required with "slack-token"'],
    [
      'both Slack webhook and token',
      { channels: 'slack', 'slack-token': 'xoxb-SuperSecretSig', 'slack-webhook-url': 'https://hooks.slack.com/services/T1/B1/x' },
      'Input "slack-token" cannot be combined with "slack-webhook-url"'
    ],
    ['malformed outputs JSON', { outputs: '{"image": ' }, 'Input "outputs" starts with "{" but is not valid JSON'],
    ['bad started-at', { 'started-at': 'yesterday' }, 'Input "started-at" is "yesterday", which is not a time'],
    ['bad fail-on-error', { 'fail-on-error': 'maybe' }, 'Input "fail-on-error" is "maybe", which is not a boolean; expected true or false.'],
    ['github without a token', { channels: 'webhook, github', 'github-token': '' }, 'Input "github-token" is empty'],
    ['empty environment', { environment: ' ' }, 'Input "environment" is empty; expected the name of the environment deployed to, such as production.'],
    // Control characters are refused, never stripped or percent-encoded into another request.
    ['webhook URL with an injected header', { 'webhook-url': '{receiver}/hook\r\nX-Evil: 1' }, 'Input "webhook-url" has a control character (U+000D at position'],
    [
      'environment with a line break',
      { environment: 'production\nfake: line' },
      'Input "environment" has a control character (U+000A at position 11); expected a single line of printable characters.'
    ],
    ['version with a tab', { version: 'v1.4.2\tSuperSecretSig' }, 'Input "version" has a control character (U+0009 at position 7)'],
    ['email subject with an injected header', { 'email-subject': 'deployed\nBcc: all@example.com' }, 'Input "email-subject" has a control character (U+000A at position 9)'],
    ['service that would need reshaping', { service: 'back end' }, 'Input "service" is "back end", which is not a service name; expected letters, digits and . _ / -'],
    [
      'outputs line without "=" (a credential)',
      { outputs: 'image=x\nAuthorization: Bearer SuperSecretSig' },
      'Input "outputs" entry 2 is not a key=value pair (the value is not shown: it may be a secret)'
    ],
    [
      'Slack payload with an unknown placeholder',
      { channels: 'webhook, slack', 'slack-webhook-url': '{receiver}/services/T1/B1/SuperSecretSig', payload: '{"text":"{{titel}}"}' },
      'Input "payload" uses the unknown placeholder {{titel}}'
    ],
    ['Slack payload without a Slack channel', { payload: '{"text":"{{title}}"}' }, 'Input "payload" is set but channels does not include slack'],
    [
      'Slack payload over Block Kit limits once rendered',
      {
        channels: 'webhook, slack',
        'slack-webhook-url': '{receiver}/services/T1/B1/SuperSecretSig',
        payload: JSON.stringify({ blocks: [{ type: 'header', text: { type: 'plain_text', text: '{{text}} '.repeat(5) } }] })
      },
      'Input "payload" breaks Slack\'s Block Kit limits: blocks[0].text has'
    ],
    [
      'Slack payload file that does not exist',
      { channels: 'webhook, slack', 'slack-webhook-url': '{receiver}/services/T1/B1/SuperSecretSig', 'payload-file': 'no/such/slack.json' },
      '/no/such/slack.json (ENOENT); expected a JSON or YAML file'
    ]
  ])('%s', async (_name, overrides, message) => {
    receiver.reset()
    const given = Object.fromEntries(Object.entries(overrides).map(([k, v]) => [k, v.replace('{receiver}', receiver.url)]))
    const result = await runAction({ action: 'notify', inputs: { ...good(), ...given } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringContaining(message)])
    expect(result.errors[0]).toMatch(/^Input "[a-z-]+" /)
    expect(result.stderr).toBe('')
    expect(result.stdout).not.toMatch(/\n\s+at /) // no stack trace
    expect(receiver.requests).toEqual([])
    expect(smtp.messages).toEqual([])
    expect(result.outputs).toEqual({})
    expect(leakedSecrets(result, ['SuperSecretSig'])).toEqual([])
    await cleanup(result)
  })

  it('the same inputs without the fault are delivered (so the cases above fail only for their fault)', async () => {
    const result = await runAction({ action: 'notify', inputs: good() })
    expect(result.errors).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ webhook: true, email: true })
    expect(receiver.requests).toHaveLength(1)
    expect(smtp.messages).toHaveLength(1)
    smtp.messages.length = 0
    await cleanup(result)
  })
})
