import { ArmClient, parseArmJson } from '../../../clouds/azure/arm-client.js'
import { buildArmCredential, type ArmTokenCredential } from '../../../clouds/azure/credential.js'
import { errorMessage } from '../../../core/error-message.js'
import { httpRequest } from '../../../core/http.js'
import type { Logger } from '../../../core/log.js'
import { formatMs } from '../../../core/markdown.js'
import { waitUntil, type PollProgress } from '../../../core/poll.js'
import { clientDeps } from '../provider-clock.js'
import { otherColor } from '../types.js'
import type { Color, DeployRecord, PausedDeployment, PreparedTarget, Release, TrafficLock, TrafficProvider, TrafficProviderDeps, TrafficStatus } from '../types.js'
import {
  activeColor,
  APPSERVICE_API_VERSION,
  httpsUrl,
  imageOf,
  imageVersion,
  linuxFxVersionFor,
  readState,
  reroutePercent,
  sitePath,
  slotPath,
  toStatus,
  withReroute,
  writeState,
  type SiteConfigProperties,
  type SiteRef,
  type StoredState
} from './appservice-mapping.js'
import type { AzureAppServiceConfig } from './config.js'

/**
 * Blue-green on Azure App Service with a deployment slot (Microsoft.Web, REST api-version
 * 2024-04-01): prepare points the slot at the new image (site config linuxFxVersion) and waits for
 * it to answer on its own address; shift sets the production slot's ramp-up rule (routing rule:
 * reroutePercentage to the slot); promote removes the rule and swaps the slot into production (a
 * long-running operation); rollback removes the rule and swaps back when a swap already happened.
 *
 * REST through packages/clouds/azure/arm-client.ts rather than @azure/arm-appservice: six calls;
 * the suite's client applies our retry policy (per-attempt timeout, 429/5xx with Retry-After,
 * injectable sleep) and long-running-operation polling with progress, where the SDK brings its
 * own retry pipeline on top, and the SDK's Bearer policy refuses plain-http endpoints, so it could
 * not be tested against the loopback ARM fake.
 */

const LOCK_LEASE_MS = 6 * 60 * 60_000
const LOCK_POLL_MS = 10_000

export interface AppServiceProviderOptions extends TrafficProviderDeps {
  /** Tests pass a static token; runs use the suite's credential chain. */
  credential?: ArmTokenCredential
  now?: () => number
  pollIntervalMs?: number
}

export async function createAppServiceProvider(config: AzureAppServiceConfig, options: AppServiceProviderOptions): Promise<AppServiceTrafficProvider> {
  const credential = options.credential ?? (await buildArmCredential()).credential
  return new AppServiceTrafficProvider(config, { ...options, credential })
}

interface Site {
  tags?: Record<string, string>
  properties?: { defaultHostName?: string; state?: string }
}

export class AppServiceTrafficProvider implements TrafficProvider {
  readonly name = 'azure-appservice'
  readonly supportsWeights = true
  private readonly arm: ArmClient
  private readonly logger: Logger
  private readonly ref: SiteRef
  private readonly now: () => number
  private hosts?: { production: string; slot: string }

  constructor(
    private readonly config: AzureAppServiceConfig,
    options: AppServiceProviderOptions & { credential: ArmTokenCredential }
  ) {
    this.logger = options.logger
    this.now = options.now ?? Date.now
    this.ref = { subscriptionId: config.subscriptionId, resourceGroup: config.resourceGroup, appName: config.appName, slot: config.slot }
    this.arm = new ArmClient({
      credential: options.credential,
      ...clientDeps(options),
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      now: this.now,
      ...(options.pollIntervalMs !== undefined ? { pollIntervalMs: options.pollIntervalMs, maxPollIntervalMs: options.pollIntervalMs * 4 } : {})
    })
  }

  publicUrl(): string {
    return this.config.publicUrl ?? (this.hosts ? httpsUrl(this.hosts.production) : `https://${this.config.appName}.azurewebsites.net`)
  }

  private slotUrl(): string {
    return this.config.slotUrl ?? httpsUrl(this.hosts?.slot ?? `${this.config.appName}-${this.config.slot}.azurewebsites.net`)
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    const { state, productionImage, reroute } = await this.read(signal)
    return toStatus(state, productionImage, reroute)
  }

