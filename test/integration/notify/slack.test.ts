import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { runAction, cleanup } from '../../support/runner.js'
import { startFakeSlack, SLACK_CHANNEL_ID, SLACK_TOKEN, type FakeSlack } from '../../support/fakes/slack-api.js'
import { slackMessageProblems } from '../../../packages/providers/notifier/slack/slack-message.js'
import { leakedSecrets } from './support.js'

// Slack faked at HTTP level (Web API chat.postMessage / chat.update as @slack/web-api sends them,
// and an incoming webhook), with the real bundle run as the runner runs it.
describe('notify → Slack (Web API and incoming webhook faked at HTTP level)', () => {
  let slack: FakeSlack
  beforeAll(async () => {
    slack = await startFakeSlack()
  })
  afterAll(async () => slack.stop())
  beforeEach(() => slack.recorder.reset())

  const base = { channels: 'slack', environment: 'production', version: 'v1.4.2', 'environment-url': 'https://shop.example.com' }

  it('posts a message with the bot token, then later runs update the same message in place (started → migrated → live)', async () => {
    const first = await runAction({
      action: 'notify',
      inputs: { ...base, status: 'started', 'slack-token': SLACK_TOKEN, 'slack-channel': '#deploys', 'slack-api-url': slack.apiUrl }
    })
    expect(first.errors).toEqual([])
    expect(first.exitCode).toBe(0)
    const ts = first.outputs['slack-ts']
    expect(ts).toMatch(/^1700000000\.\d{6}$/)
    expect(first.outputs['slack-channel']).toBe(SLACK_CHANNEL_ID)
    expect(JSON.parse(first.outputs.delivered)).toEqual({ slack: true })
    const later = { 'slack-token': SLACK_TOKEN, 'slack-channel': first.outputs['slack-channel'], 'slack-ts': ts, 'slack-api-url': slack.apiUrl }

    const migrated = await runAction({
      action: 'notify',
      inputs: { ...base, ...later, status: 'started', message: 'Migrations applied ({{outputs.migrations}}); switching traffic to {{version}}…', outputs: 'migrations=3' }
    })
    expect(migrated.errors).toEqual([])
    expect(migrated.outputs['slack-ts']).toBe(ts)

    const live = await runAction({
      action: 'notify',
      inputs: { ...base, ...later, status: 'success', 'started-at': String(Math.floor(Date.now() / 1000) - 95) }
    })
    expect(live.errors).toEqual([])
    expect(live.outputs['slack-ts']).toBe(ts)

    const calls = slack.calls()
    expect(calls.map((c) => [c.method, c.token === SLACK_TOKEN])).toEqual([
      ['chat.postMessage', true],
      ['chat.update', true],
      ['chat.update', true]
    ])
    expect((calls[1].args.blocks as { text?: { text: string } }[])[1].text!.text).toBe('Migrations applied (3); switching traffic to v1.4.2…')
    expect(calls[2].args).toMatchObject({ channel: SLACK_CHANNEL_ID, ts })
    expect(slack.messages.size).toBe(1)
    const message = slack.messages.get(ts)!
    expect(message.updates).toBe(2)
    expect(message.text).toContain('v1.4.2 is live on production')
    // The updated message is the success one: header, colour, facts with the duration.
    const blocks = message.blocks as { type: string; text?: { text: string } }[]
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: ':white_check_mark: shop v1.4.2 is live on production', emoji: true } })
    const attachments = message.attachments as { color: string; blocks: { type: string; fields?: { text: string }[]; elements?: { url?: string }[] }[] }[]
    expect(attachments[0].color).toBe('#2EB67D')
    const fields = attachments[0].blocks[0].fields!.map((f) => f.text)
    expect(fields).toEqual(
      expect.arrayContaining([
        '*Environment*\n<https://shop.example.com|production>',
        '*Version*\nv1.4.2',
        '*Actor*\noctocat',
        '*Commit*\n<https://github.com/octo-org/shop/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e|6dcb09b>',
        expect.stringMatching(/^\*Duration\*\n1m 3[5-9]s$/)
      ])
    )
    expect(attachments[0].blocks[1].elements!.map((e) => e.url)).toEqual(['https://github.com/octo-org/shop/actions/runs/1658821493', 'https://shop.example.com'])
    expect(slackMessageProblems({ text: message.text, blocks: message.blocks as never, attachments: message.attachments as never })).toEqual([])
    expect(live.summary).toContain('updated message')
    for (const result of [first, migrated, live]) {
      expect(leakedSecrets(result, [SLACK_TOKEN])).toEqual([])
      await cleanup(result)
    }
  })

  it('Slack answering 429 with Retry-After: 1 is waited out once, then the message is posted', async () => {
    slack.recorder.enqueue({ status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } })
    const result = await runAction({ action: 'notify', inputs: { ...base, status: 'started', 'slack-token': SLACK_TOKEN, 'slack-channel': SLACK_CHANNEL_ID, 'slack-api-url': slack.apiUrl } })
    expect(result.errors).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ slack: true })
    const [first, second] = slack.recorder.requests
    expect(slack.calls().map((c) => c.method)).toEqual(['chat.postMessage', 'chat.postMessage'])
    expect(second.at - first.at).toBeGreaterThanOrEqual(950)
    expect(slack.messages.has(result.outputs['slack-ts'])).toBe(true)
    expect(result.stdout).toContain('Slack chat.postMessage was rate limited (Retry-After 1 s); retrying in 1.0 s (attempt 2 of 4)')
    await cleanup(result)
  })

  it('replies in a thread with thread-ts', async () => {
    const result = await runAction({
      action: 'notify',
      inputs: { ...base, status: 'rolled_back', 'slack-token': SLACK_TOKEN, 'slack-channel': SLACK_CHANNEL_ID, 'thread-ts': '1699999999.000001', 'slack-api-url': slack.apiUrl }
    })
    expect(result.exitCode).toBe(0)
    const [call] = slack.calls()
    expect(call.method).toBe('chat.postMessage')
    expect(call.args.thread_ts).toBe('1699999999.000001')
    expect(String(call.args.text)).toContain('rolled back')
    await cleanup(result)
  })

  it('posts Block Kit to an incoming webhook', async () => {
    const result = await runAction({ action: 'notify', inputs: { ...base, status: 'failure', 'slack-webhook-url': slack.webhookUrl } })
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.outputs.delivered)).toEqual({ slack: true })
    const [request] = slack.recorder.requests
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/services/T0001/B0001/abcdefghijklmnopqrstuvwx')
    expect(request.headers['content-type']).toContain('application/json')
    const body = request.json<{ text: string; blocks: never[]; attachments: { color: string; blocks: never[] }[] }>()
    expect(body.text).toContain('failed')
    expect(body.attachments[0].color).toBe('#E01E5A')
    expect(slackMessageProblems(body)).toEqual([])
    expect(leakedSecrets(result, ['abcdefghijklmnopqrstuvwx'])).toEqual([])
    await cleanup(result)
  })

  it('warns and succeeds when Slack refuses (channel_not_found), and fails with fail-on-error', async () => {
    const inputs = { ...base, status: 'success', 'slack-token': SLACK_TOKEN, 'slack-channel': 'C0NOTTHERE', 'slack-api-url': slack.apiUrl }
    const soft = await runAction({ action: 'notify', inputs })
    expect(soft.exitCode).toBe(0)
    expect(JSON.parse(soft.outputs.delivered)).toEqual({ slack: false })
    expect(soft.warnings.join('\n')).toContain('Slack chat.postMessage answered error "channel_not_found"')
    expect(soft.summary).toMatch(/Slack \| ⚠️ not delivered \| Slack chat.postMessage answered error "channel_not_found"/)
    expect(slack.calls()).toHaveLength(1) // a platform error is not retried
    const hard = await runAction({ action: 'notify', inputs: { ...inputs, 'fail-on-error': 'true' } })
    expect(hard.exitCode).toBe(1)
    expect(hard.errors).toEqual([expect.stringContaining('notify failed: 1 of 1 channel not delivered: slack (Slack chat.postMessage answered error "channel_not_found"')])
    for (const r of [soft, hard]) {
      expect(leakedSecrets(r, [SLACK_TOKEN])).toEqual([])
      await cleanup(r)
    }
  })

  it('outputs thread-ts, channel-id and time as slackapi/slack-github-action names them', async () => {
    const before = Math.floor(Date.now() / 1000)
    const top = await runAction({ action: 'notify', inputs: { ...base, status: 'started', 'slack-token': SLACK_TOKEN, 'slack-channel': '#deploys', 'slack-api-url': slack.apiUrl } })
    expect(top.errors).toEqual([])
    expect(top.outputs['channel-id']).toBe(SLACK_CHANNEL_ID)
    expect(top.outputs['thread-ts']).toBe(top.outputs['slack-ts']) // a new message starts its own thread
    expect(Number(top.outputs.time)).toBeGreaterThanOrEqual(before)
    const reply = await runAction({
      action: 'notify',
      inputs: { ...base, status: 'success', 'slack-token': SLACK_TOKEN, 'slack-channel': top.outputs['channel-id'], 'thread-ts': top.outputs['thread-ts'], 'slack-api-url': slack.apiUrl }
    })
    expect(reply.outputs['thread-ts']).toBe(top.outputs['slack-ts'])
    expect(reply.outputs['slack-ts']).not.toBe(top.outputs['slack-ts'])
    expect(slack.messages.get(reply.outputs['slack-ts'])!.threadTs).toBe(top.outputs['slack-ts'])
    for (const r of [top, reply]) await cleanup(r)
  })

  it('a team’s own Block Kit payload (JSON, inline) is posted with the bot token, placeholders filled', async () => {
    const payload = {
      text: '{{title}}',
      username: '{{service}} deploys',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '{{slack_emoji}} *{{service}}* {{version}} → {{environment}} ({{outputs.image}})' } }],
      attachments: [{ color: '{{color}}', text: 'by {{actor}}' }]
    }
    const result = await runAction({
      action: 'notify',
      inputs: {
        ...base,
        status: 'success',
        service: 'backend',
        outputs: 'image=ghcr.io/octo-org/backend:5',
        payload: JSON.stringify(payload),
        'slack-token': SLACK_TOKEN,
        'slack-channel': SLACK_CHANNEL_ID,
        'slack-api-url': slack.apiUrl
      }
    })
    expect(result.errors).toEqual([])
    const [call] = slack.calls()
    expect(call.method).toBe('chat.postMessage')
    expect(call.args).toMatchObject({
      channel: SLACK_CHANNEL_ID,
      text: '✅ backend v1.4.2 is live on production',
      username: 'backend deploys',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: *backend* v1.4.2 → production (ghcr.io/octo-org/backend:5)' } }],
      attachments: [{ color: '#2EB67D', text: 'by octocat' }]
    })
    expect(result.summary).toContain('(own payload)')
    await cleanup(result)
  })

  it('payload-file (YAML, relative to the workspace) goes to an incoming webhook', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'notify-payload-'))
    await writeFile(
      join(workspace, 'slack.yml'),
      ['text: "{{title}}"', 'blocks:', '  - type: header', '    text: { type: plain_text, text: "{{emoji}} {{service}} on {{environment}}" }', ''].join('\n')
    )
    const result = await runAction({
      action: 'notify',
      cwd: workspace,
      inputs: { ...base, status: 'failure', service: 'frontend', 'payload-file': 'slack.yml', 'slack-webhook-url': slack.webhookUrl }
    })
    expect(result.errors).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ slack: true })
    const [request] = slack.recorder.requests
    expect(request.json()).toEqual({
      text: '❌ Deployment of frontend v1.4.2 to production failed',
      blocks: [{ type: 'header', text: { type: 'plain_text', text: '❌ frontend on production' } }]
    })
    await cleanup(result)
    await rm(workspace, { recursive: true, force: true })
  })
})
