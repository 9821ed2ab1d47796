import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { cleanup, runAction, type RunResult } from '../../support/runner.js'
import { K8S_TOKEN, startFakeKubernetes, type FakeKubernetes } from '../../support/fakes/kubernetes-api.js'

// dist/blue-green-swap/index.js with provider kubernetes, run as the runner does, against a fake
// Kubernetes API server on loopback reached through a kubeconfig file (faked Kubernetes API).
let fake: FakeKubernetes
let kubeconfig: string

async function swap(inputs: Record<string, string>): Promise<RunResult> {
  const result = await runAction({
    action: 'blue-green-swap',
    inputs: { provider: 'kubernetes', 'k8s-kubeconfig': kubeconfig, 'k8s-app': 'shop', 'k8s-poll-interval': '20ms', ...inputs },
    timeoutMs: 60_000
  })
  await cleanup(result)
  return result
}

const selector = (): string => (fake.get('services', 'shop')!.spec as { selector: Record<string, string> }).selector['deploy-actions/color']
const weight = (): string => (fake.get('ingresses', 'shop-canary')!.metadata as { annotations: Record<string, string> }).annotations['nginx.ingress.kubernetes.io/canary-weight']
const visible = (result: RunResult): string =>
  (result.stdout + result.stderr + result.summary + JSON.stringify(result.outputs))
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n')

beforeEach(async () => {
  fake = await startFakeKubernetes()
  fake.seed({ app: 'shop', ingress: 'shop', blueImage: 'ghcr.io/octo-org/shop:1.0.0', replicas: 2 })
  kubeconfig = await fake.writeKubeconfig()
})

afterEach(async () => {
  await fake.stop()
})

