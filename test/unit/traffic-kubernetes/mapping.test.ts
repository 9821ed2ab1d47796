import { describe, expect, test } from '@jest/globals'
import {
  canaryPatch,
  canarySplit,
  containerIndex,
  imagePatch,
  readState,
  rolloutProgress,
  toTrafficStatus,
  type K8sDeployment,
  type K8sIngress,
  type K8sService
} from '../../../packages/providers/traffic/kubernetes/k8s-mapping.js'

const deployment = (status: K8sDeployment['status'], generation = 2, replicas = 3): K8sDeployment => ({
  metadata: { name: 'shop-green', generation },
  spec: { replicas, template: { spec: { containers: [{ name: 'web', image: 'shop:1.1.0' }] } } },
  status
})

describe('rolloutProgress (as kubectl rollout status judges it)', () => {
  test.each<[string, K8sDeployment['status'], string | true]>([
    ['the controller has not seen the new spec', { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, 'waiting for the controller to see the new spec'],
    ['replicas still updating', { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 }, '1 of 3 replicas updated'],
    ['old replicas still running', { observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 }, '1 old replicas pending termination'],
    ['updated but not available', { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }, '2 of 3 updated replicas available'],
    ['ready', { observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }, true],
    [
      'a deadline exceeded by the previous rollout, before the controller sees the new spec',
      { observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] },
      'waiting for the controller to see the new spec'
    ]
  ])('%s', (_name, status, expected) => {
    const result = rolloutProgress(deployment(status))
    if (expected === true) expect(result.done).toBe(true)
    else expect(result).toMatchObject({ done: false, status: expected })
  })

  test('ProgressDeadlineExceeded is a failure', () => {
    expect(() =>
      rolloutProgress(
        deployment({
          observedGeneration: 2,
          replicas: 4,
          updatedReplicas: 1,
          conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'timed out' }]
        })
      )
    ).toThrow('Deployment shop-green exceeded its progress deadline (ProgressDeadlineExceeded: timed out)')
  })
})

const canary = (backend: string, weight?: string, resourceVersion = '7'): K8sIngress => ({
  metadata: {
    name: 'shop-canary',
    resourceVersion,
    annotations: weight === undefined ? {} : { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': weight }
  },
  spec: { rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: backend, port: { number: 80 } } } }] } }] }
})

describe('canary Ingress', () => {
  test.each<[string, K8sIngress | undefined, unknown]>([
    ['no canary Ingress', undefined, { weight: 0 }],
    ['a canary on green', canary('shop-green', '25'), { color: 'green', weight: 25 }],
    ['without the canary annotation the weight is not applied', canary('shop-blue'), { color: 'blue', weight: 0 }],
    ['a weight out of range is clamped', canary('shop-green', '250'), { color: 'green', weight: 100 }],
    ['a backend of another app', canary('cart-green', '10'), { weight: 10 }]
  ])('canarySplit: %s', (_name, ingress, expected) => {
    expect(canarySplit(ingress, 'shop')).toEqual(expected)
  })

  test('a weight change on the same color patches two annotations, guarded by the resourceVersion', () => {
    expect(canaryPatch(canary('shop-green', '10'), 'shop', 'green', 50)).toEqual({
      metadata: { resourceVersion: '7', annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '50' } }
    })
  })

  test('a change of color rewrites the backends of every path, keeping hosts and ports', () => {
    const patch = canaryPatch(canary('shop-green', '0'), 'shop', 'blue', 10) as { spec: K8sIngress['spec'] }
    expect(patch.spec!.rules![0]).toEqual({
      host: 'shop.example.com',
      http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'shop-blue', port: { number: 80 } } } }] }
    })
  })
})

