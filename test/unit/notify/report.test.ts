import { describe, expect, it } from '@jest/globals'
import { deliveredMap, stepOutputs, summaryMarkdown, type ChannelResult } from '../../../actions/notify/src/report.js'
import { describeError } from '../../../packages/providers/notifier/delivery-retry.js'
import { HttpStatusError } from '../../../packages/core/http.js'
import { context } from './fixtures.js'

const results: ChannelResult[] = [
  { channel: 'slack', delivered: true, detail: 'posted message 1.2 to C1', outputs: { 'slack-ts': '1.2', 'slack-channel': 'C1' } },
  { channel: 'teams', delivered: false, detail: 'Teams webhook answered HTTP 500 for https://x/sig=TOPSECRET', outputs: {} },
  { channel: 'github', delivered: false, detail: 'GitHub create comment answered HTTP 403', outputs: { 'deployment-id': '9' } }
]

describe('report (pure)', () => {
  it('outputs: delivered map, status, the time and every channel’s own outputs (also from a partly failed channel)', () => {
    expect(deliveredMap(results)).toEqual({ slack: true, teams: false, github: false })
    expect(stepOutputs(results, context, 1_795_341_600_999)).toEqual({
      delivered: '{"slack":true,"teams":false,"github":false}',
      status: 'success',
      time: '1795341600',
      'slack-ts': '1.2',
      'slack-channel': 'C1',
      'deployment-id': '9'
    })
  })

  it('summary: a line per channel, delivered or why not, secrets redacted', () => {
    expect(summaryMarkdown(results, context, ['TOPSECRET'])).toBe(
      [
        '### ✅ Notify: shop v1.4.2 → production (Succeeded)',
        '',
        '| channel | result | detail |',
        '| --- | --- | --- |',
        '| Slack | ✅ delivered | posted message 1.2 to C1 |',
        '| Microsoft Teams | ⚠️ not delivered | Teams webhook answered HTTP 500 for https://x/sig=*** |',
        '| GitHub | ⚠️ not delivered | GitHub create comment answered HTTP 403 |',
        ''
      ].join('\n')
    )
  })

  it.each([
    [new HttpStatusError(429, { status: 429, headers: { 'retry-after': '2' }, body: '', durationMs: 1 }, 'x'), 'HTTP 429 (Retry-After 2 s)'],
    [new HttpStatusError(500, { status: 500, headers: {}, body: '', durationMs: 1 }, 'x'), 'HTTP 500'],
    [Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), 'fetch failed (ECONNREFUSED)'],
    ['plain', 'plain']
  ])('describeError(%p)', (error, text) => expect(describeError(error)).toBe(text))
})
