import { describe, expect, it } from '@jest/globals'
import { INPUT_NAMES, parseAddresses, parseChannels, parseNotifyInputs, parseOutputs, parseStartedAt, type RawInputs } from '../../../actions/notify/src/parse-inputs.js'
import { resolveStatus } from '../../../actions/notify/src/status.js'
import { buildContext, eventPullRequest, runUrl } from '../../../actions/notify/src/context.js'

const blank = Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as RawInputs
const raw = (values: Partial<RawInputs>): RawInputs => ({ ...blank, environment: 'production', status: 'success', ...values })
const env = { GITHUB_REPOSITORY: 'octo-org/shop' }
const now = Date.parse('2026-11-22T10:00:00Z')

describe('notify inputs (pure)', () => {
  it.each([
    ['slack', ['slack']],
    ['Slack, teams\nemail', ['slack', 'teams', 'email']],
    ['github,github', ['github']]
  ])('channels %p', (input, expected) => expect(parseChannels(input)).toEqual(expected))

  it.each([
    ['', 'Input "channels" is empty'],
    ['slack, sms', 'Input "channels" has "sms", which is not a channel']
  ])('channels %p is rejected', (input, message) => expect(() => parseChannels(input)).toThrow(message))

  it.each([
    ['started', 'success', 'started'],
    ['rolled-back', '', 'rolled_back'],
    ['ROLLED_BACK', '', 'rolled_back'],
    ['', 'success', 'success'],
    ['', 'failure', 'failure'],
    ['', 'cancelled', 'cancelled']
  ])('status %p with job-status %p → %s', (status, job, expected) => {
    expect(resolveStatus(status, job)).toBe(expected)
  })

  it.each([
    ['done', 'success', 'Input "status" is "done", which is not a deployment status'],
    ['', '', 'Input "status" is empty and so is "job-status"'],
    ['', '${{ job.status }}', 'Input "status" is empty and so is "job-status"'],
    ['', 'skipped', 'Input "job-status" is "skipped", which is not a job status']
  ])('status %p / job-status %p is rejected', (status, job, message) => expect(() => resolveStatus(status, job)).toThrow(message))

  it.each([
    ['', {}],
    ['{"image":"x:1","count":3,"ok":true}', { image: 'x:1', count: '3', ok: 'true' }],
    ['image=x:1\nurl=https://a/b?c=d', { image: 'x:1', url: 'https://a/b?c=d' }],
    ['a=1,b=2', { a: '1', b: '2' }]
  ])('outputs %p', (input, expected) => expect(parseOutputs(input)).toEqual(expected))

  it.each([
    ['{"a":', 'is not valid JSON'],
    ['[1]', 'Input "outputs" entry 1 is not a key=value pair (the value is not shown: it may be a secret)'],
    ['{"a":1', 'is not valid JSON'],
    ['image=x\nAuthorization: Bearer s3cr3t-token', 'Input "outputs" entry 2 is not a key=value pair (the value is not shown: it may be a secret)']
  ])('outputs %p is rejected, never echoing a value', (input, message) => {
    expect(() => parseOutputs(input)).toThrow(message)
    expect(() => parseOutputs(input)).not.toThrow(/s3cr3t|\[1\]/)
  })

  it.each([
    ['', undefined],
    ['1795341600', 1795341600000],
    ['1795341600123', 1795341600123],
    ['2026-11-22T09:58:30Z', now - 90_000]
  ])('started-at %p', (input, expected) => expect(parseStartedAt(input, now)).toBe(expected))

  it.each([
    ['soon', 'is "soon", which is not a time'],
    ['2026-11-23T00:00:00Z', 'which is in the future']
  ])('started-at %p is rejected', (input, message) => expect(() => parseStartedAt(input, now)).toThrow(message))

  it.each([
    ['ops@example.com', ['ops@example.com']],
    ['Ops Team <ops@example.com>, cto@example.com', ['Ops Team <ops@example.com>', 'cto@example.com']]
  ])('addresses %p', (input, expected) => expect(parseAddresses('email-to', input)).toEqual(expected))

  it.each(['ops', 'ops@', '<ops@example.com', 'a b@example.com'])('address %p is rejected', (input) => {
    expect(() => parseAddresses('email-to', input)).toThrow(`Input "email-to" has "${input}", which is not an email address`)
  })

  it('builds one config per channel with defaults applied in code', () => {
    const inputs = parseNotifyInputs(
      raw({
        channels: 'slack, email, github, webhook',
        'slack-token': 'xoxb-1',
        'slack-channel': 'C1',
        'slack-ts': '1700000000.000100',
        'smtp-host': 'smtp.example.com',
        'email-from': 'd@example.com',
        'email-to': 'a@example.com',
        'smtp-username': 'u',
        'smtp-password': 'p',
        'github-token': 'ghs_x',
        'webhook-url': 'https://hooks.example.com/x',
        'webhook-secret': 's'
      }),
      env,
      { pull_request: { number: 9, head: { sha: 'abc' } } },
      now
    )
    expect(inputs.configs).toEqual([
      { channel: 'slack', token: 'xoxb-1', slackChannel: 'C1', ts: '1700000000.000100', apiUrl: 'https://slack.com/api/' },
      { channel: 'email', host: 'smtp.example.com', port: 587, security: 'starttls', username: 'u', password: 'p', from: 'd@example.com', to: ['a@example.com'] },
      { channel: 'github', token: 'ghs_x', repository: 'octo-org/shop', deployment: 'auto', commitStatus: true, pullRequest: 9 },
      { channel: 'webhook', url: 'https://hooks.example.com/x', secret: 's' }
    ])
    expect(inputs.policy).toEqual({ attempts: 4, baseDelayMs: 500, timeoutMs: 30_000 })
    expect(inputs.failOnError).toBe(false)
  })

  it.each([
    ['http://127.0.0.1:8080/hook', 'teams', 'teams-webhook-url'],
    ['http://localhost/hook', 'discord', 'discord-webhook-url'],
    ['http://internal.example/hook', 'webhook', 'webhook-url']
  ])('plain http is accepted for %s (%s)', (url, channels, input) => {
    expect(() => parseNotifyInputs(raw({ channels, [input]: url }), env, {}, now)).not.toThrow()
  })

  it.each([
    [{ 'smtp-security': 'tls' }, 465],
    [{ 'smtp-security': 'tls', 'smtp-port': '2465' }, 2465]
  ])('smtp port default follows security %p', (values, port) => {
    const inputs = parseNotifyInputs(raw({ channels: 'email', 'smtp-host': 'h', 'email-from': 'd@example.com', 'email-to': 'a@example.com', ...values }), env, {}, now)
    expect(inputs.configs[0]).toMatchObject({ port })
  })

  it.each([
    [{ channels: 'github', 'github-token': '${{ github.token }}' }, 'Input "github-token" is empty'],
    [
      { channels: 'github', 'github-token': 't', 'github-deployment': 'sometimes' },
      'Input "github-deployment" is "sometimes", which is not allowed; expected one of auto, create, update, off.'
    ],
    [{ channels: 'github', 'github-token': 't', 'github-pr-comment': 'seven' }, 'Input "github-pr-comment" is "seven", which is not a whole number'],
    [{ channels: 'github', 'github-token': 't', 'github-deployment': 'off', 'github-deployment-id': '5' }, 'Input "github-deployment-id" is set but "github-deployment" is off'],
    [{ channels: 'slack', 'slack-token': 't', 'slack-channel': 'C1', 'slack-ts': 'yesterday' }, 'Input "slack-ts" is "yesterday", which is not a Slack message ts'],
    [{ channels: 'slack', 'slack-webhook-url': 'https://hooks.slack.com/x', 'thread-ts': '1.2' }, 'Input "thread-ts" needs "slack-token"'],
    [{ channels: 'email', 'smtp-host': 'h', 'email-from': 'd@example.com', 'email-to': 'a@example.com', 'smtp-password': 'p' }, 'Input "smtp-username" is empty but "smtp-password" is set'],
    [{ channels: 'email', 'email-from': 'd@example.com', 'email-to': 'a@example.com' }, 'Input "smtp-host" is required when channels includes email'],
    [{ channels: 'email', 'smtp-host': 'h', 'email-to': 'a@example.com' }, 'Input "email-from" is required'],
    [
      { channels: 'discord', 'discord-webhook-url': 'http://discord.com/api/webhooks/1/t' },
      'Input "discord-webhook-url" uses plain http, which would send its secret in the clear; expected an https:// URL.'
    ],
    [{ channels: 'slack', 'slack-webhook-url': 'http://hooks.slack.com/services/x' }, 'Input "slack-webhook-url" uses plain http'],
    [{ channels: 'webhook', 'webhook-url': 'https://x', 'environment-url': 'shop' }, 'Input "environment-url" is not a valid URL'],
    [{ channels: 'webhook', 'webhook-url': 'https://x', attempts: '0' }, 'Input "attempts" is 0, which is out of range; expected a whole number from 1 to 10.'],
    [{ channels: 'webhook', 'webhook-url': 'https://x', timeout: 'soon' }, 'Input "timeout" is "soon", which is not a duration']
  ])('%p is rejected', (values, message) => {
    expect(() => parseNotifyInputs(raw(values as Partial<RawInputs>), env, {}, now)).toThrow(message)
  })

  it('the deployment context comes from the runner: PR head sha, run URL with attempt, duration', () => {
    const runEnv = {
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_SHA: 'merge',
      GITHUB_ACTOR: 'me',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_RUN_ID: '7',
      GITHUB_RUN_ATTEMPT: '2',
      GITHUB_REF: 'refs/heads/feature/x'
    }
    const ctx = buildContext({ status: 'started', environment: 'dev', outputs: {}, startedAtMs: now - 5000 }, runEnv, now)
    expect(ctx).toMatchObject({ sha: 'merge', actor: 'me', ref: 'feature/x', runUrl: 'https://ghe.example.com/o/r/actions/runs/7/attempts/2', durationMs: 5000 })
    expect(buildContext({ status: 'started', environment: 'dev', outputs: {}, sha: 'given' }, runEnv, now).sha).toBe('given')
    const pr = { pull_request: { number: 3, head: { sha: 'head' } } }
    expect(parseNotifyInputs(raw({ channels: 'webhook', 'webhook-url': 'https://x' }), env, pr, now).sha).toBe('head')
    expect(parseNotifyInputs(raw({ channels: 'webhook', 'webhook-url': 'https://x', sha: 'given' }), env, pr, now).sha).toBe('given')
    expect(parseNotifyInputs(raw({ channels: 'webhook', 'webhook-url': 'https://x' }), env, {}, now).sha).toBeUndefined()
    expect(runUrl({ GITHUB_REPOSITORY: 'o/r', GITHUB_RUN_ID: '7' })).toBe('https://github.com/o/r/actions/runs/7')
  })

  it.each([
    [{ pull_request: { number: 4 } }, 4],
    [{ issue: { number: 5, pull_request: { url: 'x' } } }, 5],
    [{ issue: { number: 6 } }, undefined],
    [{}, undefined]
  ])('pull request of event %p', (event, expected) => expect(eventPullRequest(event)).toBe(expected))

  it.each([
    ['environment', { environment: 'prod\nuction' }, 'U+000A at position 5'],
    ['service', { service: 'backend\tx' }, 'U+0009 at position 8'],
    ['version', { version: 'v1\r\nX-Evil: 1' }, 'U+000D at position 3'],
    ['sha', { sha: 'abc\u0000' }, 'U+0000 at position 4'],
    ['webhook-url', { 'webhook-url': 'https://hooks.example.com/hook\r\nX-Evil: 1' }, 'U+000D at position 31'],
    ['environment-url', { 'environment-url': 'https://shop.example.com/\tx' }, 'U+0009'],
    ['email-subject', { channels: 'email', 'smtp-host': 'h', 'email-from': 'd@example.com', 'email-to': 'a@example.com', 'email-subject': 'Deployed\nBcc: all@example.com' }, 'U+000A'],
    ['email-to', { channels: 'email', 'smtp-host': 'h', 'email-from': 'd@example.com', 'email-to': 'Ops\u0085 <a@example.com>' }, 'U+0085'],
    [
      'smtp-password',
      { channels: 'email', 'smtp-host': 'h', 'email-from': 'd@example.com', 'email-to': 'a@example.com', 'smtp-username': 'u', 'smtp-password': 'pa\nss' },
      'U+000A at position 3'
    ],
    ['slack-channel', { channels: 'slack', 'slack-token': 'xoxb-1', 'slack-channel': 'C1\nC2' }, 'U+000A'],
    ['slack-token', { channels: 'slack', 'slack-token': 'xoxb-1\nX: y', 'slack-channel': 'C1' }, 'U+000A at position 7'],
    ['github-token', { channels: 'github', 'github-token': 'ghs_1\r\nX: y' }, 'U+000D at position 6']
  ])('%s with a control character is refused, naming the input and the position, never the value', (input, values, position) => {
    const run = () => parseNotifyInputs(raw({ channels: 'webhook', 'webhook-url': 'https://hooks.example.com/x', ...values }), env, {}, now)
    expect(run).toThrow(`Input "${input}" has a control character (${position}`)
    expect(run).toThrow(/expected a single line of printable characters\.$/)
    expect(run).not.toThrow(/X-Evil|Bcc|pa\nss|xoxb-1|ghs_1/)
  })

  it.each([
    ['', undefined],
    ['backend', 'backend'],
    [' web.frontend/v2-b_1 ', 'web.frontend/v2-b_1']
  ])('service %p', (input, expected) => expect(parseNotifyInputs(raw({ channels: 'webhook', 'webhook-url': 'https://x', service: input }), env, {}, now).service).toBe(expected))

  it.each(['back end', '-backend', 'prod ünïcode', '../x'.replace('..', '.$'), 'x'.repeat(101)])('service %p is rejected, not reshaped', (input) => {
    expect(() => parseNotifyInputs(raw({ channels: 'webhook', 'webhook-url': 'https://x', service: input }), env, {}, now)).toThrow(
      'which is not a service name; expected letters, digits and . _ / - (at most 100, starting with a letter or digit), such as backend.'
    )
  })

  describe('Slack payload', () => {
    const slack = { channels: 'slack', 'slack-token': 'xoxb-1', 'slack-channel': 'C1' }
    const yaml = (text: string): unknown => (text === 'text: "{{title}}"' ? { text: '{{title}}' } : { bad: true })

    it('JSON inline, YAML through the injected parser, or the file’s text', () => {
      expect(parseNotifyInputs(raw({ ...slack, payload: '{"text":"{{title}}","blocks":[]}' }), env, {}, now).slackPayload).toEqual({
        input: 'payload',
        payload: { text: '{{title}}', blocks: [] }
      })
      expect(parseNotifyInputs(raw({ ...slack, payload: 'text: "{{title}}"' }), env, {}, now, { parseYaml: yaml }).slackPayload).toEqual({ input: 'payload', payload: { text: '{{title}}' } })
      expect(parseNotifyInputs(raw({ ...slack, 'payload-file': 'slack.json' }), env, {}, now, { payloadFile: '{"text":"{{service}}"}' }).slackPayload).toEqual({
        input: 'payload-file',
        payload: { text: '{{service}}' }
      })
      expect(parseNotifyInputs(raw(slack), env, {}, now).slackPayload).toBeUndefined()
    })

    it.each([
      [{ payload: '{"text":' }, 'Input "payload" is not valid JSON'],
      [{ payload: '["text"]' }, 'Input "payload" is not an object'],
      [{ payload: '{"username":"bot"}' }, 'Input "payload" has none of text, blocks and attachments'],
      [{ payload: '{"blocks":{"type":"header"}}' }, 'Input "payload" has "blocks" that is not a list'],
      [{ payload: '{"text":"{{titel}}"}' }, 'Input "payload" uses the unknown placeholder {{titel}}; expected one of {{environment}}, {{service}}'],
      [{ payload: '{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"{{outputs.image}}"}}]}' }, 'Input "payload" uses {{outputs.image}}, but "outputs" has no "image"'],
      [{ payload: '{"text":"x"}', 'payload-file': 'slack.json' }, 'Input "payload-file" cannot be combined with "payload"'],
      [{ channels: 'webhook', 'webhook-url': 'https://x', payload: '{"text":"x"}' }, 'Input "payload" is set but channels does not include slack'],
      [{ 'payload-file': 'slack.yml' }, 'Input "payload-file" is empty']
    ])('%p is rejected', (values, message) => {
      expect(() => parseNotifyInputs(raw({ ...slack, ...values }), env, {}, now, { parseYaml: yaml })).toThrow(message)
    })
  })
})