describe('blue-green-swap provider kubernetes (runner contract, faked Kubernetes API)', () => {
  it('service switch: green rolled out through throttling, one switch instead of steps, outputs and summary from the cluster', async () => {
    fake.throttle(1)
    const result = await swap({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0', steps: '10,50,100' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(selector()).toBe('green')
    expect(result.outputs).toMatchObject({
      outcome: 'promoted',
      'active-color': 'green',
      'active-version': '1.1.0',
      'previous-version': 'ghcr.io/octo-org/shop:1.0.0',
      'rolled-back': 'false',
      url: 'http://shop.shop.svc.cluster.local/'
    })
    expect(result.stdout).toContain('kubernetes cannot split traffic by percent: one switch to 100% instead of steps 10, 50, 100')
    expect(result.stdout).toContain('waiting for the rollout of Deployment shop-green')
    expect(result.stdout).toContain('HTTP 429; retry 1')
    expect(result.summary).toContain('1.1.0')
    expect(visible(result)).not.toContain(K8S_TOKEN)
    // The deploy lock was released.
    expect((fake.get('services', 'shop')!.metadata as { annotations: Record<string, string> }).annotations['deploy-actions/lock']).toBeUndefined()

    const again = await swap({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' })
    expect(again.exitCode).toBe(0)
    expect(again.outputs.reason).toContain('already live')
  })

  it('ingress-nginx: canary weights in steps, then the Service moves and the weight returns to 0', async () => {
    const result = await swap({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0', steps: '20,60,100', 'k8s-switch': 'ingress-nginx', 'k8s-ingress': 'shop' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const weights = fake.patches('ingresses').map((r) => (r.body as { metadata: { annotations: Record<string, string> } }).metadata.annotations['nginx.ingress.kubernetes.io/canary-weight'])
    expect(weights).toEqual(['20', '60', '100', '0'])
    expect(selector()).toBe('green')
    expect(weight()).toBe('0')
    expect(result.outputs).toMatchObject({ outcome: 'promoted', 'active-color': 'green', 'active-version': '1.1.0' })
  })

  it('ingress-nginx paused after a step: the pause is recorded on the Service, and the next run with mode promote finishes it', async () => {
    const ingress = { 'k8s-switch': 'ingress-nginx', 'k8s-ingress': 'shop' }
    const paused = await swap({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0', steps: '20,100', 'pause-after-step': '20', ...ingress })
    expect(paused.errors).toEqual([])
    expect(paused.outputs).toMatchObject({ outcome: 'paused', 'active-color': 'blue' })
    expect(weight()).toBe('20')
    expect(selector()).toBe('blue')
    const promoted = await swap({ mode: 'promote', ...ingress })
    expect(promoted.errors).toEqual([])
    expect(promoted.outputs).toMatchObject({ outcome: 'promoted', 'active-color': 'green', 'active-version': '1.1.0' })
    expect(weight()).toBe('0')
    expect(selector()).toBe('green')
  })

  it.each<[string, number, number, string]>([
    ['passes: the switch goes ahead', 200, 0, 'green'],
    ['fails: green never gets traffic, the run fails', 500, 1, 'blue']
  ])('green checked at k8s-color-url before it gets traffic (%s)', async (_name, status, exitCode, serving) => {
    // Stands in for an address that reaches one color alone (an internal Ingress host per color).
    const seen: string[] = []
    const server = createServer((req, res) => {
      seen.push(req.url ?? '')
      res.writeHead(status).end()
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const port = (server.address() as AddressInfo).port
      const result = await swap({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0', 'check-path': '/health', 'k8s-color-url': `http://127.0.0.1:${port}/{color}/` })
      expect(result.exitCode).toBe(exitCode)
      expect(seen[0]).toBe('/green/health')
      expect(selector()).toBe(serving)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it('ProgressDeadlineExceeded: exit 1, blue keeps serving, green scaled to 0, and the run says why', async () => {
    fake.rollout('shop-green', 'deadline')
    const result = await swap({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:broken' })
    expect(result.exitCode).toBe(1)
    expect(selector()).toBe('blue')
    expect((fake.get('deployments', 'shop-green')!.spec as { replicas: number }).replicas).toBe(0)
    expect(result.outputs).toMatchObject({ outcome: 'rolled-back', 'active-color': 'blue', 'active-version': 'ghcr.io/octo-org/shop:1.0.0', 'rolled-back': 'true' })
    expect(result.errors[0]).toContain('ProgressDeadlineExceeded')
  })

  it('a shift failing midway with ingress-nginx: exit 1, the weight read back and returned to 0', async () => {
    fake.failPatches('ingresses', 1, 422, (body) => JSON.stringify(body).includes('canary-weight":"60"'))
    const result = await swap({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0', steps: '20,60,100', 'k8s-switch': 'ingress-nginx', 'k8s-ingress': 'shop' })
    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toContain('traffic now: 80% on blue, 20% on green')
    expect(weight()).toBe('0')
    expect(selector()).toBe('blue')
    expect(result.outputs).toMatchObject({ outcome: 'rolled-back', 'active-color': 'blue', 'rolled-back': 'true' })
  })

  it('mode rollback after a promotion goes back to blue; a second one says it already happened', async () => {
    expect((await swap({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' })).exitCode).toBe(0)
    const result = await swap({ mode: 'rollback' })
    expect(result.exitCode).toBe(0)
    expect(selector()).toBe('blue')
    expect(result.outputs).toMatchObject({ 'active-color': 'blue', 'active-version': 'ghcr.io/octo-org/shop:1.0.0', 'rolled-back': 'true' })
    const again = await swap({ mode: 'rollback' })
    expect(again.exitCode).toBe(0)
    expect(again.outputs.reason).toContain('already rolled back')
  })

  it.each<[string, Record<string, string>, string]>([
    ['a missing app', { version: '1.1.0', image: 'a:1', 'k8s-app': '' }, 'Input "k8s-app" is empty'],
    ['an app name Kubernetes refuses', { version: '1.1.0', image: 'a:1', 'k8s-app': 'Shop_API' }, 'Input "k8s-app" is "Shop_API", which is not a valid app name'],
    ['a namespace Kubernetes refuses', { version: '1.1.0', image: 'a:1', 'k8s-namespace': 'prod.eu' }, 'Input "k8s-namespace" is "prod.eu", which is not a valid namespace name'],
    ['an unknown switch', { version: '1.1.0', image: 'a:1', 'k8s-switch': 'istio' }, 'Input "k8s-switch" is "istio", which is not allowed'],
    ['ingress-nginx without an ingress', { version: '1.1.0', image: 'a:1', 'k8s-switch': 'ingress-nginx' }, 'Input "k8s-ingress" is empty, but k8s-switch is ingress-nginx'],
    [
      'the kubeconfig text instead of a path',
      { version: '1.1.0', image: 'a:1', 'k8s-kubeconfig': `apiVersion: v1\nusers:\n- user:\n    token: ${K8S_TOKEN}` },
      'Input "k8s-kubeconfig" holds the kubeconfig text'
    ],
    [
      'a kubeconfig file that is not there',
      { version: '1.1.0', image: 'a:1', 'k8s-kubeconfig': '/nonexistent/config' },
      'Input "k8s-kubeconfig" names /nonexistent/config, which does not exist'
    ],
    ['no image', { version: '1.1.0' }, 'Input "image" is empty'],
    ['env for a Deployment', { version: '1.1.0', image: 'a:1', env: 'A=b' }, 'Input "env" is set, but provider kubernetes only changes the image'],
    ['a pause with one switch', { version: '1.1.0', image: 'a:1', steps: '10,100', 'pause-after-step': '10' }, 'Input "pause-after-step" is set, but k8s-switch is service'],
    ['an input of another provider', { version: '1.1.0', image: 'a:1', 'vercel-project': 'shop' }, 'Input "vercel-project" is set, but provider is kubernetes']
  ])('bad input (%s) fails before any call to the cluster, naming the input', async (_name, inputs, message) => {
    const result = await swap(inputs)
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(message)
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /)
    expect(visible(result)).not.toContain(K8S_TOKEN)
    expect(fake.requests).toEqual([])
    expect(result.outputs).toEqual({})
  })
})
