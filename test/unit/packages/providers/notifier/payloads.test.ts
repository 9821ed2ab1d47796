import { describe, expect, it } from '@jest/globals'
import {
  buildSlackMessage,
  escapeMrkdwn,
  mapSlackApiError,
  slackMessageProblems,
  validSlackMessage,
  SLACK_LIMITS,
  type SlackMessage
} from '../../../../../packages/providers/notifier/slack/slack-message.js'
import { buildTeamsMessage, TEAMS_MAX_BYTES } from '../../../../../packages/providers/notifier/teams/adaptive-card.js'
import { buildDiscordBody, embedCharacters, withWait, DISCORD_LIMITS } from '../../../../../packages/providers/notifier/discord/discord-embed.js'
import { buildWebhookBody, signatureHeaders, verifyWebhookSignature, webhookSignature } from '../../../../../packages/providers/notifier/webhook/webhook-payload.js'
import { buildEmail, escapeHtml, isRetryableSmtpError } from '../../../../../packages/providers/notifier/email/email-body.js'
import { context, message, withContext } from '../../../notify/fixtures.js'

const now = new Date('2026-11-22T10:00:00Z')

describe('Slack Block Kit builder (pure)', () => {
  it('header, text, and a coloured attachment with facts, buttons and context', () => {
    const built = buildSlackMessage(context, message)
    expect(built.text).toBe('✅ shop v1.4.2 is live on production')
    expect(built.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: ':white_check_mark: shop v1.4.2 is live on production', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: message.text } }
    ])
    const [attachment] = built.attachments
    expect(attachment.color).toBe('#2EB67D')
    expect(attachment.blocks!.map((b) => b.type)).toEqual(['section', 'actions', 'context'])
    expect(slackMessageProblems(built)).toEqual([])
  })

  it('cuts long text to the documented limits instead of letting Slack reject the message', () => {
    const built = buildSlackMessage(withContext({ version: 'v'.repeat(500), environment: 'e'.repeat(300) }), { title: `✅ ${'t'.repeat(400)}`, text: 'x'.repeat(5000) })
    const header = built.blocks[0] as { text: { text: string } }
    const body = built.blocks[1] as { text: { text: string } }
    expect(header.text.text.length).toBe(SLACK_LIMITS.headerText)
    expect(body.text.text.length).toBe(SLACK_LIMITS.sectionText)
    expect(slackMessageProblems(built)).toEqual([])
  })

  it.each([
    ['too many blocks', { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })), attachments: [] }, 'blocks has 51 blocks (at most 50)'],
    ['long header', { text: 't', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], attachments: [] }, 'blocks[0].text has 151 characters (at most 150)'],
    ['long section', { text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 's'.repeat(3001) } }], attachments: [] }, 'blocks[0].text has 3001 characters (at most 3000)'],
    [
      'too many fields',
      { text: 't', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }], attachments: [] },
      'blocks[0].fields has 11 fields (at most 10)'
    ],
    [
      'long button',
      { text: 't', blocks: [], attachments: [{ blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'b'.repeat(76) }, url: 'https://x' }] }] }] },
      'attachments[0].blocks[0].elements[0].text has 76 characters (at most 75)'
    ],
    ['markdown header', { text: 't', blocks: [{ type: 'header', text: { type: 'mrkdwn', text: 'h' } }], attachments: [] }, 'blocks[0].text must be plain_text']
  ])('finds %s', (_name, built, problem) => {
    expect(slackMessageProblems(built as unknown as SlackMessage)).toContain(problem)
    expect(() => validSlackMessage(built as unknown as SlackMessage)).toThrow('the Slack message breaks Block Kit limits')
  })

  it('escapes mrkdwn control characters in facts', () => {
    expect(escapeMrkdwn('a <b> & c')).toBe('a &lt;b&gt; &amp; c')
    const built = buildSlackMessage(withContext({ actor: 'dependabot<bot>' }), message)
    expect(JSON.stringify(built.attachments)).toContain('dependabot&lt;bot&gt;')
  })

  it.each([
    [
      { code: 'slack_webapi_rate_limited_error', retryAfter: 30 },
      { message: 'Slack chat.postMessage was rate limited (Retry-After 30 s)', retryable: true, retryAfterMs: 30_000 }
    ],
    [
      { code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } },
      { retryable: false, message: expect.stringContaining('answered error "channel_not_found" — check slack-channel') }
    ],
    [
      { code: 'slack_webapi_platform_error', data: { error: 'internal_error' } },
      { retryable: true, message: 'Slack chat.postMessage answered error "internal_error"' }
    ],
    [
      { code: 'slack_webapi_http_error', statusCode: 503 },
      { retryable: true, message: 'Slack chat.postMessage answered HTTP 503' }
    ],
    [
      { code: 'slack_webapi_http_error', statusCode: 400 },
      { retryable: false, message: 'Slack chat.postMessage answered HTTP 400' }
    ],
    [
      { code: 'slack_webapi_request_error', original: Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }) },
      { retryable: true, message: 'Slack chat.postMessage could not be reached: fetch failed (ECONNREFUSED)' }
    ],
    [new Error('boom'), { retryable: false, message: 'Slack chat.postMessage failed: boom' }]
  ])('maps SDK error %p', (error, expected) => expect(mapSlackApiError(error, 'chat.postMessage')).toEqual(expect.objectContaining(expected)))
})

