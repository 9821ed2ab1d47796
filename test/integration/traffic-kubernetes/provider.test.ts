import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import type { Logger } from '../../../packages/core/log.js'
import { parseKubernetesConfig, type KubernetesRawInputs } from '../../../packages/providers/traffic/kubernetes/config.js'
import { createKubernetesProvider } from '../../../packages/providers/traffic/kubernetes/provider.js'
import { K8S_NAMESPACE, startFakeKubernetes, type FakeKubernetes } from '../../support/fakes/kubernetes-api.js'

// The provider over @kubernetes/client-node against a loopback fake of the Kubernetes API (faked Kubernetes API).
const signal = new AbortController().signal
let fake: FakeKubernetes
let kubeconfig: string
let lines: string[]
const logger: Logger = { info: (m) => lines.push(m), warning: (m) => lines.push(`WARN ${m}`), debug: () => {} }

const provider = (inputs: KubernetesRawInputs = {}) =>
  createKubernetesProvider(parseKubernetesConfig({ 'k8s-kubeconfig': kubeconfig, 'k8s-app': 'shop', 'k8s-poll-interval': '10ms', ...inputs }), {
    logger,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)))
  })
const ingressMode = { 'k8s-switch': 'ingress-nginx', 'k8s-ingress': 'shop' }
const selector = (): string => (fake.get('services', 'shop')!.spec as { selector: Record<string, string> }).selector['deploy-actions/color']
const canary = (): Record<string, string> => (fake.get('ingresses', 'shop-canary')!.metadata as { annotations: Record<string, string> }).annotations
const canaryBackend = (): string =>
  (fake.get('ingresses', 'shop-canary')!.spec as { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] }).rules[0].http.paths[0].backend.service.name
const image = (name: string): string => (fake.get('deployments', name)!.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0].image
const replicas = (name: string): number => (fake.get('deployments', name)!.spec as { replicas: number }).replicas

beforeEach(async () => {
  lines = []
  fake = await startFakeKubernetes({ tickMs: 5 })
  fake.seed({ app: 'shop', ingress: 'shop', blueImage: 'ghcr.io/octo-org/shop:1.0.0', greenImage: 'ghcr.io/octo-org/shop:0.9.0', replicas: 3 })
  kubeconfig = await fake.writeKubeconfig()
})

afterEach(async () => {
  await fake.stop()
})

