import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, join } from 'node:path'
import { isRetryableStatus } from '../../../core/http.js'
import { InputError } from '../../../core/input-error.js'
import type { Logger } from '../../../core/log.js'
import { retry } from '../../../core/retry.js'
import { parseRetryAfter } from '../../../core/retry-after.js'
import type { KubernetesConfig } from './config.js'
import type { K8sDeployment, K8sIngress, K8sService } from './k8s-mapping.js'

/**
 * The Kubernetes calls the provider needs, over @kubernetes/client-node (loaded lazily: the
 * bundle starts without it). Each call: retries with backoff and jitter on 429/5xx and network
 * errors, Retry-After honoured, 30 s per attempt (the attempt's AbortSignal reaches the request),
 * errors that name the verb, the object and, on 401/403, the missing permission — never a token.
 */

type Client = typeof import('@kubernetes/client-node')
type KubeConfig = InstanceType<Client['KubeConfig']>

export type WatchEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR'; object: K8sDeployment }

export class K8sApiError extends Error {
  readonly retryAfterMs?: number
  constructor(
    message: string,
    readonly status: number,
    retryAfterMs?: number
  ) {
    super(message)
    this.name = 'K8sApiError'
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs
  }
}

export interface K8sApiDeps {
  logger: Logger
  sleep?: (ms: number) => Promise<void>
}

const PATCH = { merge: 'application/merge-patch+json', json: 'application/json-patch+json' } as const

export class K8sApi {
  private readonly apps
  private readonly core
  private readonly networking

  private constructor(
    private readonly client: Client,
    private readonly kc: KubeConfig,
    readonly namespace: string,
    private readonly deps: K8sApiDeps
  ) {
    this.apps = kc.makeApiClient(client.AppsV1Api)
    this.core = kc.makeApiClient(client.CoreV1Api)
    this.networking = kc.makeApiClient(client.NetworkingV1Api)
  }

  /** Loads the client and the credentials; a kubeconfig or context that is not there is an InputError, before any call. */
  static async connect(config: KubernetesConfig, deps: K8sApiDeps): Promise<K8sApi> {
    const source = config.kubeconfig
    if (source.kind === 'file' && !existsSync(source.path))
      throw new InputError(
        'k8s-kubeconfig',
        `names ${source.path}, which does not exist`,
        'the path of a kubeconfig file written by an earlier step (or in-cluster, or empty for $KUBECONFIG)'
      )
    if (source.kind === 'default' && !defaultKubeconfigExists())
      throw new InputError(
        'k8s-kubeconfig',
        'is empty and there is no kubeconfig to fall back on ($KUBECONFIG unset, no ~/.kube/config, not in a pod)',
        'the path of a kubeconfig written by an earlier step (such as azure/aks-set-context or aws eks update-kubeconfig), or in-cluster'
      )
    const client = await import('@kubernetes/client-node')
    const kc = new client.KubeConfig()
    try {
      if (source.kind === 'file') kc.loadFromFile(source.path)
      else if (source.kind === 'in-cluster') kc.loadFromCluster()
      else kc.loadFromDefault()
    } catch (error) {
      // The loader's message may quote the file; only its kind of failure is shown.
      throw new InputError('k8s-kubeconfig', `could not be loaded (${error instanceof Error ? error.name : 'unreadable'})`, 'a kubeconfig file in YAML with clusters, users and contexts')
    }
    if (config.context !== undefined) {
      if (!kc.getContextObject(config.context))
        throw new InputError(
          'k8s-context',
          `is "${config.context}", which the kubeconfig does not define`,
          `one of ${
            kc
              .getContexts()
              .map((c) => c.name)
              .join(', ') || '(no contexts)'
          }`
        )
      kc.setCurrentContext(config.context)
    }
    if (!kc.getCurrentCluster()) throw new InputError('k8s-kubeconfig', 'has no current cluster', 'a kubeconfig whose current context (or k8s-context) names a cluster')
    const namespace = config.namespace ?? kc.getContextObject(kc.getCurrentContext())?.namespace ?? 'default'
    return new K8sApi(client, kc, namespace, deps)
  }

  readDeployment(name: string, signal: AbortSignal): Promise<K8sDeployment> {
    return this.call('get', `Deployment ${name}`, 'deployments', signal, (options) => this.apps.readNamespacedDeployment({ name, namespace: this.namespace }, options))
  }

  patchDeployment(name: string, ops: object[], signal: AbortSignal): Promise<K8sDeployment> {
    return this.call(
      'patch',
      `Deployment ${name}`,
      'deployments',
      signal,
      (options) => this.apps.patchNamespacedDeployment({ name, namespace: this.namespace, body: ops }, options),
      PATCH.json
    )
  }

  readService(name: string, signal: AbortSignal): Promise<K8sService> {
    return this.call('get', `Service ${name}`, 'services', signal, (options) => this.core.readNamespacedService({ name, namespace: this.namespace }, options))
  }

  patchService(name: string, body: object, signal: AbortSignal): Promise<K8sService> {
    return this.call('patch', `Service ${name}`, 'services', signal, (options) => this.core.patchNamespacedService({ name, namespace: this.namespace, body }, options), PATCH.merge)
  }

  readIngress(name: string, signal: AbortSignal): Promise<K8sIngress> {
    return this.call('get', `Ingress ${name}`, 'ingresses', signal, (options) => this.networking.readNamespacedIngress({ name, namespace: this.namespace }, options))
  }

  patchIngress(name: string, body: object, signal: AbortSignal): Promise<K8sIngress> {
    return this.call('patch', `Ingress ${name}`, 'ingresses', signal, (options) => this.networking.patchNamespacedIngress({ name, namespace: this.namespace, body }, options), PATCH.merge)
  }