describe('Teams Adaptive Card builder (pure)', () => {
  it('a message with one Adaptive Card 1.4 attachment, status style on the header container', () => {
    const body = buildTeamsMessage(withContext({ status: 'failure' }), message)
    expect(body.type).toBe('message')
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
    expect(body.attachments[0].content).toMatchObject({
      type: 'AdaptiveCard',
      version: '1.4',
      msteams: { width: 'Full' },
      body: [{ type: 'Container', style: 'attention' }, { type: 'TextBlock', wrap: true }, { type: 'FactSet' }]
    })
  })

  it('refuses a card over the 28 KB Teams accepts', () => {
    expect(() => buildTeamsMessage(context, { title: 't', text: 'x'.repeat(TEAMS_MAX_BYTES) })).toThrow('over the 28 KB Teams accepts')
  })
})

describe('Discord embed builder (pure)', () => {
  it('one embed with colour, fields and a timestamp; mentions disabled', () => {
    const body = buildDiscordBody(context, message, now)
    expect(body.allowed_mentions).toEqual({ parse: [] })
    expect(body.embeds[0]).toMatchObject({ title: message.title, color: 0x2eb67d, url: context.runUrl, timestamp: '2026-11-22T10:00:00.000Z', footer: { text: 'octo-org/shop' } })
    expect(body.embeds[0].fields.map((f) => f.name)).toEqual(['Status', 'Environment', 'Version', 'Actor', 'Commit', 'Duration', 'Run'])
  })

  it('keeps every documented limit with oversized input', () => {
    const body = buildDiscordBody(withContext({ version: 'v'.repeat(2000) }), { title: 't'.repeat(300), text: 'd'.repeat(5000) }, now)
    const [embed] = body.embeds
    expect(embed.title.length).toBeLessThanOrEqual(DISCORD_LIMITS.title)
    expect(embed.description.length).toBeLessThanOrEqual(DISCORD_LIMITS.description)
    expect(Math.max(...embed.fields.map((f) => f.value.length))).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue)
    expect(embedCharacters(embed)).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal)
  })

  it.each([
    ['https://discord.com/api/webhooks/1/abc', 'https://discord.com/api/webhooks/1/abc?wait=true'],
    ['https://discord.com/api/webhooks/1/abc?thread_id=9', 'https://discord.com/api/webhooks/1/abc?thread_id=9&wait=true'],
    ['https://discord.com/api/webhooks/1/abc?wait=false', 'https://discord.com/api/webhooks/1/abc?wait=true']
  ])('withWait(%s)', (url, expected) => expect(withWait(url)).toBe(expected))
})

describe('generic webhook body and signature (pure)', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 (vector computed with openssl dgst -sha256 -hmac)', () => {
    expect(webhookSignature('whsec_test', 1700000000, '{"event":"deployment"}')).toBe('sha256=0aebfe026782e1abe366d656b992a68cae2a96976d638f4cd5389bd59dea06b4')
  })

  it.each([
    [{}, 1700000000, { ok: true }],
    [{ timestamp: '1700000100' }, 1700000000, { ok: false, reason: 'signature does not match' }],
    [{ signature: 'sha256=00' }, 1700000000, { ok: false, reason: 'signature does not match' }],
    [{ timestamp: '' }, 1700000000, { ok: false, reason: 'missing or malformed X-Deploy-Timestamp' }],
    [{}, 1700000301, { ok: false, reason: 'timestamp outside the tolerance (possible replay)' }],
    [{}, 1700000300, { ok: true }]
  ])('verify with %p at %i', (change, nowSeconds, expected) => {
    const body = '{"event":"deployment"}'
    const headers = signatureHeaders('whsec_test', 1700000000, body)
    const given = { signature: headers['x-deploy-signature'], timestamp: headers['x-deploy-timestamp'], ...change }
    expect(verifyWebhookSignature('whsec_test', given, body, nowSeconds)).toEqual(expected)
  })

  it('the body carries the whole context with nulls for what is unknown', () => {
    const body = buildWebhookBody(withContext({ version: undefined, environmentUrl: undefined, durationMs: undefined }), message, now)
    expect(body).toMatchObject({
      schema: 1,
      event: 'deployment',
      status: 'success',
      status_label: 'Succeeded',
      version: null,
      environment_url: null,
      duration_ms: null,
      sent_at: '2026-11-22T10:00:00.000Z',
      outputs: context.outputs
    })
    expect(body.service).toBeNull()
    expect(buildWebhookBody(withContext({ service: 'backend' }), message, now).service).toBe('backend')
  })
})

describe('email builder (pure)', () => {
  it('text and HTML bodies; HTML escaped', () => {
    const email = buildEmail(context, { title: '✅ <live>', text: 'a & b' })
    expect(email.subject).toBe('✅ <live>')
    expect(email.text.split('\n').slice(0, 5)).toEqual(['✅ <live>', '', 'a & b', '', 'Status:      Succeeded'])
    expect(email.html).toContain('<h2 style="margin:0 0 8px">✅ &lt;live&gt;</h2>')
    expect(email.html).toContain('a &amp; b')
    expect(buildEmail(context, message, 'custom').subject).toBe('custom')
  })

  it.each([['<a href="x">\'', '&lt;a href=&quot;x&quot;&gt;&#39;']])('escapeHtml(%p)', (input, expected) => expect(escapeHtml(input)).toBe(expected))

  it.each([
    [{ code: 'ECONNECTION' }, true],
    [{ code: 'ETIMEDOUT' }, true],
    [{ code: 'EAUTH', responseCode: 535 }, false],
    [{ code: 'EENVELOPE', responseCode: 550 }, false],
    [{ code: 'EMESSAGE', responseCode: 451 }, true],
    [{ code: 'ETLS' }, false]
  ])('SMTP error %p retryable: %p', (error, retryable) => expect(isRetryableSmtpError(error)).toBe(retryable))
})