describe('kubernetes provider, service switch (faked Kubernetes API)', () => {
  test('status reads the selector and the images; one switch; the namespace comes from the context', async () => {
    const k8s = await provider()
    expect(k8s.supportsWeights).toBe(false)
    expect(k8s.publicUrl()).toBe(`http://shop.${K8S_NAMESPACE}.svc.cluster.local/`)
    expect(await k8s.status(signal)).toMatchObject({ active: 'blue', activeVersion: 'ghcr.io/octo-org/shop:1.0.0', weights: { blue: 100, green: 0 }, history: [] })
    expect(fake.patches()).toEqual([])
  })

  test("prepare rolls green to the image with blue's replicas and waits through the watch; the switch patches the selector; status is the truth afterwards", async () => {
    const k8s = await provider()
    fake.throttle(1, 0)
    const target = await k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal)
    expect(target).toEqual({ color: 'green', version: '1.1.0', directUrl: `http://shop-green.${K8S_NAMESPACE}.svc.cluster.local/` })
    expect(image('shop-green')).toBe('ghcr.io/octo-org/shop:1.1.0')
    expect(replicas('shop-green')).toBe(3)
    expect(selector()).toBe('blue')
    expect(lines.join('\n')).toContain('HTTP 429; retry 1')
    expect(lines.join('\n')).toMatch(/waiting for the rollout of Deployment shop-green: \d of 3 replicas updated/)
    expect(fake.requests.some((r) => r.query.watch === 'true' && r.query.fieldSelector === 'metadata.name=shop-green')).toBe(true)
    expect(fake.patches('deployments')[0].contentType).toBe('application/json-patch+json')

    await k8s.shift('green', 100, signal)
    expect(selector()).toBe('green')
    await k8s.promote('green', '1.1.0', 60_000, signal)
    await k8s.record({ version: '1.1.0', color: 'green', at: '2026-11-29T12:00:00.000Z', outcome: 'promoted' }, signal)
    // A fresh provider (the next run) reads the same truth from the cluster.
    expect(await (await provider()).status(signal)).toEqual({
      active: 'green',
      activeVersion: '1.1.0',
      previousVersion: 'ghcr.io/octo-org/shop:1.0.0',
      weights: { green: 100, blue: 0 },
      history: [{ version: '1.1.0', color: 'green', at: '2026-11-29T12:00:00.000Z', outcome: 'promoted' }]
    })
  })

  test('a watch that ends early falls back to polling', async () => {
    const k8s = await provider()
    fake.closeWatches(1)
    await k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal)
    expect(lines.join('\n')).toContain('the watch on Deployment shop-green ended early')
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/deployments/shop-green')).length).toBeGreaterThan(1)
  })

  test('a watch answered with 410 Expired falls back to polling', async () => {
    const k8s = await provider()
    fake.expireWatches(1)
    await k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal)
    expect(lines.join('\n')).toContain('the watch on Deployment shop-green ended early (watch event ERROR 410 Expired); polling instead')
    expect(image('shop-green')).toBe('ghcr.io/octo-org/shop:1.1.0')
  })

  test('ProgressDeadlineExceeded fails prepare at once; blue keeps serving; rollback scales green to 0', async () => {
    const k8s = await provider()
    fake.rollout('shop-green', 'deadline')
    await expect(k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:broken' }, signal)).rejects.toThrow(
      /Deployment shop-green exceeded its progress deadline \(ProgressDeadlineExceeded: ReplicaSet .* has timed out progressing\.\); the Service still selects the active color/
    )
    expect(selector()).toBe('blue')
    await k8s.rollback('blue', 'green did not start', signal)
    expect(selector()).toBe('blue')
    expect(replicas('shop-green')).toBe(0)
    // The record names the version that failed, not the one green ran before.
    expect(await k8s.status(signal)).toMatchObject({ active: 'blue', history: [{ version: '1.1.0', color: 'green', outcome: 'rolled-back', reason: 'green did not start' }] })
  })

  test('a rollout that never becomes available times out with its last status; blue keeps serving', async () => {
    const k8s = await provider({ 'k8s-rollout-timeout': '300ms' })
    fake.rollout('shop-green', 'stall')
    await expect(k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:crashloop' }, signal)).rejects.toThrow(
      /the rollout of Deployment shop-green not ready within 300ms \(last status "1 old replicas pending termination"\)/
    )
    expect(selector()).toBe('blue')
    // The watch brings no event while the rollout is stuck: the wait still says, again and again, that it is waiting.
    expect(lines.filter((line) => line.includes('waiting for the rollout of Deployment shop-green: 1 old replicas pending termination')).length).toBeGreaterThan(1)
  })

  test('rollback after a promotion: the selector goes back, the record says rolled-back, a second rollback has nothing to go back to', async () => {
    const k8s = await provider()
    await k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal)
    await k8s.shift('green', 100, signal)
    await k8s.promote('green', '1.1.0', 60_000, signal)
    expect((await k8s.status(signal)).previousVersion).toBe('ghcr.io/octo-org/shop:1.0.0')
    await k8s.rollback('blue', 'rollback requested', signal)
    const status = await k8s.status(signal)
    expect(selector()).toBe('blue')
    expect(status).toMatchObject({ active: 'blue', weights: { blue: 100, green: 0 }, history: [{ version: '1.1.0', color: 'green', outcome: 'rolled-back', reason: 'rollback requested' }] })
    expect(status.previousVersion).toBeUndefined()
  })

  test('a selector switch that fails says where traffic stands', async () => {
    const k8s = await provider()
    fake.failPatches('services', 1, 403)
    await expect(k8s.shift('green', 100, signal)).rejects.toThrow(
      /^switching Service shop to green failed: Kubernetes API patch Service shop \(namespace shop\) answered HTTP 403: the credentials cannot patch services in namespace shop .*; traffic now: all traffic on blue \(ghcr.io\/octo-org\/shop:1.0.0\)$/
    )
    expect(selector()).toBe('blue')
  })

  test('a selector patch that meets a concurrent change (409) reads the Service again and succeeds', async () => {
    const k8s = await provider()
    fake.raceNextPatch('services')
    await k8s.shift('green', 100, signal)
    expect(selector()).toBe('green')
    expect(lines.join('\n')).toContain('Service shop changed since it was read (HTTP 409); reading it again')
  })

  test('the deploy lock is an annotation on the Service: a second run waits and names the holder', async () => {
    const first = await provider()
    const lock = await first.lock('octo-org/shop run 1', 60_000, signal)
    const second = await provider()
    await expect(second.lock('octo-org/shop run 2', 50, signal)).rejects.toThrow(/the deploy lock on Service shop not ready within .*held by octo-org\/shop run 1/)
    await lock.release()
    const again = await second.lock('octo-org/shop run 2', 1000, signal)
    await again.release()
    expect((fake.get('services', 'shop')!.metadata as { annotations: Record<string, string> }).annotations['deploy-actions/lock']).toBeUndefined()
  })

  test('a lock left by a run killed more than six hours ago is taken over, with a warning', async () => {
    const meta = fake.get('services', 'shop')!.metadata as { annotations?: Record<string, string> }
    meta.annotations = { 'deploy-actions/lock': 'octo-org/shop run 0 (2020-01-01T00:00:00.000Z)' }
    const lock = await (await provider()).lock('octo-org/shop run 3', 1000, signal)
    expect(lines).toContain('WARN kubernetes: taking over a stale deploy lock held by octo-org/shop run 0 (2020-01-01T00:00:00.000Z)')
    expect((fake.get('services', 'shop')!.metadata as { annotations: Record<string, string> }).annotations['deploy-actions/lock']).toMatch(/^octo-org\/shop run 3 \(/)
    await lock.release()
  })

  test('a lock patch that landed but whose answer was lost (504, retried, then 409) is recognised as ours, not waited for', async () => {
    fake.loseNextPatchAnswer('services')
    const lock = await (await provider()).lock('octo-org/shop run 6', 500, signal)
    expect((fake.get('services', 'shop')!.metadata as { annotations: Record<string, string> }).annotations['deploy-actions/lock']).toMatch(/^octo-org\/shop run 6 \(/)
    await lock.release()
    expect((fake.get('services', 'shop')!.metadata as { annotations: Record<string, string> }).annotations['deploy-actions/lock']).toBeUndefined()
  })

  test('a lock taken two hours ago is still respected: a GitHub job may run for six hours, so a long canary still holds it', async () => {
    const meta = fake.get('services', 'shop')!.metadata as { annotations?: Record<string, string> }
    const held = `octo-org/shop run 4 (${new Date(Date.now() - 2 * 60 * 60_000).toISOString()})`
    meta.annotations = { 'deploy-actions/lock': held }
    await expect((await provider()).lock('octo-org/shop run 5', 50, signal)).rejects.toThrow(/held by octo-org\/shop run 4/)
    expect((fake.get('services', 'shop')!.metadata as { annotations: Record<string, string> }).annotations['deploy-actions/lock']).toBe(held)
  })

  test('a 403 names the permission that is missing, never the token', async () => {
    const k8s = await provider()
    fake.failPatches('deployments', 1, 403)
    const error = await k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal).catch((e: Error) => e)
    expect((error as Error).message).toContain('Kubernetes API patch Deployment shop-green (namespace shop) answered HTTP 403: the credentials cannot patch deployments in namespace shop')
    expect((error as Error).message).not.toContain('fake-k8s-token')
  })

  test('a kubeconfig that does not exist or a context it does not define is an InputError before any call', async () => {
    await expect(provider({ 'k8s-kubeconfig': '/nonexistent/kubeconfig' })).rejects.toThrow('Input "k8s-kubeconfig" names /nonexistent/kubeconfig, which does not exist')
    await expect(provider({ 'k8s-context': 'prod' })).rejects.toThrow('Input "k8s-context" is "prod", which the kubeconfig does not define')
    expect(fake.requests).toEqual([])
  })

  test("an empty k8s-kubeconfig uses $KUBECONFIG, and says so when kubectl's chain finds nothing", async () => {
    const saved = { KUBECONFIG: process.env.KUBECONFIG, HOME: process.env.HOME }
    try {
      process.env.KUBECONFIG = kubeconfig
      expect((await (await provider({ 'k8s-kubeconfig': '' })).status(signal)).active).toBe('blue')
      process.env.KUBECONFIG = ''
      process.env.HOME = '/nonexistent'
      await expect(provider({ 'k8s-kubeconfig': '' })).rejects.toThrow('Input "k8s-kubeconfig" is empty and there is no kubeconfig to fall back on')
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name]
        else process.env[name] = value
      }
    }
  })
})

