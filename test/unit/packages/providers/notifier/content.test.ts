import { describe, expect, it } from '@jest/globals'
import {
  colorInt,
  defaultText,
  defaultTitle,
  deploymentFacts,
  deploymentLinks,
  formatDuration,
  statusStyle,
  truncate,
  DEPLOY_STATUSES
} from '../../../../../packages/providers/notifier/notification-content.js'
import { context, withContext } from '../../../notify/fixtures.js'

describe('notification content (pure)', () => {
  it.each([
    ['started', '🚀 Deploying shop v1.4.2 to production', 'Deployment of shop v1.4.2 to production started by octocat.'],
    ['success', '✅ shop v1.4.2 is live on production', 'shop v1.4.2 was deployed to production by octocat in 1m 35s.'],
    ['failure', '❌ Deployment of shop v1.4.2 to production failed', 'Deployment of shop v1.4.2 to production by octocat failed in 1m 35s. See the run for details.'],
    ['cancelled', '🚫 Deployment of shop v1.4.2 to production was cancelled', 'Deployment of shop v1.4.2 to production by octocat was cancelled in 1m 35s.'],
    ['rolled_back', '⏪ production rolled back from shop v1.4.2', 'Deployment of shop v1.4.2 to production by octocat was rolled back in 1m 35s; the previous version is serving.']
  ] as const)('%s: default title and text', (status, title, text) => {
    expect(defaultTitle(withContext({ status }))).toBe(title)
    expect(defaultText(withContext({ status }))).toBe(text)
  })

  it('leaves out what is unknown (no version, no duration)', () => {
    const bare = withContext({ version: undefined, durationMs: undefined, environmentUrl: undefined, status: 'success' })
    expect(defaultTitle(bare)).toBe('✅ shop is live on production')
    expect(defaultText(bare)).toBe('shop was deployed to production by octocat.')
    expect(deploymentFacts(bare).map((f) => f.label)).toEqual(['Status', 'Environment', 'Actor', 'Commit'])
    expect(deploymentLinks(bare)).toEqual([{ label: 'View run', url: context.runUrl }])
  })

  it('facts: environment and commit are links; commit is the short sha', () => {
    expect(deploymentFacts(context)).toEqual([
      { label: 'Status', value: 'Succeeded' },
      { label: 'Environment', value: 'production', url: 'https://shop.example.com' },
      { label: 'Version', value: 'v1.4.2' },
      { label: 'Actor', value: 'octocat' },
      { label: 'Commit', value: '6dcb09b', url: 'https://github.com/octo-org/shop/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e' },
      { label: 'Duration', value: '1m 35s' }
    ])
  })

  it.each([
    [0, '0s'],
    [59_400, '59s'],
    [60_000, '1m 0s'],
    [3_599_000, '59m 59s'],
    [3_600_000, '1h 0m'],
    [5_430_000, '1h 30m']
  ])('formatDuration(%i) = %s', (ms, text) => expect(formatDuration(ms)).toBe(text))

  it.each([
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['a longer text', 8, 'a longe…'],
    ['🚀🚀🚀🚀', 3, '🚀🚀…']
  ])('truncate(%p, %i)', (text, max, expected) => expect(truncate(text, max)).toBe(expected))

  it('every status has a distinct colour and label', () => {
    const styles = DEPLOY_STATUSES.map(statusStyle)
    expect(new Set(styles.map((s) => s.label)).size).toBe(DEPLOY_STATUSES.length)
    expect(new Set(styles.map((s) => s.hex)).size).toBe(DEPLOY_STATUSES.length)
    expect(colorInt(statusStyle('failure').hex)).toBe(0xe01e5a)
  })

  it('a service is named instead of the repository, and listed among the facts', () => {
    const backend = withContext({ service: 'backend' })
    expect(defaultTitle(backend)).toBe('✅ backend v1.4.2 is live on production')
    expect(defaultText(backend)).toBe('backend v1.4.2 was deployed to production by octocat in 1m 35s.')
    expect(deploymentFacts(backend).slice(0, 3)).toEqual([
      { label: 'Status', value: 'Succeeded' },
      { label: 'Environment', value: 'production', url: 'https://shop.example.com' },
      { label: 'Service', value: 'backend' }
    ])
    expect(deploymentFacts(context).map((f) => f.label)).not.toContain('Service')
  })
})
