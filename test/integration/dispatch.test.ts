import { describe, expect, it } from '@jest/globals'
import { runAction } from '../support/runner.js'
import { startSampleApp } from '../support/services/sample-app.js'

describe('root action (uses: org/deploy-actions@v1) — runner contract', () => {
  it('rejects an action that is not part of the suite, naming the input', async () => {
    const result = await runAction({ action: 'root', inputs: { action: 'deploy-everything' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^Input "action" is "deploy-everything", which is not an action of this suite; expected one of .*smoke-test/)])
  })

  it('runs the chosen action with its own defaults filled in', async () => {
    const app = await startSampleApp()
    try {
      // Only url is given: method GET, expect-status 200-299, timeout, retries and concurrency come
      // from smoke-test's action.yml through the dispatcher, as the root action.yml declares none.
      const result = await runAction({ action: 'root', inputs: { action: 'smoke-test', url: `${app.url}/health` } })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({ passed: '1', failed: '0', total: '1' })
      expect(result.summary).toContain('Smoke test passed')
    } finally {
      await app.stop()
    }
  })

  it('passes a bad input of the chosen action through to its one-line error', async () => {
    const result = await runAction({ action: 'root', inputs: { action: 'smoke-test', url: 'http://127.0.0.1:9/health', timeout: 'soon' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^Input "timeout" is "soon", which is not a duration/)])
  })
})
