import { InputError } from '../../../core/input-error.js'
import { parseDuration, parseEnum, parseSingleLine, parseUrl } from '../../../core/parsers.js'

/**
 * The `kubernetes` provider's configuration and its pure validation. Blue and green are two
 * Deployments of one app (`<app>-blue`, `<app>-green`) in one namespace; the Service `<service>`
 * selects the active one by the label `deploy-actions/color`. blue-green-swap's parse-inputs calls
 * `parseKubernetesConfig` with the raw inputs below; every problem is an InputError naming the
 * input, raised before any call to the cluster.
 */

export const KUBERNETES_INPUT_NAMES = [
  'k8s-kubeconfig',
  'k8s-context',
  'k8s-namespace',
  'k8s-app',
  'k8s-service',
  'k8s-switch',
  'k8s-ingress',
  'k8s-container',
  'k8s-rollout-timeout',
  'k8s-poll-interval',
  'k8s-public-url',
  'k8s-color-url'
] as const

export type KubernetesInputName = (typeof KUBERNETES_INPUT_NAMES)[number]
export type KubernetesRawInputs = Partial<Record<KubernetesInputName, string>>

export const SWITCH_MODES = ['service', 'ingress-nginx'] as const
export type SwitchMode = (typeof SWITCH_MODES)[number]

/** Where the credentials come from: a kubeconfig file, the pod's service account, or kubectl's chain ($KUBECONFIG, ~/.kube/config, in-cluster). */
export type KubeconfigSource = { kind: 'file'; path: string } | { kind: 'in-cluster' } | { kind: 'default' }

export interface KubernetesConfig {
  kubeconfig: KubeconfigSource
  context?: string
  /** When empty: the context's namespace, else `default` (as kubectl). */
  namespace?: string
  /** Base name: the Deployments are `<app>-blue` and `<app>-green`. */
  app: string
  /** The Service users reach; its selector's color label is the switch (and its annotation the record). */
  service: string
  switchMode: SwitchMode
  /** ingress-nginx: the main Ingress; the canary one is `<ingress>-canary`. */
  ingress?: string
  /** The container whose image is replaced; when empty, the Deployment's only container. */
  container?: string
  rolloutTimeoutMs: number
  pollIntervalMs: number
  publicUrl?: string
  /** The address of one color alone, `{color}` replaced (green's checks run there before it gets traffic). */
  colorUrl: string
}

/** Labels and annotations the provider reads and writes. */
export const COLOR_LABEL = 'deploy-actions/color'
export const STATE_ANNOTATION = 'deploy-actions/state'
export const LOCK_ANNOTATION = 'deploy-actions/lock'
export const CANARY_ANNOTATION = 'nginx.ingress.kubernetes.io/canary'
export const CANARY_WEIGHT_ANNOTATION = 'nginx.ingress.kubernetes.io/canary-weight'

// RFC 1123 label (namespaces, Services: DNS-1035 is stricter, but the API accepts 1123 for these) and subdomain (Deployments, Ingresses, contexts are free-form).
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

function dnsName(input: KubernetesInputName, raw: string, what: string, max: number, pattern = DNS_LABEL): string {
  const value = parseSingleLine(input, raw)
  if (value === '') return ''
  if (value.length > max) throw new InputError(input, `is ${value.length} characters long, too long for this name`, `a ${what} name of at most ${max} characters`)
  if (!pattern.test(value))
    throw new InputError(
      input,
      `is "${value}", which is not a valid ${what} name`,
      'lowercase letters, digits and "-", starting and ending with a letter or digit (Kubernetes DNS-1123 names)'
    )
  return value
}

