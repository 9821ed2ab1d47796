import { describe, expect, it } from '@jest/globals'
import { parseSlackPayload, renderSlackPayload } from '../../../actions/notify/src/slack-payload.js'
import { context, message, withContext } from './fixtures.js'

describe('a team’s own Slack payload (pure)', () => {
  it('fills placeholders in string values only, so a value cannot break the document', () => {
    const payload = parseSlackPayload(
      'payload',
      JSON.stringify({
        text: '{{title}}',
        username: '{{service}} deploys',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '{{slack_emoji}} *{{environment}}*: {{text}} ({{outputs.image}})' } }],
        attachments: [{ color: '{{color}}', fallback: '{{emoji}} {{status_label}}' }],
        unfurl_links: true
      }),
      ['image']
    )
    const quoted = withContext({ service: 'api"}]', outputs: { image: 'x"}' } })
    expect(renderSlackPayload('payload', payload, quoted, message)).toEqual({
      text: '✅ shop v1.4.2 is live on production',
      username: 'api"}] deploys',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: ':white_check_mark: *production*: shop v1.4.2 was deployed to production by octocat in 1m 35s. (x"})' } }],
      attachments: [{ color: '#2EB67D', fallback: '✅ Succeeded' }],
      unfurl_links: true
    })
  })

  it.each([
    [
      { blocks: [{ type: 'header', text: { type: 'plain_text', text: '{{text}}'.repeat(5) } }] },
      'Input "payload-file" breaks Slack\'s Block Kit limits: blocks[0].text has 300 characters (at most 150)'
    ],
    [{ blocks: [{ type: 'header' }] }, 'a block is missing a required field'],
    [{ blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }, 'blocks has 51 blocks (at most 50)']
  ])('a rendered payload over Slack’s limits is an input error: %#', (document, error) => {
    const payload = parseSlackPayload('payload-file', JSON.stringify(document), [])
    expect(() => renderSlackPayload('payload-file', payload, context, message)).toThrow(error)
  })
})
