import { pollClock, waitUntil, WaitTimeoutError, type PollClock, type PollResult } from '../../../core/poll.js'
import {
  otherColor,
  type Color,
  type DeployRecord,
  type PausedDeployment,
  type PreparedTarget,
  type Release,
  type TrafficLock,
  type TrafficProvider,
  type TrafficProviderDeps,
  type TrafficStatus
} from '../types.js'
import { LOCK_ANNOTATION, deploymentName, type KubernetesConfig } from './config.js'
import { K8sApi, K8sApiError } from './k8s-api.js'
import {
  activeColor,
  canaryPatch,
  canarySplit,
  checkColorLabel,
  checkColorService,
  containerIndex,
  describeTraffic,
  imagePatch,
  readState,
  rolloutProgress,
  selectedColor,
  servicePatch,
  stateOnlyPatch,
  toTrafficStatus,
  type K8sDeployment,
  type K8sService,
  type K8sState
} from './k8s-mapping.js'

/**
 * Kubernetes: two Deployments of one app, `<app>-blue` and `<app>-green`, whose pods carry the
 * label `deploy-actions/color`. prepare rolls the idle color's Deployment to the new image and
 * waits for the rollout (watch, polling when the watch ends early). The switch is the Service's
 * selector (mode `service`: one switch) or an ingress-nginx canary Ingress's weight (mode
 * `ingress-nginx`: the engine's steps). The record (versions, previous color, history, a paused
 * deployment, the deploy lock) lives in annotations on the Service, so reruns read the truth.
 */

/** A lock older than this is taken over (a run killed without its post step); a live run may hold it for a whole job (GitHub ends a job at 6 hours), as the aws-ecs tag lock. */
const LOCK_STALE_MS = 6 * 60 * 60_000

export async function createKubernetesProvider(config: KubernetesConfig, deps: TrafficProviderDeps): Promise<KubernetesTrafficProvider> {
  const sleep = deps.sleep ? (ms: number) => deps.sleep!(ms) : undefined
  const api = await K8sApi.connect(config, { logger: deps.logger, ...(sleep ? { sleep } : {}) })
  return new KubernetesTrafficProvider(config, api, deps)
}

export class KubernetesTrafficProvider implements TrafficProvider {
  readonly name = 'kubernetes'
  readonly supportsWeights: boolean
  private readonly clock: PollClock
  private readonly canaryName?: string

  constructor(
    private readonly config: KubernetesConfig,
    private readonly api: K8sApi,
    private readonly deps: TrafficProviderDeps
  ) {
    this.supportsWeights = config.switchMode === 'ingress-nginx'
    if (config.ingress) this.canaryName = `${config.ingress}-canary`
    const sleep = deps.sleep ? (ms: number) => deps.sleep!(ms) : undefined
    this.clock = pollClock({ ...(sleep ? { sleep } : {}), pollIntervalMs: config.pollIntervalMs, maxPollIntervalMs: Math.max(config.pollIntervalMs, 10_000) })
  }

  publicUrl(): string {
    return this.config.publicUrl ?? `http://${this.config.service}.${this.api.namespace}.svc.cluster.local/`
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    const [service, blue, green, canary] = await Promise.all([
      this.api.readService(this.config.service, signal),
      this.api.readDeployment(deploymentName(this.config, 'blue'), signal),
      this.api.readDeployment(deploymentName(this.config, 'green'), signal),
      this.canaryName ? this.api.readIngress(this.canaryName, signal) : Promise.resolve(undefined)
    ])
    return toTrafficStatus({ service, deployments: { blue, green }, ...(canary ? { canary } : {}) }, this.config.switchMode, this.config.app, this.config.container)
  }

