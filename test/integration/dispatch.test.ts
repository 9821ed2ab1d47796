import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { runAction, type RunResult } from '../support/runner.js'
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

  // The runner calls a post step's file again, with the state the main call saved as STATE_*.
  const postEnv = (result: RunResult): Record<string, string> => Object.fromEntries(Object.entries(result.state).map(([name, value]) => [`STATE_${name}`, value]))

  it('runs nothing in the post step for an action without one (smoke-test sends no second request)', async () => {
    let requests = 0
    const server = createServer((_req, res) => {
      requests++
      res.end('ok')
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/health`
    try {
      const main = await runAction({ action: 'root', inputs: { action: 'smoke-test', url } })
      expect(main.exitCode).toBe(0)
      expect(main.state).toMatchObject({ deploy_actions_dispatched: 'true' })
      expect(requests).toBe(1)
      const post = await runAction({ action: 'root', inputs: { action: 'smoke-test', url }, env: postEnv(main) })
      expect([post.exitCode, post.errors, requests]).toEqual([0, [], 1])
      expect(post.outputs).toEqual({})
    } finally {
      server.close()
    }
  })

  it("runs the chosen action's post step when it has one (build-push signs out: its credentials folder is gone)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'build-push-auth-'))
    writeFileSync(join(dir, 'config.json'), '{"auths":{}}')
    const state = { deploy_actions_dispatched: 'true', isPost: 'true', 'auth-dirs': JSON.stringify([dir]) }
    const post = await runAction({ action: 'root', inputs: { action: 'build-push', images: 'registry.example/app' }, env: postEnv({ state } as unknown as RunResult) })
    expect([post.exitCode, post.errors]).toEqual([0, []])
    expect(existsSync(dir)).toBe(false)
    expect(post.stdout).toContain(`build-push: signed out (removed ${dir})`)
  })
})