  async lock(owner: string, timeoutMs: number, signal: AbortSignal): Promise<TrafficLock> {
    await waitUntil({
      what: `the deploy lock on ${this.config.appName}`,
      timeoutMs,
      ...this.arm.clock,
      intervalMs: Math.min(LOCK_POLL_MS, this.arm.clock.intervalMs),
      signal,
      onProgress: (p) => this.logger.info(`waiting for the deploy lock on ${this.config.appName}: ${p.status} (${formatMs(p.elapsedMs)})`),
      check: async () => {
        const held = (await this.readState(signal)).lock
        if (held && held.owner !== owner && held.expiresAt > this.now())
          return { done: false, status: `held by ${held.owner} until ${new Date(held.expiresAt).toISOString()} (tag deploy-actions-lock on the web app)` }
        await this.updateState((s) => ({ ...s, lock: { owner, expiresAt: this.now() + LOCK_LEASE_MS } }), 'take the deploy lock', signal)
        // Tags have no compare-and-set: read back, and the last writer holds it.
        const after = (await this.readState(signal)).lock
        if (after?.owner !== owner) return { done: false, status: `taken by ${after?.owner ?? 'another run'} at the same moment` }
        return { done: true, value: undefined }
      }
    })
    let released = false
    return {
      release: async () => {
        if (released) return
        released = true
        await this.updateState((s) => (s.lock?.owner === owner ? { ...s, lock: undefined } : s), 'release the deploy lock', AbortSignal.timeout(60_000))
      }
    }
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    const { state, productionImage } = await this.read(signal)
    const active = activeColor(state, productionImage)
    const color = otherColor(active)
    const slotConfigUrl = this.arm.url(`${slotPath(this.ref)}/config/web`, APPSERVICE_API_VERSION)
    let image = release.image
    if (image) {
      this.logger.info(`Pointing slot ${this.config.slot} at ${image} (${color})`)
      await this.arm.request('PATCH', slotConfigUrl, `set the image of slot ${this.config.slot}`, { properties: { linuxFxVersion: linuxFxVersionFor(image) } }, signal)
    } else {
      image = imageOf(
        parseArmJson<{ properties?: SiteConfigProperties }>(await this.arm.request('GET', slotConfigUrl, `read slot ${this.config.slot}`, undefined, signal), 'slot config').properties
          ?.linuxFxVersion
      )
      this.logger.info(`No image given: slot ${this.config.slot} is taken as already deployed (${image ?? 'not a container'})`)
    }
    // The slot no longer holds the previous version: a swap back would not restore it.
    // Before the first deploy nothing is recorded for production: its image names its version.
    const known =
      state.versions[active] === undefined && productionImage
        ? { versions: { [active]: imageVersion(productionImage) }, images: { [active]: productionImage } }
        : { versions: {}, images: {} }
    await this.updateState(
      (s) => ({
        ...s,
        active,
        versions: { ...known.versions, ...s.versions, [color]: release.version },
        images: { ...known.images, ...s.images, [color]: image },
        kept: undefined,
        paused: undefined
      }),
      `record ${release.version} on ${color}`,
      signal
    )
    const directUrl = this.slotUrl()
    await this.waitHealthy(directUrl, `slot ${this.config.slot}`, signal)
    return { color, version: release.version, directUrl }
  }

  async shift(color: Color, percent: number, signal: AbortSignal): Promise<void> {
    const { state, productionImage, reroute } = await this.read(signal)
    const inProduction = activeColor(state, productionImage)
    const target = color === inProduction ? 100 - percent : percent
    if (target === reroute) return
    try {
      await this.setReroute(target, signal)
    } catch (error) {
      // Say where traffic stands: read the rule back (a timed-out write may have landed).
      const now = await this.read(signal).then(
        (r) => `${r.reroute}%`,
        () => 'unknown (could not read it back)'
      )
      throw new Error(`${errorMessage(error)}; the ramp-up rule to slot ${this.config.slot} is now ${now} (wanted ${target}%)`, { cause: error })
    }
  }

