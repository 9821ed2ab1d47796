import { describe, expect, test } from '@jest/globals'
import { gitContext, type GitContext } from '../../../actions/build-push/src/git-context.js'
import { ociLabels } from '../../../actions/build-push/src/labels.js'
import { computeTags, sanitiseBranch, semverFromRef } from '../../../actions/build-push/src/tags.js'

const sha = '6dcb09b5b57875f334f61aebed695e2e4193db5e'
const now = new Date('2026-11-29T09:00:00Z')
const ALL = ['sha', 'short-sha', 'branch', 'semver', 'latest', 'pr']
const ctx = (overrides: Partial<GitContext>): GitContext => ({ sha, ref: 'refs/heads/main', eventName: 'push', defaultBranch: 'main', runNumber: '42', ...overrides })

describe('computeTags', () => {
  test.each<[string, Partial<GitContext>, string[], string[]]>([
    ['push to the default branch', {}, ALL, [sha, '6dcb09b', 'main', 'latest']],
    ['push to another branch: no latest', { ref: 'refs/heads/feature/Login_v2' }, ALL, [sha, '6dcb09b', 'feature-Login_v2']],
    ['a release tag', { ref: 'refs/tags/v1.2.3' }, ALL, [sha, '6dcb09b', '1.2.3', '1.2', '1']],
    ['a pre-release tag: only itself', { ref: 'refs/tags/v2.0.0-rc.1' }, ['semver'], ['2.0.0-rc.1']],
    ['0.x: no moving major tag', { ref: 'refs/tags/0.4.2' }, ['semver'], ['0.4.2', '0.4']],
    ['build metadata becomes -', { ref: 'refs/tags/v1.0.0+build.7' }, ['semver'], ['1.0.0-build.7', '1.0', '1']],
    ['a tag that is not semver', { ref: 'refs/tags/release-2026' }, ['semver', 'short-sha'], ['6dcb09b']],
    ['a pull request', { ref: 'refs/pull/12/merge', eventName: 'pull_request', prNumber: 12 }, ALL, [sha, '6dcb09b', 'pr-12']],
    ['no default branch known: no latest', { defaultBranch: undefined }, ['latest', 'short-sha'], ['6dcb09b']],
    [
      'templates',
      { ref: 'refs/tags/v3.1.0' },
      ['v{{major}}.{{minor}}-{{short_sha}}', '{{version}}-run{{run_number}}', 'nightly-{{date}}'],
      ['v3.1-6dcb09b', '3.1.0-run42', 'nightly-20261129']
    ],
    ['a template whose value is missing is skipped', {}, ['{{branch}}-{{run_number}}', 'pr-{{pr}}-x'], ['main-42']],
    ['duplicates once', {}, ['short-sha', '{{short_sha}}'], ['6dcb09b']],
    ['a literal tag', {}, ['stable', 'short-sha'], ['stable', '6dcb09b']]
  ])('%s', (_, overrides, rules, expected) => {
    expect(computeTags(rules, ctx(overrides), now)).toEqual(expected)
  })

  test('a template rendering an invalid tag fails naming the input', () => {
    expect(() => computeTags(['{{branch}}'], ctx({ ref: 'refs/heads/-' }), now)).not.toThrow()
    expect(() => computeTags(['x{{branch}}'], ctx({ ref: `refs/heads/${'b'.repeat(128)}` }), now)).toThrow('Input "tags"')
  })
})

describe('sanitiseBranch and semverFromRef', () => {
  test.each([
    ['feature/login', 'feature-login'],
    ['dependabot/npm_and_yarn/lodash-4.17.21', 'dependabot-npm_and_yarn-lodash-4.17.21'],
    ['.hidden', 'hidden'],
    ['a'.repeat(140), 'a'.repeat(128)],
    ['fix/ümlaut branch', 'fix-mlaut-branch']
  ])('%s → %s', (branch, tag) => expect(sanitiseBranch(branch)).toBe(tag))

  test.each([
    ['refs/tags/v1.2.3', '1.2.3'],
    ['refs/tags/1.2.3', '1.2.3'],
    ['refs/tags/v01.2.3', undefined],
    ['refs/heads/v1.2.3', undefined]
  ])('%s', (ref, version) => expect(semverFromRef(ref)?.version).toBe(version))
})

describe('gitContext and OCI labels', () => {
  test('a pull request builds its head commit, not the merge commit', () => {
    const context = gitContext(
      { GITHUB_SHA: 'f'.repeat(40), GITHUB_REF: 'refs/pull/9/merge', GITHUB_EVENT_NAME: 'pull_request' },
      { pull_request: { number: 9, head: { sha } }, repository: { default_branch: 'main' } }
    )
    expect(context).toMatchObject({ sha, prNumber: 9, defaultBranch: 'main' })
  })

  test('labels: source, revision, created, version, title; the user wins', () => {
    const labels = ociLabels(ctx({ ref: 'refs/tags/v1.4.0', repository: 'octo-org/shop', serverUrl: 'https://github.com' }), ['1.4.0'], now, { 'org.opencontainers.image.title': 'Shop API' })
    expect(labels).toEqual({
      'org.opencontainers.image.source': 'https://github.com/octo-org/shop',
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.created': '2026-11-29T09:00:00.000Z',
      'org.opencontainers.image.version': '1.4.0',
      'org.opencontainers.image.title': 'Shop API'
    })
  })
})
