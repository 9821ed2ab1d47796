import { jest, describe, expect, it } from '@jest/globals'
import { silentLogger } from '../../../../../../packages/core/log.js'
import { context, message } from '../../../../notify/fixtures.js'

// @actions/github's Octokit mocked at the edge: what matters here is that each call carries the
// attempt's signal, so an attempt cut off by the timeout is aborted instead of left running (the
// REST shapes are covered by the runner tests against the fake GitHub API).
const createCommitStatus = jest.fn<(args: Record<string, unknown>) => Promise<unknown>>()
jest.unstable_mockModule('@actions/github', () => ({ getOctokit: () => ({ rest: { repos: { createCommitStatus } } }) }))
const { GitHubNotifier } = await import('../../../../../../packages/providers/notifier/github/github-notifier.js')

describe('GitHubNotifier (Octokit mocked)', () => {
  it('aborts an attempt that does not answer within the timeout, then retries', async () => {
    const signals: AbortSignal[] = []
    createCommitStatus.mockImplementation((args) => {
      const { signal } = args.request as { signal: AbortSignal }
      signals.push(signal)
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('The operation was aborted'))))
    })
    const deps = { policy: { attempts: 2, baseDelayMs: 1, timeoutMs: 20 }, logger: silentLogger, sleep: async () => undefined }
    const config = { channel: 'github' as const, token: 't', repository: 'octo-org/shop', deployment: 'off' as const, commitStatus: true }
    await expect(new GitHubNotifier(config, deps).send({ context, message })).rejects.toThrow('GitHub commit status did not answer within 20 ms (gave up after 2 attempts)')
    expect(createCommitStatus).toHaveBeenCalledTimes(2)
    expect(createCommitStatus.mock.calls[0][0]).toMatchObject({ owner: 'octo-org', repo: 'shop', sha: context.sha, state: 'success', context: 'deploy/production' })
    expect(signals.map((s) => s.aborted)).toEqual([true, true])
  })
})
