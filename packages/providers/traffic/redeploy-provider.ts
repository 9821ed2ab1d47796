import { SingleSwitchProvider } from './platform-provider.js'
import type { Color } from './types.js'

/**
 * A single-switch platform that deploys in place (Render, Railway): one deployment serves; the way
 * back to a color is the platform's rollback, which starts a new deployment from an earlier one's
 * artifact and is waited for until it serves.
 */
export abstract class RedeployProvider<C extends { pollIntervalMs: number }, D extends { id: string }> extends SingleSwitchProvider<C> {
  /** The platform's words: its unit ("deploy"), what is said when none serves ("no live deploy"), how one serves ("is live"). */
  protected abstract readonly words: { unit: string; none: string; serves: string }

  /** The deployment serving now, if any. */
  protected abstract serving(signal: AbortSignal): Promise<D | undefined>
  protected abstract versionOf(deployment: D): string
  /** Starts the platform's rollback to `target`, records what now plays `color`, and waits until it serves. */
  protected abstract redeploy(color: Color, target: string, serving: D | undefined, signal: AbortSignal): Promise<void>

  protected get underWay(): { work: string; on: string } {
    return { work: this.words.unit, on: 'service' }
  }

  /** Brings the deployment playing `color` back with the platform's rollback; no call when it serves already. */
  protected async switchTo(color: Color, signal: AbortSignal): Promise<void> {
    const { unit, none, serves } = this.words
    const serving = await this.serving(signal)
    const target = this.colors.idOf(color)
    if (!target) throw new Error(`no ${unit} is known for ${color}; the service serves ${serving ? this.describe(serving) : none}`)
    if (serving?.id === target) {
      this.logger.info(`${this.name}: ${this.describe(serving)} (${color}) ${serves}`)
      return
    }
    this.logger.info(`${this.name}: rolling back from ${serving ? this.describe(serving) : none} to ${unit} ${target} (${color})`)
    try {
      await this.redeploy(color, target, serving, signal)
    } catch (error) {
      const now = await this.serving(signal).catch(() => undefined)
      throw new Error(`${error instanceof Error ? error.message : String(error)}; the service serves ${now ? this.describe(now) : `an unknown ${unit}`}`, { cause: error })
    }
  }

  protected describe(deployment: D): string {
    return `${this.words.unit} ${deployment.id} (${this.versionOf(deployment)})`
  }
}
