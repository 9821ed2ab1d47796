import { describe, expect, it } from '@jest/globals'
import { runAction } from '../support/runner.js'

describe('root action (uses: org/deploy-actions@v1) — runner contract', () => {
  it('rejects an action that is not part of the suite, naming the input', async () => {
    const result = await runAction({ action: 'root', inputs: { action: 'deploy-everything' } })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([expect.stringMatching(/^Input "action" is "deploy-everything", which is not an action of this suite; expected one of .*smoke-test/)])
  })
})
