import { describe, expect, it } from '@jest/globals'
import { planRetention, type RetentionCandidate, type RetentionRules } from '../../../actions/db-backup/src/retention-plan.js'

const now = new Date('2026-11-22T12:00:00Z')
const daysAgo = (d: number): string => new Date(now.getTime() - d * 86_400_000).toISOString()
const DAY = 86_400_000
const backups = (ages: number[]): RetentionCandidate[] => ages.map((age, i) => ({ id: `b${i}`, createdAt: daysAgo(age), complete: true }))

function deleted(candidates: RetentionCandidate[], rules: RetentionRules, justCreated?: string): string[] {
  return planRetention(candidates, rules, now, justCreated)
    .filter((d) => d.action === 'delete')
    .map((d) => d.id)
    .sort()
}

describe('planRetention', () => {
  it.each<[string, number[], RetentionRules, string | undefined, string[]]>([
    ['no rules: nothing goes', [0, 1, 2, 3], {}, 'b0', []],
    ['keep-last 2', [0, 1, 2, 3], { keepLast: 2 }, 'b0', ['b2', 'b3']],
    ['keep-last larger than the count', [0, 1], { keepLast: 5 }, 'b0', []],
    ['max-age 1.5 days', [0, 1, 2, 3], { maxAgeMs: 1.5 * DAY }, 'b0', ['b2', 'b3']],
    ['both rules: kept when either keeps it (keep-last wins for old ones)', [0, 10, 20, 30], { keepLast: 3, maxAgeMs: 5 * DAY }, 'b0', ['b3']],
    ['both rules: kept when either keeps it (max-age wins for many young ones)', [0, 0.1, 0.2, 0.3, 9], { keepLast: 1, maxAgeMs: 1 * DAY }, 'b0', ['b4']],
    ['the newest complete backup survives max-age even when old', [40, 50, 60], { maxAgeMs: 7 * DAY }, undefined, ['b1', 'b2']],
    ['the backup just made is kept even if its clock looks old', [0, 1, 99], { keepLast: 1 }, 'b2', ['b1']],
    ['order of the input does not matter', [3, 0, 2, 1], { keepLast: 2 }, 'b1', ['b0', 'b2']]
  ])('%s', (_name, ages, rules, justCreated, expected) => {
    expect(deleted(backups(ages), rules, justCreated)).toEqual(expected)
  })

  it('when the latest run failed (no new backup, incomplete leftovers), the newest good backup is kept', () => {
    const candidates: RetentionCandidate[] = [
      { id: 'failed-upload', createdAt: daysAgo(0), complete: false },
      { id: 'good-newest', createdAt: daysAgo(10), complete: true },
      { id: 'good-older', createdAt: daysAgo(20), complete: true }
    ]
    const plan = planRetention(candidates, { keepLast: 1, maxAgeMs: DAY }, now)
    expect(plan).toEqual([
      { id: 'good-newest', createdAt: daysAgo(10), action: 'keep', reason: 'newest complete backup' },
      { id: 'good-older', createdAt: daysAgo(20), action: 'delete', reason: 'beyond keep-last 1 (#2) and older than max-age (20.0 d old)' }
    ])
    // Incomplete entries are not this planner's to delete or to count.
    expect(plan.map((d) => d.id)).not.toContain('failed-upload')
  })

  it('explains every decision', () => {
    const plan = planRetention(backups([0, 1, 3]), { keepLast: 2 }, now, 'b0')
    expect(plan.map((d) => [d.id, d.action, d.reason])).toEqual([
      ['b0', 'keep', 'made by this run'],
      ['b1', 'keep', 'within keep-last 2 (#2)'],
      ['b2', 'delete', 'beyond keep-last 2 (#3)']
    ])
  })

  it('ignores entries whose date cannot be read', () => {
    expect(planRetention([{ id: 'x', createdAt: 'yesterday', complete: true }], { keepLast: 1 }, now)).toEqual([])
  })
})