  async promote(color: Color, version: string, keepPreviousMs: number, signal: AbortSignal): Promise<void> {
    const { state, productionImage, reroute } = await this.read(signal)
    const inProduction = activeColor(state, productionImage)
    if (color !== inProduction) {
      // A swap first applies production's settings to the slot and restarts it: no user traffic may be routed there meanwhile.
      if (reroute > 0) {
        this.logger.info(
          `Removing the ramp-up rule (${reroute}% on slot ${this.config.slot}) before the swap; production serves ${state.versions[inProduction] ?? 'the previous version'} while the swap runs`
        )
        await this.setReroute(0, signal)
      }
      if (this.config.swapPreview) await this.preview(signal)
      await this.swap(`swap slot ${this.config.slot} (${version}) into production`, signal)
      const after = await this.read(signal)
      const expected = state.images[color]
      if (expected && after.productionImage !== expected) throw new Error(`after the swap production runs ${after.productionImage ?? 'no container image'}, not ${expected}`)
    } else if (reroute > 0) {
      await this.setReroute(0, signal)
    }
    await this.updateState((s) => ({ ...s, active: color, kept: otherColor(color), paused: undefined }), `record ${color} as active`, signal)
    this.logger.debug(`the previous version stays in slot ${this.config.slot} until the next deploy (keep-previous ${formatMs(keepPreviousMs)} does not stop a slot)`)
    await this.waitHealthy(this.publicUrl(), 'production', signal)
  }

  async rollback(to: Color, reason: string, signal: AbortSignal): Promise<void> {
    const { state, productionImage, reroute } = await this.read(signal)
    const inProduction = activeColor(state, productionImage)
    if (reroute > 0) {
      this.logger.info(`Removing the ramp-up rule (${reroute}% on slot ${this.config.slot})`)
      await this.setReroute(0, signal)
    }
    if (inProduction !== to) {
      this.logger.info(
        `Swapping back: production runs ${inProduction} (${state.versions[inProduction] ?? 'unknown'}); ${to} (${state.versions[to] ?? 'unknown'}) is in slot ${this.config.slot}`
      )
      await this.swap(`swap slot ${this.config.slot} (${state.versions[to] ?? to}) back into production`, signal)
    }
    const failed = otherColor(to)
    await this.updateState(
      (s) => {
        const last = s.history[0]
        const version = s.versions[failed]
        const already = last?.outcome === 'rolled-back' && last.version === version && last.color === failed
        const history = version && !already ? [{ version, color: failed, at: new Date(this.now()).toISOString(), outcome: 'rolled-back' as const, reason }, ...s.history] : s.history
        return { ...s, active: to, kept: undefined, paused: undefined, history }
      },
      'record the rollback',
      signal
    )
  }

  async savePaused(paused: PausedDeployment | undefined, signal: AbortSignal): Promise<void> {
    await this.updateState((s) => ({ ...s, paused }), paused ? 'record the pause' : 'clear the pause', signal)
  }

  async record(entry: DeployRecord, signal: AbortSignal): Promise<void> {
    await this.updateState((s) => ({ ...s, history: [entry, ...s.history] }), 'record the outcome', signal)
  }

  async close(): Promise<void> {}

  private async read(signal: AbortSignal): Promise<{ state: StoredState; productionImage?: string; reroute: number }> {
    const site = await this.getSite(signal)
    const hosts = await this.slotHosts(site, signal)
    const config = await this.getConfig(sitePath(this.ref), 'production', signal)
    const productionImage = imageOf(config.linuxFxVersion)
    return { state: readState(site.tags), ...(productionImage ? { productionImage } : {}), reroute: reroutePercent(config.experiments?.rampUpRules, this.config.slot, hosts.slot) }
  }

  private async readState(signal: AbortSignal): Promise<StoredState> {
    return readState((await this.getSite(signal)).tags)
  }

  private async getSite(signal: AbortSignal): Promise<Site> {
    return parseArmJson<Site>(await this.arm.request('GET', this.arm.url(sitePath(this.ref), APPSERVICE_API_VERSION), `read web app ${this.config.appName}`, undefined, signal), 'web app')
  }

  private async slotHosts(site: Site, signal: AbortSignal): Promise<{ production: string; slot: string }> {
    if (this.hosts) return this.hosts
    const slot = parseArmJson<Site>(await this.arm.request('GET', this.arm.url(slotPath(this.ref), APPSERVICE_API_VERSION), `read slot ${this.config.slot}`, undefined, signal), 'slot')
    const production = site.properties?.defaultHostName
    const slotHost = slot.properties?.defaultHostName
    if (!production || !slotHost) throw new Error(`web app ${this.config.appName} or its slot ${this.config.slot} has no default host name`)
    this.hosts = { production, slot: slotHost }
    return this.hosts
  }