describe('kubernetes provider, ingress-nginx canary weights (faked Kubernetes API)', () => {
  test("the idle color's own Service is checked before green is rolled: one selecting the other color would send the canary's share to blue", async () => {
    const k8s = await provider(ingressMode)
    ;(fake.get('services', 'shop-green')!.spec as { selector: Record<string, string> }).selector['deploy-actions/color'] = 'blue'
    await expect(k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal)).rejects.toThrow(
      'Service shop-green selects deploy-actions/color: blue, not green; the canary Ingress sends its weight to it'
    )
    expect(fake.patches('deployments')).toHaveLength(0)
    expect(image('shop-green')).toBe('ghcr.io/octo-org/shop:0.9.0')
  })

  test('shifts weights on the canary Ingress pointed at green, then promote moves the Service and clears the weight', async () => {
    const k8s = await provider(ingressMode)
    expect(k8s.supportsWeights).toBe(true)
    await k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal)
    await k8s.shift('green', 10, signal)
    expect(canary()).toMatchObject({ 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '10' })
    expect(canaryBackend()).toBe('shop-green')
    expect((await k8s.status(signal)).weights).toEqual({ blue: 90, green: 10 })
    await k8s.savePaused({ color: 'green', version: '1.1.0', weight: 10, remainingSteps: [50, 100], at: '2026-11-29T12:00:00.000Z' }, signal)
    expect((await (await provider(ingressMode)).status(signal)).paused).toMatchObject({ weight: 10, remainingSteps: [50, 100] })
    await k8s.savePaused(undefined, signal)
    await k8s.shift('green', 50, signal)
    await k8s.shift('green', 100, signal)
    expect((await k8s.status(signal)).weights).toEqual({ blue: 0, green: 100 })
    await k8s.promote('green', '1.1.0', 0, signal)
    expect(selector()).toBe('green')
    expect(canary()['nginx.ingress.kubernetes.io/canary-weight']).toBe('0')
    const status = await k8s.status(signal)
    expect(status).toMatchObject({ active: 'green', activeVersion: '1.1.0', weights: { green: 100, blue: 0 } })
    // keep-previous 0: blue stops at once, so there is no instant rollback to offer.
    expect(replicas('shop-blue')).toBe(0)
    expect(status.previousVersion).toBeUndefined()
    expect(fake.patches('ingresses').every((r) => r.contentType === 'application/merge-patch+json')).toBe(true)
  })

  test('the next deploy points the canary back at blue (now idle) in the same patch as its weight', async () => {
    const k8s = await provider(ingressMode)
    await k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal)
    await k8s.shift('green', 100, signal)
    await k8s.promote('green', '1.1.0', 0, signal)
    const next = await provider(ingressMode)
    const target = await next.prepare({ version: '1.2.0', image: 'ghcr.io/octo-org/shop:1.2.0' }, signal)
    expect(target.color).toBe('blue')
    await next.shift('blue', 25, signal)
    expect(canaryBackend()).toBe('shop-blue')
    expect(await next.status(signal)).toMatchObject({ active: 'green', weights: { green: 75, blue: 25 } })
  })

  test('a failure in the middle of a shift says where traffic stands; rollback brings the weight back to 0', async () => {
    const k8s = await provider(ingressMode)
    await k8s.prepare({ version: '1.1.0', image: 'ghcr.io/octo-org/shop:1.1.0' }, signal)
    await k8s.shift('green', 10, signal)
    fake.failPatches('ingresses', 1, 422)
    await expect(k8s.shift('green', 50, signal)).rejects.toThrow(
      /setting 50% on green through Ingress shop-canary failed: Kubernetes API patch Ingress shop-canary \(namespace shop\) answered HTTP 422: .*; traffic now: 90% on blue, 10% on green/
    )
    await k8s.rollback('blue', 'the switch failed', signal)
    expect(canary()['nginx.ingress.kubernetes.io/canary-weight']).toBe('0')
    expect(selector()).toBe('blue')
    expect(await k8s.status(signal)).toMatchObject({ active: 'blue', weights: { blue: 100, green: 0 } })
  })

  test('a canary Ingress that does not exist is named, with where to read how to set it up', async () => {
    const k8s = await provider({ 'k8s-switch': 'ingress-nginx', 'k8s-ingress': 'storefront' })
    await expect(k8s.status(signal)).rejects.toThrow(
      'Kubernetes API get Ingress storefront-canary (namespace shop) answered HTTP 404: ingresses.networking.k8s.io "storefront-canary" not found; the provider changes objects set up beforehand (docs/providers/kubernetes.md)'
    )
  })

  test('throttled patches are retried after Retry-After', async () => {
    const k8s = await provider(ingressMode)
    fake.throttle(2, 0)
    await k8s.shift('green', 10, signal)
    expect(canary()['nginx.ingress.kubernetes.io/canary-weight']).toBe('10')
    expect(lines.filter((l) => l.includes('HTTP 429'))).toHaveLength(2)
  })
})
