import { SingleSwitchProvider } from '../platform-provider.js'
import { otherColor, type Color, type PreparedTarget, type Release, type TrafficProviderDeps, type TrafficStatus } from '../types.js'
import { deploymentRef, type VercelConfig } from './config.js'
import { VercelApi } from './vercel-api.js'
import { aliasJobUnderWay, aliasing, productionId, productionUrl, readiness, toTrafficStatus, type VercelProject } from './vercel-mapping.js'

/**
 * Vercel: the release is an existing deployment (the preview the Git integration built, say).
 * prepare waits until it is READY; the one switch promotes it (production domains point at it,
 * no rebuild) and waits until production serves it; rollback is Vercel's instant rollback to the
 * previous production deployment. Vercel keeps every deployment, so the previous one stays ready.
 */

export function createVercelProvider(config: VercelConfig, deps: TrafficProviderDeps): VercelTrafficProvider {
  return new VercelTrafficProvider(config, deps)
}

export class VercelTrafficProvider extends SingleSwitchProvider<VercelConfig> {
  readonly name = 'vercel'
  protected readonly underWay = { work: 'promote or rollback', on: 'project' }
  private readonly api = new VercelApi(this.config, this.client)
  private project?: VercelProject

  publicUrl(): string {
    return this.config.publicUrl ?? (this.project ? productionUrl(this.project) : undefined) ?? `https://${this.project?.name ?? this.config.project}.vercel.app/`
  }

  async status(signal: AbortSignal): Promise<TrafficStatus> {
    return toTrafficStatus(await this.readProject(signal), this.colors)
  }

  /** Vercel runs one promote or rollback per project at a time: the lock waits for one under way to finish (use the workflow's `concurrency` for the rest). */
  protected async busy(signal: AbortSignal): Promise<string | undefined> {
    const job = aliasJobUnderWay(await this.readProject(signal))
    return job ? `${job.type} to ${job.toDeploymentId} ${job.jobStatus} since ${new Date(job.requestedAt).toISOString()}` : undefined
  }

  async prepare(release: Release, signal: AbortSignal): Promise<PreparedTarget> {
    const ref = deploymentRef(release.version)
    if (!ref) throw new Error(`"${release.version}" is not a Vercel deployment id or URL`)
    const project = await this.readProject(signal)
    const first = await this.api.getDeployment(ref, signal)
    if (first.projectId && first.projectId !== project.id) throw new Error(`deployment ${first.id} belongs to another project (${first.projectId}), not ${project.name}`)
    const ready = await this.wait(
      `deployment ${first.id} to be READY`,
      this.config.readyTimeoutMs,
      signal,
      async () => readiness(await this.api.getDeployment(first.id, signal)),
      readiness(first)
    )
    const active = toTrafficStatus(project, this.colors).active
    const color = otherColor(active)
    if (productionId(project) === ready.id) this.logger.info(`deployment ${ready.id} already serves production`)
    else this.colors.set(color, ready.id)
    const commit = ready.meta?.githubCommitSha ? ` (commit ${ready.meta.githubCommitSha.slice(0, 12)})` : ''
    this.logger.info(`vercel: deployment ${ready.id}${commit} is READY at https://${ready.url}`)
    return { color: productionId(project) === ready.id ? active : color, version: release.version, directUrl: `https://${ready.url}/` }
  }

  promote(color: Color, version: string): Promise<void> {
    this.logger.info(`vercel: ${version} (${color}) serves production; the previous production deployment stays for an instant rollback`)
    return Promise.resolve()
  }

  protected async switchTo(color: Color, signal: AbortSignal, rollbackReason?: string): Promise<void> {
    await this.pointProductionAt(color, rollbackReason === undefined ? 'promote' : 'rollback', rollbackReason ?? 'promoted by blue-green-swap', signal)
  }

  /** Production domains to the deployment playing `color`; no call when it already serves them. Ends in a known state or says which. */
  private async pointProductionAt(color: Color, how: 'promote' | 'rollback', reason: string, signal: AbortSignal): Promise<void> {
    const project = await this.readProject(signal)
    const current = productionId(project)
    const target = this.colors.idOf(color) ?? (current && this.colors.colorOf(current) === color ? current : undefined)
    if (!target) throw new Error(`no deployment is known for ${color}; production still serves ${current ?? 'no deployment'}`)
    if (current === target) {
      this.logger.info(`vercel: production already serves ${target} (${color})`)
      return
    }
    // Vercel's rollback only goes to an earlier production deployment; a promote goes to any READY one (also back to blue).
    const useRollback = how === 'rollback' && current !== undefined
    this.logger.info(`vercel: ${useRollback ? 'rolling back' : 'promoting'} production from ${current ?? 'no deployment'} to ${target} (${color})`)
    try {
      if (useRollback) await this.api.rollback(project.id, target, reason, signal)
      else await this.api.promote(project.id, target, signal)
    } catch (error) {
      if (useRollback && /HTTP (409|422)/.test(String((error as Error).message))) {
        this.logger.warning(`vercel: rollback refused (${(error as Error).message}); promoting ${target} instead`)
        await this.api.promote(project.id, target, signal)
      } else {
        throw await this.knownState(error, signal)
      }
    }
    try {
      await this.wait(`production to serve ${target}`, this.config.promoteTimeoutMs, signal, async () => aliasing(await this.readProject(signal), target))
    } catch (error) {
      throw await this.knownState(error, signal)
    }
    this.logger.info(`vercel: production serves ${target} (${color})`)
  }

  /** Adds where production stands to a failure, so the run says which deployment serves users. */
  private async knownState(error: unknown, signal: AbortSignal): Promise<Error> {
    const text = error instanceof Error ? error.message : String(error)
    if (/production (still )?serves/.test(text)) return error instanceof Error ? error : new Error(text)
    try {
      const current = productionId(await this.readProject(signal))
      return new Error(`${text}; production serves ${current ?? 'no deployment'}${current ? ` (${this.colors.colorOf(current)})` : ''}`, { cause: error })
    } catch {
      return new Error(`${text}; where production stands could not be read`, { cause: error })
    }
  }

  private async readProject(signal: AbortSignal): Promise<VercelProject> {
    this.project = await this.api.getProject(signal)
    return this.project
  }
}
