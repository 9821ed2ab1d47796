import { describe, expect, test } from '@jest/globals'
import { EngineError, runInvocation } from '../../../actions/build-push/src/run-engine.js'

/** The engine runner with real processes (sh standing in for the engine). */

describe('runInvocation', () => {
  test('the output is kept; a failure names the step, shows the last lines and says whether a retry may help', async () => {
    expect(await runInvocation({ program: 'sh', args: ['-c', 'echo built; echo WARN[0000] careful >&2'], step: 'build' }, {}, '.', undefined)).toContain('built')
    const failure = runInvocation({ program: 'sh', args: ['-c', 'echo "unexpected status: 503 Service Unavailable"; exit 3'], step: 'build' }, {}, '.', undefined)
    await expect(failure).rejects.toThrow('sh build exited with 3: unexpected status: 503 Service Unavailable')
    await expect(failure).rejects.toMatchObject({ retryable: true })
    await expect(runInvocation({ program: 'sh', args: ['-c', 'exit 1'], step: 'build' }, {}, '.', undefined)).rejects.toBeInstanceOf(EngineError)
  })

  test('the environment given reaches the engine (credentials file paths)', async () => {
    expect(await runInvocation({ program: 'sh', args: ['-c', 'echo "$REGISTRY_AUTH_FILE"'], step: 'env' }, { REGISTRY_AUTH_FILE: '/tmp/x/config.json' }, '.', undefined)).toContain(
      '/tmp/x/config.json'
    )
  })

  test('build-timeout stops the engine; cancellation too; a missing engine says so', async () => {
    await expect(runInvocation({ program: 'sh', args: ['-c', 'sleep 30'], step: 'build' }, {}, '.', undefined, AbortSignal.timeout(200))).rejects.toThrow(
      'sh -c stopped: it ran longer than build-timeout'
    )
    const controller = new AbortController()
    const cancelled = runInvocation({ program: 'sh', args: ['-c', 'sleep 30'], step: 'build' }, {}, '.', undefined, controller.signal)
    setTimeout(() => controller.abort(new Error('cancelled (SIGTERM)')), 100)
    await expect(cancelled).rejects.toThrow('the job was cancelled')
    await expect(runInvocation({ program: 'no-such-engine', args: [], step: 'build' }, {}, '.', undefined)).rejects.toThrow('no-such-engine was not found on PATH')
  })
})