  /** An annotation on the Service, taken with the read resourceVersion (a 409 means another run took it first). */
  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    const token = `${owner} (${new Date(this.clock.now()).toISOString()})`
    await this.wait(`the deploy lock on Service ${this.config.service}`, timeoutMs, signal, async () => {
      const service = await this.api.readService(this.config.service, signal)
      const held = service.metadata?.annotations?.[LOCK_ANNOTATION]
      // Our own patch landed though its answer was lost (a 5xx retried into a 409): the lock is ours.
      if (held === token) return { done: true, value: true }
      const heldAt = held ? Date.parse(/\(([^()]+)\)$/.exec(held)?.[1] ?? '') : Number.NaN
      if (held && !(this.clock.now() - heldAt > LOCK_STALE_MS)) return { done: false, status: `held by ${held}` }
      if (held) this.deps.logger.warning(`kubernetes: taking over a stale deploy lock held by ${held}`)
      try {
        await this.api.patchService(this.config.service, { metadata: { resourceVersion: service.metadata?.resourceVersion, annotations: { [LOCK_ANNOTATION]: token } } }, signal)
        return { done: true, value: true }
      } catch (error) {
        if (error instanceof K8sApiError && error.status === 409) return { done: false, status: 'another run took it first' }
        throw error
      }
    })
    let released = false
    return {
      release: async () => {
        if (released) return
        released = true
        const signal = AbortSignal.timeout(30_000)
        const service = await this.api.readService(this.config.service, signal)
        if (service.metadata?.annotations?.[LOCK_ANNOTATION] !== token) return
        await this.api.patchService(this.config.service, { metadata: { resourceVersion: service.metadata.resourceVersion, annotations: { [LOCK_ANNOTATION]: null } } }, signal)
      }
    }
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    if (!release.image) throw new Error('kubernetes runs container images; the release has no image')
    const service = await this.api.readService(this.config.service, signal)
    const active = activeColor(service)
    const idle = otherColor(active)
    const idleName = deploymentName(this.config, idle)
    const [activeDeployment, idleDeployment, idleService] = await Promise.all([
      this.api.readDeployment(deploymentName(this.config, active), signal),
      this.api.readDeployment(idleName, signal),
      // The canary's backend: checked before anything changes, not found out when the weight goes to it.
      this.supportsWeights ? this.api.readService(idleName, signal) : Promise.resolve(undefined)
    ])
    checkColorLabel(idleDeployment, idle)
    if (idleService) checkColorService(idleService, idle)
    const index = containerIndex(idleDeployment, this.config.container)
    const replicas = Math.max(1, activeDeployment.spec?.replicas ?? 1)
    this.deps.logger.info(`kubernetes: Deployment ${idleName} (${idle}) → image ${release.image}, ${replicas} replicas, while ${active} keeps serving`)
    const patched = await this.api.patchDeployment(idleName, imagePatch(idleDeployment, index, release.image, replicas, release.version), signal)
    // Recorded before the wait, so a failed rollout is recorded under the version that failed; the idle color no longer holds the previous version.
    await this.updateState(signal, (state) => ({
      ...state,
      versions: { ...state.versions, [idle]: release.version },
      images: { ...state.images, [idle]: release.image },
      previous: undefined
    }))
    await this.waitRollout(idleName, patched, signal)
    return { color: idle, version: release.version, directUrl: this.config.colorUrl.replaceAll('{color}', idle).replaceAll('{namespace}', this.api.namespace) }
  }

  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    if (this.config.switchMode === 'service') {
      if (percent !== 100 && percent !== 0) throw new Error(`kubernetes with k8s-switch: service cannot split traffic (asked for ${percent}% on ${color})`)
      await this.switchSelector(percent === 100 ? color : otherColor(color), signal, (state) => state)
      return
    }
    await this.setCanary(color, percent, signal)
  }

  async promote(color: Color, version: string, keepPreviousMs: number, signal: AbortSignal): Promise<void> {
    const previous = otherColor(color)
    const keep = keepPreviousMs > 0
    await this.switchSelector(color, signal, (state) => ({ ...state, previous: keep ? previous : undefined, paused: undefined }))
    if (this.config.switchMode === 'ingress-nginx') await this.setCanary(color, 0, signal)
    const previousName = deploymentName(this.config, previous)
    if (keep) {
      // Nothing in the cluster would stop it later: it stays until the next deploy replaces it or a rollback needs it.
      this.deps.logger.info(`kubernetes: ${version} (${color}) is live; Deployment ${previousName} keeps running for an instant rollback until the next deploy replaces it`)
      return
    }
    await this.api.patchDeployment(previousName, [{ op: 'replace', path: '/spec/replicas', value: 0 }], signal).then(
      () => this.deps.logger.info(`kubernetes: ${version} (${color}) is live; Deployment ${previousName} scaled to 0 (keep-previous: 0)`),
      (error: unknown) => this.deps.logger.warning(`kubernetes: ${version} (${color}) is live, but Deployment ${previousName} could not be scaled to 0: ${message(error)}`)
    )
  }

  async rollback(to: Color, reason: string, signal: AbortSignal): Promise<void> {
    const failed = otherColor(to)
    const at = new Date(this.clock.now()).toISOString()
    // The canary weight first: in the middle of a shift the selector already points at `to`, so this alone brings every request back.
    if (this.config.switchMode === 'ingress-nginx') {
      const split = canarySplit(await this.api.readIngress(this.canaryName!, signal), this.config.app)
      if (split.weight > 0) await this.setCanary(split.color ?? failed, 0, signal)
    }
    await this.switchSelector(to, signal, (state) => ({
      ...state,
      previous: undefined,
      paused: undefined,
      history: state.versions[failed] ? [{ version: state.versions[failed], color: failed, at, outcome: 'rolled-back' as const, reason }, ...state.history] : state.history
    }))
    // The failed color stops taking resources; best effort, traffic is already back.
    const failedName = deploymentName(this.config, failed)
    await this.api.patchDeployment(failedName, [{ op: 'replace', path: '/spec/replicas', value: 0 }], signal).then(
      () => this.deps.logger.info(`kubernetes: all traffic on ${to}; Deployment ${failedName} scaled to 0`),
      (error: unknown) => this.deps.logger.warning(`kubernetes: all traffic on ${to}, but Deployment ${failedName} could not be scaled to 0: ${message(error)}`)
    )
  }

  async savePaused(paused: PausedDeployment | undefined, signal: AbortSignal): Promise<void> {
    if (paused && !this.supportsWeights) throw new Error('kubernetes with k8s-switch: service has no percentage split, so a deployment cannot be paused between steps')
    await this.updateState(signal, (state) => ({ ...state, paused }))
  }

  async record(entry: DeployRecord, signal: AbortSignal): Promise<void> {
    await this.updateState(signal, (state) => ({ ...state, history: [entry, ...state.history] }))
  }

  async close(): Promise<void> {}

  /** The Service's selector to `color`, with the record, in one patch; 409 (changed since read) is read again. Ends in a known state or says which. */
  private async switchSelector(color: Color, signal: AbortSignal, update: (state: K8sState) => K8sState): Promise<void> {
    try {
      await this.patchServiceWith(signal, (service) => {
        if (selectedColor(service) !== color) this.deps.logger.info(`kubernetes: Service ${this.config.service} selector → ${color}`)
        return servicePatch(color, update(readState(service)))
      })
    } catch (error) {
      const now = await this.status(AbortSignal.timeout(30_000)).then(describeTraffic, () => 'unknown (the cluster could not be read)')
      throw new Error(`switching Service ${this.config.service} to ${color} failed: ${message(error)}; traffic now: ${now}`, { cause: error })
    }
  }

  private async updateState(signal: AbortSignal, update: (state: K8sState) => K8sState): Promise<void> {
    await this.patchServiceWith(signal, (service) => stateOnlyPatch(update(readState(service))))
  }

  private async patchServiceWith(signal: AbortSignal, build: (service: K8sService) => object): Promise<void> {
    await this.withConflicts(`Service ${this.config.service}`, signal, async () => {
      const service = await this.api.readService(this.config.service, signal)
      const body = build(service) as { metadata?: object }
      await this.api.patchService(this.config.service, { ...body, metadata: { ...body.metadata, resourceVersion: service.metadata?.resourceVersion } }, signal)
    })
  }

  /** Points the canary Ingress at `color` with `percent`; on failure, reads back where traffic stands and says so. */
  private async setCanary(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    const name = this.canaryName!
    try {
      await this.withConflicts(`Ingress ${name}`, signal, async () => {
        const canary = await this.api.readIngress(name, signal)
        await this.api.patchIngress(name, canaryPatch(canary, this.config.app, color, percent), signal)
      })
      this.deps.logger.info(`kubernetes: Ingress ${name} canary-weight ${percent} → ${deploymentName(this.config, color)}`)
    } catch (error) {
      const now = await this.status(AbortSignal.timeout(30_000)).then(describeTraffic, () => 'unknown (the cluster could not be read)')
      throw new Error(`setting ${percent}% on ${color} through Ingress ${name} failed: ${message(error)}; traffic now: ${now}`, { cause: error })
    }
  }

  private async withConflicts(what: string, signal: AbortSignal, attempt: () => Promise<void>): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        return await attempt()
      } catch (error) {
        if (!(error instanceof K8sApiError && error.status === 409) || tries >= 5) throw error
        this.deps.logger.info(`  ${what} changed since it was read (HTTP 409); reading it again`)
      }
    }
  }

  /** Watches the rollout until ready; when the watch ends early, polls until the same deadline. */
  private async waitRollout(name: string, patched: K8sDeployment, signal: AbortSignal): Promise<void> {
    const what = `the rollout of Deployment ${name}`
    const started = this.clock.now()
    let last: PollResult<K8sDeployment>
    try {
      last = rolloutProgress(patched)
    } catch (error) {
      throw rolloutFailed(error)
    }
    if (last.done) return
    let lastStatus = ''
    let lastPercent: number | undefined
    const say = (): void =>
      this.deps.logger.info(`  … waiting for ${what}: ${lastStatus}${lastPercent !== undefined ? ` (${lastPercent}%)` : ''} (${Math.round((this.clock.now() - started) / 1000)}s)`)
    const progress = (result: PollResult<K8sDeployment>): void => {
      if (result.done || result.status === lastStatus) return
      lastStatus = result.status
      lastPercent = result.percent
      say()
    }
    progress(last)
    const deadline = AbortSignal.any([signal, AbortSignal.timeout(this.config.rolloutTimeoutMs)])
    // A watch is silent while nothing changes (pods pulling an image, crash-looping): the status is repeated, at the poll intervals, so the log shows the wait is alive.
    let heartbeat: NodeJS.Timeout | undefined
    const beat = (delayMs: number): void => {
      heartbeat = setTimeout(() => {
        say()
        beat(Math.min(delayMs * 2, this.clock.maxIntervalMs))
      }, delayMs)
      heartbeat.unref()
    }
    beat(Math.max(1, this.clock.intervalMs))
    let failure: unknown
    const watched = await this.api
      .watchDeployment(
        name,
        patched.metadata?.resourceVersion,
        (event) => {
          if (event.type === 'BOOKMARK') return false
          if (event.type === 'ERROR' || event.type === 'DELETED') {
            const status = event.object as { reason?: string; code?: number }
            throw new Error(`watch event ${event.type}${status.reason ? ` ${status.code ?? ''} ${status.reason}` : ''}`)
          }
          try {
            last = rolloutProgress(event.object)
          } catch (error) {
            failure = error
            return true
          }
          progress(last)
          return last.done
        },
        deadline
      )
      .finally(() => clearTimeout(heartbeat))
    if (failure) throw rolloutFailed(failure)
    if (watched.ended === 'done') return
    signal.throwIfAborted()
    const remaining = this.config.rolloutTimeoutMs - (this.clock.now() - started)
    if (remaining <= 0 || deadline.aborted)
      throw rolloutFailed(new WaitTimeoutError(`${what} not ready within ${formatSeconds(this.config.rolloutTimeoutMs)} (last status "${lastStatus}")`, lastStatus))
    this.deps.logger.info(`  the watch on Deployment ${name} ended early (${watched.reason ?? 'closed by the server'}); polling instead`)
    try {
      await this.wait(what, remaining, signal, async () => rolloutProgress(await this.api.readDeployment(name, signal)))
    } catch (error) {
      throw rolloutFailed(error)
    }
  }

  private async wait<T>(what: string, timeoutMs: number, signal: AbortSignal, check: () => Promise<PollResult<T>>): Promise<T> {
    return waitUntil({
      what,
      timeoutMs,
      intervalMs: this.clock.intervalMs,
      maxIntervalMs: this.clock.maxIntervalMs,
      check,
      onProgress: ({ status, elapsedMs }) => this.deps.logger.info(`  … waiting for ${what}: ${status} (${Math.round(elapsedMs / 1000)}s)`),
      sleep: this.clock.sleep,
      now: this.clock.now,
      signal
    })
  }
}

function rolloutFailed(error: unknown): Error {
  return new Error(`${message(error)}; the Service still selects the active color`, { cause: error })
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`
}
