import { jest, describe, expect, it, beforeEach } from '@jest/globals'
import { silentLogger } from '../../../../../../packages/core/log.js'
import { context, message } from '../../../../notify/fixtures.js'

// @slack/web-api mocked at the edge: what matters here is how the notifier configures the SDK and
// how our retry policy treats the SDK's errors (the HTTP shapes are covered by the runner tests).
const postMessage = jest.fn<(args: Record<string, unknown>) => Promise<unknown>>()
const update = jest.fn<(args: Record<string, unknown>) => Promise<unknown>>()
const constructed: { token: string; options: Record<string, unknown> }[] = []
class WebClient {
  chat = { postMessage, update }
  constructor(token: string, options: Record<string, unknown>) {
    constructed.push({ token, options })
  }
}
jest.unstable_mockModule('@slack/web-api', () => ({ WebClient }))
const { SlackNotifier } = await import('../../../../../../packages/providers/notifier/slack/slack-notifier.js')

const rateLimited = (seconds: number) => Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: seconds })
const platform = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: 'slack_webapi_platform_error', data: { ok: false, error } })

describe('SlackNotifier with the bot token (@slack/web-api mocked)', () => {
  const sleep = jest.fn<(ms: number) => Promise<void>>(async () => undefined)
  const deps = { policy: { attempts: 4, baseDelayMs: 500, timeoutMs: 10_000 }, logger: silentLogger, sleep }
  const config = { channel: 'slack' as const, token: 'xoxb-t', slackChannel: 'C1', apiUrl: 'https://slack.com/api/' }

  beforeEach(() => {
    postMessage.mockReset()
    update.mockReset()
    sleep.mockClear()
    constructed.length = 0
  })

  it('switches the SDK’s own retries off so our policy is the only one', async () => {
    postMessage.mockResolvedValue({ ok: true, channel: 'C1', ts: '1.000001' })
    const delivery = await new SlackNotifier(config, deps).send({ context, message })
    expect(delivery.outputs).toEqual({ 'slack-ts': '1.000001', 'slack-channel': 'C1', 'thread-ts': '1.000001', 'channel-id': 'C1' })
    expect(constructed[0]).toEqual({
      token: 'xoxb-t',
      options: expect.objectContaining({ retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 10_000, slackApiUrl: 'https://slack.com/api/' })
    })
  })

  it('waits what Retry-After says on a rate limit, then posts', async () => {
    postMessage.mockRejectedValueOnce(rateLimited(30)).mockResolvedValueOnce({ ok: true, channel: 'C1', ts: '1.000002' })
    await new SlackNotifier(config, deps).send({ context, message })
    expect(sleep.mock.calls).toEqual([[30_000]])
    expect(postMessage).toHaveBeenCalledTimes(2)
  })

  it('does not retry a platform error, and names it', async () => {
    postMessage.mockRejectedValue(platform('not_in_channel'))
    await expect(new SlackNotifier(config, deps).send({ context, message })).rejects.toThrow('Slack chat.postMessage answered error "not_in_channel" — invite the bot to the channel')
    expect(postMessage).toHaveBeenCalledTimes(1)
  })

  it('gives up after the attempts on repeated 503s', async () => {
    postMessage.mockRejectedValue(Object.assign(new Error('HTTP 503'), { code: 'slack_webapi_http_error', statusCode: 503 }))
    await expect(new SlackNotifier(config, deps).send({ context, message })).rejects.toThrow('Slack chat.postMessage answered HTTP 503')
    expect(postMessage).toHaveBeenCalledTimes(4)
    expect(sleep).toHaveBeenCalledTimes(3)
  })

  it('updates with chat.update when given a ts, keeping the same ts', async () => {
    update.mockResolvedValue({ ok: true, channel: 'C1', ts: '1.000003' })
    const delivery = await new SlackNotifier({ ...config, ts: '1.000003' }, deps).send({ context, message })
    expect(update).toHaveBeenCalledWith(expect.objectContaining({ channel: 'C1', ts: '1.000003', text: expect.any(String), blocks: expect.any(Array), attachments: expect.any(Array) }))
    expect(postMessage).not.toHaveBeenCalled()
    expect(delivery.detail).toBe('updated message 1.000003 in C1')
  })
})