export function parseKubernetesConfig(raw: KubernetesRawInputs): KubernetesConfig {
  const get = (name: KubernetesInputName): string => raw[name] ?? ''
  // A pasted kubeconfig holds credentials: refused without quoting it (parseSingleLine would name only a position, not what to do).
  if (/^\s*(apiVersion|clusters|kind|users)\s*:/m.test(get('k8s-kubeconfig')) || get('k8s-kubeconfig').trim().startsWith('{'))
    throw new InputError(
      'k8s-kubeconfig',
      'holds the kubeconfig text (the value is not shown)',
      'the path of a kubeconfig file written by an earlier step, in-cluster, or empty for $KUBECONFIG'
    )
  // A kubeconfig kept as a base64 secret is one line, so it would pass as a path and be quoted in "does not exist".
  if (isBase64Kubeconfig(get('k8s-kubeconfig')))
    throw new InputError(
      'k8s-kubeconfig',
      'holds a base64-encoded kubeconfig (the value is not shown)',
      'the path of a kubeconfig file written by an earlier step (decode the secret to a file first), in-cluster, or empty for $KUBECONFIG'
    )
  const kubeconfigRaw = parseSingleLine('k8s-kubeconfig', get('k8s-kubeconfig'))
  const kubeconfig: KubeconfigSource = kubeconfigRaw === '' ? { kind: 'default' } : kubeconfigRaw === 'in-cluster' ? { kind: 'in-cluster' } : { kind: 'file', path: kubeconfigRaw }
  const context = parseSingleLine('k8s-context', get('k8s-context'))
  if (context !== '' && kubeconfig.kind === 'in-cluster')
    throw new InputError('k8s-context', 'is set, but k8s-kubeconfig is in-cluster, which has no contexts', 'no k8s-context with k8s-kubeconfig: in-cluster')
  const namespace = dnsName('k8s-namespace', get('k8s-namespace'), 'namespace', 63)
  const app = dnsName('k8s-app', get('k8s-app'), 'app', 63 - '-green'.length)
  if (app === '') throw new InputError('k8s-app', 'is empty', 'the base name of the two Deployments (<app>-blue and <app>-green)')
  const service = dnsName('k8s-service', get('k8s-service'), 'Service', 63) || app
  const switchMode = parseEnum<SwitchMode>('k8s-switch', get('k8s-switch'), SWITCH_MODES, 'service')
  const ingress = dnsName('k8s-ingress', get('k8s-ingress'), 'Ingress', 253 - '-canary'.length, DNS_SUBDOMAIN)
  if (switchMode === 'ingress-nginx' && ingress === '')
    throw new InputError('k8s-ingress', 'is empty, but k8s-switch is ingress-nginx', 'the main Ingress of the app (its canary Ingress is <ingress>-canary)')
  if (switchMode === 'service' && ingress !== '')
    throw new InputError('k8s-ingress', 'is set, but k8s-switch is service, which switches the Service selector', 'no k8s-ingress, or k8s-switch: ingress-nginx for canary weights')
  const container = dnsName('k8s-container', get('k8s-container'), 'container', 63)
  const publicUrl = get('k8s-public-url').trim() === '' ? undefined : parseUrl('k8s-public-url', get('k8s-public-url')).toString()
  const colorUrlRaw = parseSingleLine('k8s-color-url', get('k8s-color-url'))
  if (colorUrlRaw !== '' && !colorUrlRaw.includes('{color}'))
    throw new InputError('k8s-color-url', 'has no {color}', 'an address of one color alone with {color} in it, such as https://{color}.shop.example.com/')
  // Validated with a color in place (braces are not valid in a host name).
  if (colorUrlRaw !== '') parseUrl('k8s-color-url', colorUrlRaw.replaceAll('{color}', 'green'))
  const colorUrl = colorUrlRaw !== '' ? colorUrlRaw : `http://${app}-{color}.${namespace || '{namespace}'}.svc.cluster.local/`
  return {
    kubeconfig,
    ...(context !== '' ? { context } : {}),
    ...(namespace !== '' ? { namespace } : {}),
    app,
    service,
    switchMode,
    ...(ingress !== '' ? { ingress } : {}),
    ...(container !== '' ? { container } : {}),
    rolloutTimeoutMs: positiveDuration('k8s-rollout-timeout', get('k8s-rollout-timeout'), 10 * 60_000),
    pollIntervalMs: positiveDuration('k8s-poll-interval', get('k8s-poll-interval'), 2_000),
    ...(publicUrl ? { publicUrl } : {}),
    colorUrl
  }
}

/** A wait of 0 would give up on the rollout it just started, a poll interval of 0 would poll without pause: both refused. */
function positiveDuration(input: KubernetesInputName, raw: string, fallbackMs: number): number {
  const ms = parseDuration(input, raw, fallbackMs)
  if (ms <= 0) throw new InputError(input, 'is 0', 'a duration above 0, such as 10m for a rollout or 2s between polls')
  return ms
}

function isBase64Kubeconfig(raw: string): boolean {
  const value = raw.trim()
  if (value.length < 16 || !/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false
  const text = Buffer.from(value, 'base64').toString('utf8')
  return /^\s*(apiVersion|clusters|kind|users|contexts|current-context|preferences)\s*:/m.test(text) || /^\s*\{\s*"/.test(text)
}

export function deploymentName(config: Pick<KubernetesConfig, 'app'>, color: 'blue' | 'green'): string {
  return `${config.app}-${color}`
}
