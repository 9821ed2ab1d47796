import { describe, expect, test } from '@jest/globals'
import { InputError } from '../../../packages/core/input-error.js'
import { parseKubernetesConfig, type KubernetesRawInputs } from '../../../packages/providers/traffic/kubernetes/config.js'

const base: KubernetesRawInputs = { 'k8s-app': 'shop' }

describe('parseKubernetesConfig', () => {
  test("the defaults: kubectl's kubeconfig chain, the context's namespace, the Service named after the app, one switch", () => {
    expect(parseKubernetesConfig(base)).toEqual({
      kubeconfig: { kind: 'default' },
      app: 'shop',
      service: 'shop',
      switchMode: 'service',
      rolloutTimeoutMs: 600_000,
      pollIntervalMs: 2000,
      colorUrl: 'http://shop-{color}.{namespace}.svc.cluster.local/'
    })
  })

  test.each<[string, KubernetesRawInputs, unknown]>([
    ['a kubeconfig file', { 'k8s-kubeconfig': ' /tmp/kube/config ' }, { kubeconfig: { kind: 'file', path: '/tmp/kube/config' } }],
    ['in-cluster', { 'k8s-kubeconfig': 'in-cluster' }, { kubeconfig: { kind: 'in-cluster' } }],
    [
      'a context and a namespace',
      { 'k8s-context': 'arn:aws:eks:eu-west-1:123456789012:cluster/prod', 'k8s-namespace': 'shop-prod' },
      { context: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod', namespace: 'shop-prod' }
    ],
    ['a Service of its own', { 'k8s-service': 'shop-web' }, { service: 'shop-web' }],
    ['ingress-nginx', { 'k8s-switch': 'ingress-nginx', 'k8s-ingress': 'shop.example.com' }, { switchMode: 'ingress-nginx', ingress: 'shop.example.com' }],
    ['a container', { 'k8s-container': 'web' }, { container: 'web' }],
    ['timeouts', { 'k8s-rollout-timeout': '15m', 'k8s-poll-interval': '500ms' }, { rolloutTimeoutMs: 900_000, pollIntervalMs: 500 }],
    ['a public URL', { 'k8s-public-url': 'https://shop.example.com' }, { publicUrl: 'https://shop.example.com/' }],
    ['a color URL', { 'k8s-color-url': 'https://{color}.shop.example.com/' }, { colorUrl: 'https://{color}.shop.example.com/' }],
    ['the default color URL in a namespace', { 'k8s-namespace': 'prod' }, { colorUrl: 'http://shop-{color}.prod.svc.cluster.local/' }]
  ])('%s', (_name, extra, expected) => {
    expect(parseKubernetesConfig({ ...base, ...extra })).toMatchObject(expected as object)
  })

  test.each<[string, KubernetesRawInputs, string]>([
    ['no app', { 'k8s-app': '' }, 'Input "k8s-app" is empty'],
    ['an app with capitals', { 'k8s-app': 'Shop' }, 'Input "k8s-app" is "Shop", which is not a valid app name'],
    ['an app ending in a dash', { 'k8s-app': 'shop-' }, 'Input "k8s-app" is "shop-", which is not a valid app name'],
    ['an app too long for <app>-green', { 'k8s-app': 'a'.repeat(58) }, 'Input "k8s-app" is 58 characters long, too long for this name'],
    ['a namespace with a dot', { 'k8s-namespace': 'shop.prod' }, 'Input "k8s-namespace" is "shop.prod", which is not a valid namespace name'],
    ['a Service with an underscore', { 'k8s-service': 'shop_web' }, 'Input "k8s-service" is "shop_web", which is not a valid Service name'],
    ['an unknown switch', { 'k8s-switch': 'istio' }, 'Input "k8s-switch" is "istio", which is not allowed'],
    ['ingress-nginx without an ingress', { 'k8s-switch': 'ingress-nginx' }, 'Input "k8s-ingress" is empty, but k8s-switch is ingress-nginx'],
    ['an ingress the service switch would ignore', { 'k8s-ingress': 'shop' }, 'Input "k8s-ingress" is set, but k8s-switch is service'],
    ['a context with in-cluster', { 'k8s-kubeconfig': 'in-cluster', 'k8s-context': 'prod' }, 'Input "k8s-context" is set, but k8s-kubeconfig is in-cluster'],
    ['the kubeconfig text', { 'k8s-kubeconfig': 'apiVersion: v1\nclusters: []' }, 'Input "k8s-kubeconfig" holds the kubeconfig text (the value is not shown)'],
    ['the kubeconfig as JSON', { 'k8s-kubeconfig': '{"apiVersion":"v1"}' }, 'Input "k8s-kubeconfig" holds the kubeconfig text'],
    ['a path with a newline', { 'k8s-kubeconfig': '/tmp/a\n/tmp/b' }, 'Input "k8s-kubeconfig"'],
    [
      'the kubeconfig in base64 (a common secret form)',
      { 'k8s-kubeconfig': Buffer.from('apiVersion: v1\nclusters: []\nusers: [{ name: ci, user: { token: s3cr3t } }]\n').toString('base64') },
      'Input "k8s-kubeconfig" holds a base64-encoded kubeconfig (the value is not shown)'
    ],
    ['a bad timeout', { 'k8s-rollout-timeout': 'soon' }, 'Input "k8s-rollout-timeout" is "soon", which is not a duration'],
    ['a zero rollout timeout (green would be rolled, then given up at once)', { 'k8s-rollout-timeout': '0s' }, 'Input "k8s-rollout-timeout" is 0'],
    ['a zero poll interval', { 'k8s-poll-interval': '0' }, 'Input "k8s-poll-interval" is 0'],
    ['a public URL that is no URL', { 'k8s-public-url': 'shop' }, 'Input "k8s-public-url"'],
    ['a color URL without {color}', { 'k8s-color-url': 'https://green.shop.example.com/' }, 'Input "k8s-color-url" has no {color}'],
    ['a color URL that is no URL', { 'k8s-color-url': '{color}.shop' }, 'Input "k8s-color-url"']
  ])('%s is an InputError naming the input', (_name, extra, message) => {
    let error: unknown
    try {
      parseKubernetesConfig({ ...base, ...extra })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toContain(message)
    expect((error as Error).message).not.toContain('clusters: []')
    expect((error as Error).message).not.toContain('YXBpVmVyc2lvbj')
  })
})
