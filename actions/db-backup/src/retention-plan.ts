/**
 * Which backups retention removes. Pure.
 *
 * Rules (each optional; with none, nothing is removed):
 *  - keep-last N: the N newest complete backups are kept;
 *  - max-age D: complete backups younger than D are kept.
 * A backup is removed only when every rule given lets it go (the rules add up, as in restic's
 * --keep-last / --keep-within), and never when it is the newest complete backup or the one this
 * run just made. Incomplete entries (uploads in progress, failed snapshots) are never touched
 * here: they are not backups this planner owns.
 */

export interface RetentionCandidate {
  id: string
  createdAt: string
  complete: boolean
}

export interface RetentionRules {
  keepLast?: number
  maxAgeMs?: number
}

export interface RetentionDecision {
  id: string
  createdAt: string
  action: 'keep' | 'delete'
  reason: string
}

export function planRetention(candidates: readonly RetentionCandidate[], rules: RetentionRules, now: Date, justCreatedId?: string): RetentionDecision[] {
  const complete = candidates
    .filter((c) => c.complete && !Number.isNaN(Date.parse(c.createdAt)))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id))
  const active = rules.keepLast !== undefined || rules.maxAgeMs !== undefined
  return complete.map((candidate, index) => {
    const decide = (action: 'keep' | 'delete', reason: string): RetentionDecision => ({ id: candidate.id, createdAt: candidate.createdAt, action, reason })
    if (candidate.id === justCreatedId) return decide('keep', 'made by this run')
    if (index === 0) return decide('keep', 'newest complete backup')
    if (!active) return decide('keep', 'no retention rule')
    const ageMs = now.getTime() - Date.parse(candidate.createdAt)
    if (rules.keepLast !== undefined && index < rules.keepLast) return decide('keep', `within keep-last ${rules.keepLast} (#${index + 1})`)
    if (rules.maxAgeMs !== undefined && ageMs <= rules.maxAgeMs) return decide('keep', `younger than max-age (${describeAge(ageMs)} old)`)
    const reasons: string[] = []
    if (rules.keepLast !== undefined) reasons.push(`beyond keep-last ${rules.keepLast} (#${index + 1})`)
    if (rules.maxAgeMs !== undefined) reasons.push(`older than max-age (${describeAge(ageMs)} old)`)
    return decide('delete', reasons.join(' and '))
  })
}

function describeAge(ms: number): string {
  const hours = ms / 3_600_000
  if (hours < 1) return `${Math.max(0, Math.round(ms / 60_000))} min`
  if (hours < 48) return `${hours.toFixed(1)} h`
  return `${(hours / 24).toFixed(1)} d`
}