  private async getConfig(path: string, what: string, signal: AbortSignal): Promise<SiteConfigProperties> {
    const response = await this.arm.request('GET', this.arm.url(`${path}/config/web`, APPSERVICE_API_VERSION), `read the site config of ${what}`, undefined, signal)
    return parseArmJson<{ properties?: SiteConfigProperties }>(response, 'site config').properties ?? {}
  }

  private async setReroute(percent: number, signal: AbortSignal): Promise<void> {
    const config = await this.getConfig(sitePath(this.ref), 'production', signal)
    const hosts = this.hosts ?? (await this.slotHosts(await this.getSite(signal), signal))
    const rampUpRules = withReroute(config.experiments?.rampUpRules, this.config.slot, hosts.slot, percent)
    await this.arm.request(
      'PATCH',
      this.arm.url(`${sitePath(this.ref)}/config/web`, APPSERVICE_API_VERSION),
      `set the ramp-up rule to ${percent}% on slot ${this.config.slot}`,
      { properties: { experiments: { rampUpRules } } },
      signal
    )
  }

  /** Swap with preview, phase one: production's settings on the slot (which restarts), warmed up again; reset when it does not come up. */
  private async preview(signal: AbortSignal): Promise<void> {
    const body = { targetSlot: 'production', preserveVnet: true }
    this.logger.info(`Azure: applying production's settings to slot ${this.config.slot} (swap with preview)`)
    await this.arm.request('POST', this.arm.url(`${slotPath(this.ref)}/applySlotConfig`, APPSERVICE_API_VERSION), `apply production's settings to slot ${this.config.slot}`, body, signal)
    try {
      await this.waitHealthy(this.slotUrl(), `slot ${this.config.slot} with production's settings`, signal)
    } catch (error) {
      await this.arm.request('POST', this.arm.url(`${slotPath(this.ref)}/resetSlotConfig`, APPSERVICE_API_VERSION), `reset the settings of slot ${this.config.slot}`, undefined, signal)
      throw new Error(`swap with preview cancelled, slot ${this.config.slot} reset to its own settings: ${errorMessage(error)}`, { cause: error })
    }
  }

  private async swap(what: string, signal: AbortSignal): Promise<void> {
    this.logger.info(`Azure: ${what}`)
    const response = await this.arm.request('POST', this.arm.url(`${slotPath(this.ref)}/slotsswap`, APPSERVICE_API_VERSION), what, { targetSlot: 'production', preserveVnet: true }, signal)
    await this.arm.waitForOperation(
      response,
      what,
      {
        timeoutMs: this.config.swapTimeoutMs,
        signal,
        onProgress: (p: PollProgress) => this.logger.info(`  … ${what}: ${p.status}${p.percent !== undefined ? ` ${p.percent}%` : ''} (${formatMs(p.elapsedMs)})`)
      },
      'the swap may still complete in Azure; run mode: status to see which version production runs'
    )
  }

  private async updateState(change: (state: StoredState) => StoredState, what: string, signal: AbortSignal): Promise<void> {
    const site = await this.getSite(signal)
    const tags = writeState(site.tags, change(readState(site.tags)))
    await this.arm.request('PATCH', this.arm.url(sitePath(this.ref), APPSERVICE_API_VERSION), what, { tags }, signal)
  }

  private async waitHealthy(base: string, what: string, signal: AbortSignal): Promise<void> {
    const url = `${base}${this.config.healthPath}`
    await waitUntil({
      what: `${what} at ${url}`,
      timeoutMs: this.config.warmupTimeoutMs,
      ...this.arm.clock,
      signal,
      onProgress: (p) => this.logger.info(`  … warming up ${what}: ${p.status} (${formatMs(p.elapsedMs)} of ${formatMs(this.config.warmupTimeoutMs)})`),
      check: async () => {
        try {
          const response = await httpRequest({ url, timeoutMs: 30_000, signal, maxBodyBytes: 4096 })
          if (response.status >= 200 && response.status < 300) return { done: true, value: undefined }
          return { done: false, status: `HTTP ${response.status}` }
        } catch (error) {
          if (signal.aborted) throw error
          return { done: false, status: errorMessage(error).split('\n')[0] }
        }
      }
    })
    this.logger.info(`${what} answers ${url}`)
  }
}
