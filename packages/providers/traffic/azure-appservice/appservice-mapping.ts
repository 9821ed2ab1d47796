import { otherColor, type Color, type DeployRecord, type PausedDeployment, type TrafficStatus } from '../types.js'

/**
 * Pure half of the azure-appservice provider: ARM resource paths, linuxFxVersion, the production
 * slot's ramp-up rules, and the deploy record kept in the web app's tags.
 *
 * Colors on App Service: the *content* of a slot has a color. The production slot runs the active
 * color; the deployment slot (staging) runs the other. A swap exchanges the contents, so after a
 * promotion the colors have moved slots. The tags on the web app (the production site resource,
 * which a swap does not move) record which color production runs, the version and image of each
 * color, a paused deployment, the color kept in the slot for an instant swap back, and the latest
 * outcomes; status() checks them against the images the slots really run.
 */

export const APPSERVICE_API_VERSION = '2024-04-01'
/** ARM tag values are limited to 256 characters. */
export const TAG_VALUE_LIMIT = 256
export const TAG_PREFIX = 'deploy-actions-'

export interface SiteRef {
  subscriptionId: string
  resourceGroup: string
  appName: string
  slot: string
}

export interface RampUpRule {
  name?: string
  actionHostName?: string
  reroutePercentage?: number
  changeStep?: number
  changeIntervalInMinutes?: number
  minReroutePercentage?: number
  maxReroutePercentage?: number
  changeDecisionCallbackUrl?: string
}

export interface SiteConfigProperties {
  linuxFxVersion?: string
  experiments?: { rampUpRules?: RampUpRule[] }
}