  /**
   * Watches one Deployment from `resourceVersion` (GET …/deployments?watch=true&fieldSelector=…).
   * Resolves when the watch ends: `onEvent` returned true, the server closed it, or it failed (the
   * reason is returned, not thrown: the caller falls back to polling).
   */
  async watchDeployment(
    name: string,
    resourceVersion: string | undefined,
    onEvent: (event: WatchEvent) => boolean,
    signal: AbortSignal
  ): Promise<{ ended: 'done' | 'closed' | 'error'; reason?: string }> {
    const watch = new this.client.Watch(this.kc)
    return new Promise((resolve) => {
      let finished = false
      let controller: AbortController | undefined
      const finish = (result: { ended: 'done' | 'closed' | 'error'; reason?: string }): void => {
        if (finished) return
        finished = true
        signal.removeEventListener('abort', onAbort)
        controller?.abort()
        resolve(result)
      }
      const onAbort = (): void => finish({ ended: 'error', reason: 'cancelled' })
      signal.addEventListener('abort', onAbort, { once: true })
      watch
        .watch(
          `/apis/apps/v1/namespaces/${encodeURIComponent(this.namespace)}/deployments`,
          { fieldSelector: `metadata.name=${name}`, ...(resourceVersion ? { resourceVersion } : {}), allowWatchBookmarks: true, timeoutSeconds: 300 },
          (type, object) => {
            if (finished) return
            try {
              if (onEvent({ type: type as WatchEvent['type'], object: object as K8sDeployment })) finish({ ended: 'done' })
            } catch (error) {
              // Not rethrown: the client calls this from its stream's line handler.
              finish({ ended: 'error', reason: error instanceof Error ? error.message : String(error) })
            }
          },
          (error: unknown) => finish(error ? { ended: 'error', reason: describeError(error) } : { ended: 'closed' })
        )
        .then(
          (c) => {
            controller = c
            if (finished) c.abort()
          },
          (error: unknown) => finish({ ended: 'error', reason: describeError(error) })
        )
    })
  }

  private async call<T>(
    verb: 'get' | 'patch',
    what: string,
    resource: string,
    signal: AbortSignal,
    send: (options: ReturnType<Client['setHeaderOptions']>) => Promise<T>,
    contentType?: string
  ): Promise<T> {
    const label = `Kubernetes API ${verb} ${what} (namespace ${this.namespace})`
    return retry(
      async (attemptSignal) => {
        // The client's own middleware type: the header it sets, and the attempt's signal on the request.
        const header = this.client.setHeaderMiddleware(contentType ? 'Content-Type' : 'Accept', contentType ?? 'application/json')
        const options = {
          middleware: [
            {
              pre: (context: Parameters<typeof header.pre>[0]) => {
                context.setSignal(attemptSignal)
                return header.pre(context)
              },
              post: (context: Parameters<typeof header.post>[0]) => header.post(context)
            }
          ],
          middlewareMergeStrategy: 'append' as const
        }
        try {
          return await send(options)
        } catch (error) {
          throw this.toError(error, label, verb, resource)
        }
      },
      {
        attempts: 6,
        baseDelayMs: 500,
        maxDelayMs: 15_000,
        attemptTimeoutMs: 30_000,
        signal,
        ...(this.deps.sleep ? { sleep: this.deps.sleep } : {}),
        isRetryable: (error) => !(error instanceof K8sApiError) || isRetryableStatus(error.status),
        onRetry: ({ attempt, delayMs, error }) =>
          this.deps.logger.info(`  ${label}: ${error instanceof K8sApiError ? `HTTP ${error.status}` : 'no answer'}; retry ${attempt} in ${Math.round(delayMs / 100) / 10}s`)
      }
    )
  }

  private toError(error: unknown, label: string, verb: string, resource: string): Error {
    const code = (error as { code?: unknown }).code
    if (typeof code !== 'number') return new Error(`${label}: ${describeError(error)}`, { cause: error })
    const headers = (error as { headers?: Record<string, string> }).headers ?? {}
    const status = statusMessage((error as { body?: unknown }).body)
    if (code === 401) return new K8sApiError(`${label} answered HTTP 401: the credentials were refused (expired token or wrong cluster)`, code)
    if (code === 403)
      return new K8sApiError(`${label} answered HTTP 403: the credentials cannot ${verb} ${resource} in namespace ${this.namespace} (see the Role in docs/providers/kubernetes.md)`, code)
    if (code === 404) return new K8sApiError(`${label} answered HTTP 404${status ? `: ${status}` : ''}; the provider changes objects set up beforehand (docs/providers/kubernetes.md)`, code)
    return new K8sApiError(`${label} answered HTTP ${code}${status ? `: ${status}` : ''}`, code, parseRetryAfter(headers['retry-after']))
  }
}

/** Whether kubectl's chain would find anything; without it the client would quietly aim at http://localhost:8080. */
function defaultKubeconfigExists(env: NodeJS.ProcessEnv = process.env): boolean {
  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter((path) => path !== '')
  if (listed.length > 0) return listed.some((path) => existsSync(path))
  return existsSync(join(homedir(), '.kube', 'config')) || (env.KUBERNETES_SERVICE_HOST !== undefined && existsSync('/var/run/secrets/kubernetes.io/serviceaccount/token'))
}

/** The `message` of a Kubernetes Status body (the client hands it over as text or parsed). */
function statusMessage(body: unknown): string | undefined {
  let parsed = body
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body)
    } catch {
      return undefined
    }
  }
  const message = (parsed as { message?: unknown } | undefined)?.message
  return typeof message === 'string' ? message.slice(0, 300) : undefined
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error.cause as { code?: string } | undefined)?.code
    return `${error.message}${cause ? ` (${cause})` : ''}`
  }
  return String(error)
}
