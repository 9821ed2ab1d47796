import type { Color, DeployRecord, PausedDeployment } from '../types.js'

/**
 * The state the provider keeps in tags, read and written as pure values: the listener's tags in
 * the ALB mode, the service's tags in native mode (active color, kept previous version, a paused
 * deployment, the last outcome, the deploy lock). ELB and ECS tag values allow only letters,
 * digits, spaces and _ . : / = + - @, so records are space-separated fields, never JSON.
 */

export const TAG = {
  active: 'deploy-actions:active',
  previous: 'deploy-actions:previous',
  paused: 'deploy-actions:paused',
  last: 'deploy-actions:last',
  lock: 'deploy-actions:lock',
  keepUntil: 'deploy-actions:keep-until',
  version: 'deploy-actions:version',
  color: 'deploy-actions:color'
} as const

/** One tag, whichever API it came from (ELB: Key/Value, ECS: key/value). */
export interface StateTag {
  Key?: string
  Value?: string
}

export interface TagState {
  active?: Color
  previousVersion?: string
  paused?: PausedDeployment
  last?: DeployRecord
  lock?: { owner: string; expiresAt: number }
  /** Milliseconds since the epoch after which the kept previous color may be stopped. */
  keepUntil?: number
}

const TAG_VALUE = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu

/** A free text made fit for a tag value: disallowed characters become spaces, at most `max` characters. */
export function tagText(text: string, max = 200): string {
  return text.replace(TAG_VALUE, ' ').replace(/\s+/g, ' ').trim().slice(0, max)
}

export function readTagState(tags: StateTag[] | undefined): TagState {
  const value = (key: string): string | undefined => tags?.find((tag) => tag.Key === key)?.Value || undefined
  const state: TagState = {}
  const active = value(TAG.active)
  if (active === 'blue' || active === 'green') state.active = active
  const previous = value(TAG.previous)
  if (previous) state.previousVersion = previous
  const paused = value(TAG.paused)?.split(' ')
  if (paused && paused.length === 5 && (paused[0] === 'blue' || paused[0] === 'green')) {
    state.paused = { color: paused[0], weight: Number(paused[1]), remainingSteps: paused[2].split('/').map(Number), at: paused[3], version: paused[4] }
  }
  const last = value(TAG.last)?.split(' ')
  if (last && last.length >= 4 && (last[1] === 'blue' || last[1] === 'green') && ['promoted', 'rolled-back', 'aborted'].includes(last[0])) {
    const reason = last.slice(4).join(' ')
    state.last = { outcome: last[0] as DeployRecord['outcome'], color: last[1], at: last[2], version: last[3], ...(reason ? { reason } : {}) }
  }
  const lock = value(TAG.lock)
  const match = lock ? /^(\d+) (.+)$/.exec(lock) : null
  if (match) state.lock = { expiresAt: Number(match[1]), owner: match[2] }
  const keepUntil = Number(value(TAG.keepUntil))
  if (Number.isFinite(keepUntil) && keepUntil > 0) state.keepUntil = keepUntil
  return state
}

export function pausedTag(paused: PausedDeployment): string {
  return `${paused.color} ${paused.weight} ${paused.remainingSteps.join('/')} ${paused.at} ${paused.version}`
}

export function recordTag(record: DeployRecord): string {
  const head = `${record.outcome} ${record.color} ${record.at} ${record.version}`
  return record.reason ? `${head} ${tagText(record.reason, 250 - head.length)}`.trim() : head
}

export function lockTag(owner: string, expiresAt: number): string {
  return `${expiresAt} ${tagText(owner, 230) || 'unknown'}`
}