describe("the idle Deployment's JSON patch", () => {
  test('the image of the chosen container, guarded by a test of its name; replicas; the version annotation', () => {
    const two: K8sDeployment = { metadata: { name: 'shop-green' }, spec: { template: { spec: { containers: [{ name: 'proxy' }, { name: 'web' }] } } } }
    const index = containerIndex(two, 'web')
    expect(imagePatch(two, index, 'shop:1.1.0', 3, '1.1.0')).toEqual([
      { op: 'test', path: '/spec/template/spec/containers/1/name', value: 'web' },
      { op: 'replace', path: '/spec/template/spec/containers/1/image', value: 'shop:1.1.0' },
      { op: 'replace', path: '/spec/replicas', value: 3 },
      { op: 'add', path: '/metadata/annotations', value: {} },
      { op: 'add', path: '/metadata/annotations/deploy-actions~1version', value: '1.1.0' }
    ])
    expect(() => containerIndex(two, undefined)).toThrow('Deployment shop-green has 2 containers (proxy, web); name the one to update with k8s-container')
    expect(() => containerIndex(two, 'app')).toThrow('Deployment shop-green has no container "app" (k8s-container); it has proxy, web')
  })
})

describe('status from the cluster', () => {
  const service = (color: string, state?: object): K8sService => ({
    metadata: { name: 'shop', ...(state ? { annotations: { 'deploy-actions/state': JSON.stringify(state) } } : {}) },
    spec: { selector: { app: 'shop', 'deploy-actions/color': color } }
  })
  const running = (image: string, replicas = 2): K8sDeployment => ({ spec: { replicas, template: { spec: { containers: [{ name: 'web', image }] } } } })

  test('a first run: no record, the versions are the images', () => {
    expect(toTrafficStatus({ service: service('blue'), deployments: { blue: running('shop:1.0'), green: running('shop:0.9') } }, 'service', 'shop', undefined)).toEqual({
      active: 'blue',
      activeVersion: 'shop:1.0',
      weights: { blue: 100, green: 0 },
      history: []
    })
  })

  test('after a promotion: the recorded versions, the previous color while it still runs', () => {
    const state = { versions: { green: '1.1.0', blue: '1.0.0' }, images: { green: 'shop:1.1', blue: 'shop:1.0' }, previous: 'blue', history: [] }
    const view = { service: service('green', state), deployments: { blue: running('shop:1.0'), green: running('shop:1.1') } }
    expect(toTrafficStatus(view, 'service', 'shop', undefined)).toMatchObject({ active: 'green', activeVersion: '1.1.0', previousVersion: '1.0.0' })
    expect(toTrafficStatus({ ...view, deployments: { ...view.deployments, blue: running('shop:1.0', 0) } }, 'service', 'shop', undefined).previousVersion).toBeUndefined()
  })

  test('an image changed by hand since the record wins over the recorded version', () => {
    const state = { versions: { blue: '1.0.0' }, images: { blue: 'shop:1.0' }, history: [] }
    expect(toTrafficStatus({ service: service('blue', state), deployments: { blue: running('shop:hotfix'), green: running('shop:0.9') } }, 'service', 'shop', undefined).activeVersion).toBe(
      'shop:hotfix'
    )
  })

  test('ingress-nginx: the canary weight on the idle color splits traffic; a canary on the active color does not', () => {
    const deployments = { blue: running('shop:1.0'), green: running('shop:1.1') }
    expect(toTrafficStatus({ service: service('blue'), deployments, canary: canary('shop-green', '30') }, 'ingress-nginx', 'shop', undefined).weights).toEqual({ blue: 70, green: 30 })
    expect(toTrafficStatus({ service: service('green'), deployments, canary: canary('shop-green', '30') }, 'ingress-nginx', 'shop', undefined).weights).toEqual({ green: 100, blue: 0 })
  })

  test('a Service that selects no color is refused before anything changes (it would reach both colors)', () => {
    const bare: K8sService = { metadata: { name: 'shop' }, spec: { selector: { app: 'shop' } } }
    expect(() => toTrafficStatus({ service: bare, deployments: {} }, 'service', 'shop', undefined)).toThrow(
      'Service shop selects no deploy-actions/color, so it would reach the pods of both colors; add deploy-actions/color: blue'
    )
  })

  test('an annotation edited into nonsense starts a new record', () => {
    expect(readState({ metadata: { annotations: { 'deploy-actions/state': '{not json' } } })).toEqual({ versions: {}, images: {}, history: [] })
  })
})
