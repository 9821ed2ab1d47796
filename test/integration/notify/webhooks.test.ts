import { createRequire } from 'node:module'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { cleanup, runAction } from '../../support/runner.js'
import { startRecorder, type Recorder } from '../../support/fakes/http-recorder.js'
import { verifyWebhookSignature } from '../../../packages/providers/notifier/webhook/webhook-payload.js'
import { leakedSecrets } from './support.js'

// Microsoft's own Adaptive Cards library (its browser bundle parses in Node) checks our card.
interface CardEvent {
  message: string
}
interface SerializationContext {
  eventCount: number
  getEventAt(index: number): CardEvent
}
interface AdaptiveCardsLibrary {
  AdaptiveCard: new () => { parse(card: unknown, context: SerializationContext): void; validateProperties(): { validationEvents?: CardEvent[] } }
  SerializationContext: new () => SerializationContext
}
const AdaptiveCards = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsLibrary

function adaptiveCardProblems(card: unknown): string[] {
  const parsed = new AdaptiveCards.AdaptiveCard()
  const context = new AdaptiveCards.SerializationContext()
  parsed.parse(card, context)
  const problems: string[] = []
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message)
  for (const event of parsed.validateProperties().validationEvents ?? []) problems.push(event.message)
  return problems
}

// Teams Workflows, Discord and generic webhooks are real HTTP servers on loopback that record what
// they got; payloads are checked against each provider's documented format.
describe('notify → webhooks (Teams Workflows and Discord faked by HTTP receivers on loopback; generic webhook receiver)', () => {
  let receiver: Recorder
  beforeAll(async () => {
    receiver = await startRecorder()
  })
  afterAll(async () => receiver.stop())
  beforeEach(() => {
    receiver.reset()
    receiver.setHandler(() => ({ status: 200, body: {} }))
  })

  const base = { environment: 'staging', version: 'v2.0.0', 'environment-url': 'https://staging.shop.example.com' }

  it('Teams: posts a message with an Adaptive Card 1.4 attachment that the Adaptive Cards library accepts', async () => {
    receiver.setHandler(() => ({ status: 202 }))
    const url = `${receiver.url}/workflows/abc123/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s3cr3tSignatureValue`
    const result = await runAction({ action: 'notify', inputs: { ...base, channels: 'teams', status: 'success', 'teams-webhook-url': url } })
    expect(result.errors).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ teams: true })
    const [request] = receiver.requests
    expect(request.method).toBe('POST')
    expect(request.query.get('sig')).toBe('s3cr3tSignatureValue')
    const body = request.json<{ type: string; attachments: { contentType: string; contentUrl: null; content: Record<string, unknown> }[] }>()
    expect(body.type).toBe('message')
    expect(body.attachments).toHaveLength(1)
    expect(body.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive')
    const card = body.attachments[0].content as {
      type: string
      version: string
      body: { type: string; style?: string; facts?: { title: string; value: string }[] }[]
      actions: { type: string; url: string }[]
    }
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json' })
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'good' })
    expect(card.body.find((b) => b.type === 'FactSet')!.facts).toEqual(
      expect.arrayContaining([
        { title: 'Environment', value: '[staging](https://staging.shop.example.com)' },
        { title: 'Version', value: 'v2.0.0' },
        { title: 'Commit', value: '[6dcb09b](https://github.com/octo-org/shop/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e)' }
      ])
    )
    expect(card.actions.map((a) => [a.type, a.url])).toEqual([
      ['Action.OpenUrl', 'https://github.com/octo-org/shop/actions/runs/1658821493'],
      ['Action.OpenUrl', 'https://staging.shop.example.com']
    ])
    expect(adaptiveCardProblems(card)).toEqual([])
    expect(leakedSecrets(result, ['s3cr3tSignatureValue'])).toEqual([])
    await cleanup(result)
  })

  it('the card check itself rejects a malformed card (so the test above can fail)', () => {
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.4', body: [{ type: 'Bogus' }, { type: 'TextBlock', text: 'x', color: 'purple' }] })).toHaveLength(2)
  })

  it('Discord: posts an embed with ?wait=true and outputs the message id', async () => {
    receiver.setHandler((r) => ({
      status: 200,
      body: { id: '1181592376104796200', channel_id: '1100000000000000000', type: 0, content: '', embeds: r.json<{ embeds: unknown[] }>().embeds }
    }))
    const url = `${receiver.url}/api/webhooks/1100000000000000001/DiScOrDwEbHoOkToKeN_abcdef`
    const result = await runAction({ action: 'notify', inputs: { ...base, channels: 'discord', status: 'failure', 'discord-webhook-url': url } })
    expect(result.errors).toEqual([])
    expect(result.outputs['discord-message-id']).toBe('1181592376104796200')
    const [request] = receiver.requests
    expect(request.path).toBe('/api/webhooks/1100000000000000001/DiScOrDwEbHoOkToKeN_abcdef')
    expect(request.query.get('wait')).toBe('true')
    const body = request.json<{
      embeds: { title: string; description: string; color: number; url: string; fields: { name: string; value: string; inline: boolean }[]; timestamp: string }[]
      allowed_mentions: unknown
    }>()
    expect(body.allowed_mentions).toEqual({ parse: [] })
    const [embed] = body.embeds
    expect(embed.color).toBe(0xe01e5a)
    expect(embed.title).toBe('❌ Deployment of shop v2.0.0 to staging failed')
    expect(embed.title.length).toBeLessThanOrEqual(256)
    expect(embed.description.length).toBeLessThanOrEqual(4096)
    expect(embed.fields.length).toBeLessThanOrEqual(25)
    expect(embed.fields).toEqual(expect.arrayContaining([{ name: 'Environment', value: '[staging](https://staging.shop.example.com)', inline: true }]))
    expect(new Date(embed.timestamp).toISOString()).toBe(embed.timestamp)
    expect(leakedSecrets(result, ['DiScOrDwEbHoOkToKeN_abcdef'])).toEqual([])
    await cleanup(result)
  })

  it('generic webhook: a signed JSON body a receiver can verify, and replays are rejectable', async () => {
    const secret = 'whsec_0123456789abcdef'
    const template = 'Shipped {{version}} ({{short_sha}}) to {{environment}} — image {{outputs.image}}, {{outputs.migrations}} migrations'
    const result = await runAction({
      action: 'notify',
      inputs: {
        ...base,
        channels: 'webhook',
        status: 'success',
        'webhook-url': `${receiver.url}/hooks/deploy`,
        'webhook-secret': secret,
        message: template,
        outputs: '{"image":"ghcr.io/octo-org/shop:2.0.0","migrations":3}'
      }
    })
    expect(result.errors).toEqual([])
    const [request] = receiver.requests
    const now = Math.floor(Date.now() / 1000)
    const signature = { signature: request.headers['x-deploy-signature'], timestamp: request.headers['x-deploy-timestamp'] }
    expect(signature.signature).toMatch(/^sha256=[0-9a-f]{64}$/)
    expect(verifyWebhookSignature(secret, signature, request.body, now)).toEqual({ ok: true })
    expect(verifyWebhookSignature('wrong-secret', signature, request.body, now)).toEqual({ ok: false, reason: 'signature does not match' })
    expect(verifyWebhookSignature(secret, signature, request.body.replace('success', 'failure'), now).ok).toBe(false)
    expect(verifyWebhookSignature(secret, signature, request.body, now + 3600)).toEqual({ ok: false, reason: 'timestamp outside the tolerance (possible replay)' })
    expect(request.json()).toMatchObject({
      schema: 1,
      event: 'deployment',
      status: 'success',
      environment: 'staging',
      environment_url: 'https://staging.shop.example.com',
      version: 'v2.0.0',
      actor: 'octocat',
      repository: 'octo-org/shop',
      sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      run_url: 'https://github.com/octo-org/shop/actions/runs/1658821493',
      outputs: { image: 'ghcr.io/octo-org/shop:2.0.0', migrations: '3' },
      text: 'Shipped v2.0.0 (6dcb09b) to staging — image ghcr.io/octo-org/shop:2.0.0, 3 migrations'
    })
    expect(leakedSecrets(result, [secret])).toEqual([])
    await cleanup(result)
  })

  it.each([
    ['success', 'success'],
    ['failure', 'failure'],
    ['cancelled', 'cancelled']
  ])('with no status input, job-status %s (the ${{ job.status }} default) notifies %s', async (jobStatus, status) => {
    const result = await runAction({ action: 'notify', inputs: { ...base, channels: 'webhook', 'job-status': jobStatus, 'webhook-url': `${receiver.url}/hooks/deploy` } })
    expect(result.errors).toEqual([])
    expect(result.outputs.status).toBe(status)
    expect(receiver.requests[0].json()).toMatchObject({ status })
    await cleanup(result)
  })

  it('429 with Retry-After: 1, then 200: delivered, after waiting the second the receiver asked for', async () => {
    receiver.enqueue({ status: 429, headers: { 'retry-after': '1' }, body: { message: 'slow down' } })
    const result = await runAction({ action: 'notify', inputs: { ...base, channels: 'webhook', status: 'started', 'webhook-url': `${receiver.url}/hooks/deploy` } })
    expect(result.errors).toEqual([])
    expect(JSON.parse(result.outputs.delivered)).toEqual({ webhook: true })
    expect(receiver.requests).toHaveLength(2)
    const waited = receiver.requests[1].at - receiver.requests[0].at
    expect(waited).toBeGreaterThanOrEqual(950)
    expect(waited).toBeLessThan(10_000)
    expect(receiver.requests[1].body).toBe(receiver.requests[0].body)
    expect(result.stdout).toContain('webhook: HTTP 429 (Retry-After 1 s); retrying in 1.0 s (attempt 2 of 4)')
    expect(result.summary).toMatch(/Webhook \| ✅ delivered/)
    await cleanup(result)
  })

  it('a failing channel is a warning by default: the others are delivered and the step succeeds; fail-on-error fails it', async () => {
    receiver.setHandler((r) => (r.path.startsWith('/teams') ? { status: 500, body: 'flow failed' } : { status: 200, body: { id: '42' } }))
    const teamsUrl = `${receiver.url}/teams/workflows/xyz?sig=TeamsSigSecret123`
    const inputs = {
      ...base,
      channels: 'teams, discord',
      status: 'cancelled',
      attempts: '2',
      'teams-webhook-url': teamsUrl,
      'discord-webhook-url': `${receiver.url}/discord/api/webhooks/1/tok`
    }
    const soft = await runAction({ action: 'notify', inputs })
    expect(soft.exitCode).toBe(0)
    expect(soft.errors).toEqual([])
    expect(JSON.parse(soft.outputs.delivered)).toEqual({ teams: false, discord: true })
    expect(soft.warnings).toEqual(['notify: teams not delivered: Teams webhook answered HTTP 500: flow failed (gave up after 2 attempts)'])
    expect(soft.summary).toContain('| Microsoft Teams | ⚠️ not delivered | Teams webhook answered HTTP 500: flow failed (gave up after 2 attempts) |')
    expect(soft.summary).toContain('| Discord | ✅ delivered | posted message 42 |')
    expect(receiver.requests.filter((r) => r.path.startsWith('/teams'))).toHaveLength(2)

    const hard = await runAction({ action: 'notify', inputs: { ...inputs, 'fail-on-error': 'true' } })
    expect(hard.exitCode).toBe(1)
    expect(hard.errors).toEqual(['notify failed: 1 of 2 channels not delivered: teams (Teams webhook answered HTTP 500: flow failed (gave up after 2 attempts))'])
    expect(JSON.parse(hard.outputs.delivered)).toEqual({ teams: false, discord: true })
    for (const r of [soft, hard]) {
      expect(leakedSecrets(r, ['TeamsSigSecret123', teamsUrl])).toEqual([])
      await cleanup(r)
    }
  })

  it('a receiver that cannot be reached is named by channel, never by URL', async () => {
    const dead = await startRecorder()
    const url = `${dead.url}/hooks/secret-path-token-999`
    await dead.stop()
    const result = await runAction({ action: 'notify', inputs: { ...base, channels: 'webhook', status: 'success', attempts: '1', 'webhook-url': url } })
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([expect.stringMatching(/^notify: webhook not delivered: webhook could not be reached after 1 attempt: .*ECONNREFUSED/)])
    expect(leakedSecrets(result, ['secret-path-token-999'])).toEqual([])
    await cleanup(result)
  })
})