export function sitePath(ref: SiteRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.Web/sites/${ref.appName}`
}

export function slotPath(ref: SiteRef): string {
  return `${sitePath(ref)}/slots/${ref.slot}`
}

/** `DOCKER|registry/app:1.2` → `registry/app:1.2`; other stacks (`NODE|20-lts`) and empty → undefined. */
export function imageOf(linuxFxVersion: string | undefined): string | undefined {
  const match = /^DOCKER\|(.+)$/i.exec((linuxFxVersion ?? '').trim())
  return match ? match[1].trim() : undefined
}

/** The version an image reference names: its tag (`app:1.4.2` → `1.4.2`), its digest, else the whole reference. */
export function imageVersion(image: string): string {
  const digest = /@(sha256:[0-9a-f]{12})[0-9a-f]*$/i.exec(image)
  if (digest) return digest[1]
  const tag = /:([\w][\w.-]{0,127})$/.exec(image.slice(image.lastIndexOf('/') + 1))
  return tag ? tag[1] : image
}

export function linuxFxVersionFor(image: string): string {
  return `DOCKER|${image}`
}

/** The rule that reroutes to our slot: by its host name, else by its name (the portal names it after the slot). */
export function findRule(rules: RampUpRule[] | undefined, slot: string, slotHost: string): RampUpRule | undefined {
  const list = rules ?? []
  return list.find((r) => (r.actionHostName ?? '').toLowerCase() === slotHost.toLowerCase()) ?? list.find((r) => (r.name ?? '').toLowerCase() === slot.toLowerCase())
}

export function reroutePercent(rules: RampUpRule[] | undefined, slot: string, slotHost: string): number {
  const value = findRule(rules, slot, slotHost)?.reroutePercentage ?? 0
  return Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 0
}

/**
 * The ramp-up rules with ours at `percent` (a fixed split: no automatic change step, so the
 * engine alone moves it); 0 removes our rule. Other rules (other slots) are kept as they are.
 */
export function withReroute(rules: RampUpRule[] | undefined, slot: string, slotHost: string, percent: number): RampUpRule[] {
  const ours = findRule(rules, slot, slotHost)
  const others = (rules ?? []).filter((r) => r !== ours)
  if (percent <= 0) return others
  return [...others, { name: slot, actionHostName: slotHost, reroutePercentage: percent }]
}

/** What the web app's tags record (the platform's own record is the slots' images and the ramp-up rule). */
export interface StoredState {
  /** Color of the production slot's content; blue before the first deploy. */
  active: Color
  versions: Partial<Record<Color, string>>
  images: Partial<Record<Color, string>>
  /** The color kept in the deployment slot after a promotion (a swap back restores it). */
  kept?: Color
  paused?: PausedDeployment
  history: DeployRecord[]
  lock?: { owner: string; expiresAt: number }
}

const COLORS: Color[] = ['blue', 'green']
const isColor = (value: unknown): value is Color => value === 'blue' || value === 'green'

export function readState(tags: Record<string, string> | undefined): StoredState {
  const t = tags ?? {}
  const tag = (name: string): string | undefined => t[`${TAG_PREFIX}${name}`] || undefined
  const state: StoredState = { active: isColor(tag('active')) ? (tag('active') as Color) : 'blue', versions: {}, images: {}, history: [] }
  for (const color of COLORS) {
    if (tag(color)) state.versions[color] = tag(color)
    if (tag(`${color}-image`)) state.images[color] = tag(`${color}-image`)
  }
  if (isColor(tag('kept'))) state.kept = tag('kept') as Color
  state.paused = parsePaused(tag('paused'))
  if (!state.paused) delete state.paused
  state.history = parseHistory(tag('history'))
  const lock = /^(\d+)\|(.+)$/s.exec(tag('lock') ?? '')
  if (lock) state.lock = { expiresAt: Number(lock[1]), owner: lock[2] }
  return state
}

/** The tags to write for `state`, merged over the web app's other tags (ours absent from `state` are removed). */
export function writeState(existing: Record<string, string> | undefined, state: StoredState): Record<string, string> {
  const tags = Object.fromEntries(Object.entries(existing ?? {}).filter(([name]) => !name.startsWith(TAG_PREFIX)))
  const put = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') tags[`${TAG_PREFIX}${name}`] = value.slice(0, TAG_VALUE_LIMIT)
  }
  put('active', state.active)
  for (const color of COLORS) {
    put(color, state.versions[color])
    // An image reference longer than a tag holds is left out rather than cut: a cut one would never match.
    const image = state.images[color]
    if (image && image.length <= TAG_VALUE_LIMIT) put(`${color}-image`, image)
  }
  put('kept', state.kept)
  if (state.paused) put('paused', encodePaused(state.paused))
  put('history', encodeHistory(state.history))
  if (state.lock) put('lock', `${state.lock.expiresAt}|${state.lock.owner}`)
  return tags
}

function encodePaused(p: PausedDeployment): string {
  return JSON.stringify([p.color, p.version, p.weight, p.remainingSteps, p.at])
}

function parsePaused(raw: string | undefined): PausedDeployment | undefined {
  if (!raw) return undefined
  try {
    const [color, version, weight, remainingSteps, at] = JSON.parse(raw) as unknown[]
    if (!isColor(color) || typeof version !== 'string' || typeof weight !== 'number' || !Array.isArray(remainingSteps) || typeof at !== 'string') return undefined
    return { color, version, weight, remainingSteps: remainingSteps.filter((s): s is number => typeof s === 'number'), at }
  } catch {
    return undefined
  }
}

const OUTCOMES: DeployRecord['outcome'][] = ['promoted', 'rolled-back', 'aborted']

/** The newest records that fit one tag value (reasons are not kept: they do not fit). */
export function encodeHistory(history: DeployRecord[]): string | undefined {
  const entries: unknown[] = []
  for (const record of history) {
    const next = [...entries, [record.version, record.color, OUTCOMES.indexOf(record.outcome), record.at]]
    if (JSON.stringify(next).length > TAG_VALUE_LIMIT) break
    entries.push(next[next.length - 1])
  }
  return entries.length > 0 ? JSON.stringify(entries) : undefined
}

function parseHistory(raw: string | undefined): DeployRecord[] {
  if (!raw) return []
  try {
    const entries = JSON.parse(raw) as unknown[]
    return entries.flatMap((entry) => {
      if (!Array.isArray(entry)) return []
      const [version, color, outcome, at] = entry as unknown[]
      if (typeof version !== 'string' || !isColor(color) || typeof outcome !== 'number' || !OUTCOMES[outcome] || typeof at !== 'string') return []
      return [{ version, color, outcome: OUTCOMES[outcome], at }]
    })
  } catch {
    return []
  }
}

/**
 * Which color production really runs: the tag, unless the production slot's image is the image
 * recorded for the other color and not the tag's own (a swap the tags missed: a run cancelled
 * between the swap and the tag write, or a swap made in the portal).
 */
export function activeColor(state: StoredState, productionImage: string | undefined): Color {
  const other = otherColor(state.active)
  if (productionImage && state.images[other] === productionImage && state.images[state.active] !== productionImage) return other
  return state.active
}

export function toStatus(state: StoredState, productionImage: string | undefined, reroute: number): TrafficStatus {
  const active = activeColor(state, productionImage)
  const idle = otherColor(active)
  const activeVersion = state.versions[active]
  const previousVersion = state.kept === idle ? state.versions[idle] : undefined
  return {
    active,
    ...(activeVersion !== undefined ? { activeVersion } : {}),
    ...(previousVersion !== undefined ? { previousVersion } : {}),
    weights: { [active]: 100 - reroute, [idle]: reroute } as Record<Color, number>,
    ...(state.paused ? { paused: state.paused } : {}),
    history: state.history
  }
}

/** `host` or `https://host` → `https://host` (no trailing slash). */
export function httpsUrl(hostName: string): string {
  return /^https?:\/\//i.test(hostName) ? hostName.replace(/\/+$/, '') : `https://${hostName}`
}
