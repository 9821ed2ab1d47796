import { InputError } from '../../../packages/core/input-error.js'
import { TAG } from '../../../packages/providers/registry/image-ref.js'
import type { GitContext } from './git-context.js'

/**
 * Tags computed from the git context. Pure. Each rule yields zero or more tags; a rule that does
 * not apply to this run (branch on a tag push, pr outside a pull request) yields none.
 *   sha        the full commit SHA          short-sha  its first 7 characters
 *   branch     the branch, sanitised         semver     v1.2.3 → 1.2.3, 1.2, 1 (a pre-release only itself)
 *   latest     only on the default branch   pr         pr-<number>
 *   a template with {{sha}} {{short_sha}} {{branch}} {{version}} {{major}} {{minor}} {{patch}} {{pr}} {{run_number}} {{date}}
 *   a literal tag such as stable (but not a near-miss of a rule name: semvr is refused, not pushed)
 */
export const TAG_RULES = ['sha', 'short-sha', 'branch', 'semver', 'latest', 'pr'] as const
export type TagRule = (typeof TAG_RULES)[number]
const PLACEHOLDERS = ['sha', 'short_sha', 'branch', 'version', 'major', 'minor', 'patch', 'pr', 'run_number', 'date'] as const
type Placeholder = (typeof PLACEHOLDERS)[number]

/** Checks the rules (input `tags`) before anything runs: unknown rules and placeholders fail. */
export function checkTagRules(rules: string[]): void {
  for (const rule of rules) {
    if (rule.includes('{{')) {
      for (const [, name] of rule.matchAll(/\{\{\s*([^}\s]*)\s*\}\}/g)) {
        if (!(PLACEHOLDERS as readonly string[]).includes(name))
          throw new InputError('tags', `has the placeholder {{${name}}}, which is unknown`, `placeholders among ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(' ')}`)
      }
      const literal = rule.replace(/\{\{[^}]*\}\}/g, 'x')
      if (!TAG.test(literal))
        throw new InputError(
          'tags',
          `has the template "${rule}", which cannot make a valid tag`,
          'letters, digits, _ . - around placeholders (at most 128 characters, not starting with . or -)'
        )
    } else if (!(TAG_RULES as readonly string[]).includes(rule)) {
      const near = TAG_RULES.find((name) => editDistance(rule.toLowerCase(), name) <= 2)
      if (near)
        throw new InputError(
          'tags',
          `has "${rule}", which looks like the rule ${near} misspelt`,
          `rules among ${TAG_RULES.join(', ')}, templates, or literal tags that are not near a rule name`
        )
      if (!TAG.test(rule))
        throw new InputError(
          'tags',
          `has "${rule}", which is neither a rule, a template nor a valid tag`,
          `rules among ${TAG_RULES.join(', ')}, templates such as {{branch}}-{{run_number}}, or tags of letters, digits, _ . -`
        )
    }
  }
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]
}

/** A branch name as a tag: characters outside [A-Za-z0-9_.-] become '-', no leading . or -, at most 128. */
export function sanitiseBranch(branch: string): string {
  return branch
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128)
    .replace(/[.-]+$/, '')
}

export interface Semver {
  version: string
  major: string
  minor: string
  patch: string
  prerelease: boolean
}

/** A tag ref such as refs/tags/v1.2.3 or 1.2.3-rc.1 as semver; build metadata (+…) becomes -…. */
export function semverFromRef(ref: string): Semver | undefined {
  if (!ref.startsWith('refs/tags/')) return undefined
  const match = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(ref.slice('refs/tags/'.length))
  if (!match) return undefined
  const [, major, minor, patch, pre, build] = match
  const version = `${major}.${minor}.${patch}${pre ? `-${pre}` : ''}${build ? `-${build}` : ''}`
  return { version, major, minor, patch, prerelease: Boolean(pre) }
}

function branchOf(context: GitContext): string | undefined {
  return context.ref.startsWith('refs/heads/') ? context.ref.slice('refs/heads/'.length) : undefined
}

function values(context: GitContext, now: Date): Partial<Record<Placeholder, string>> {
  const semver = semverFromRef(context.ref)
  const branch = branchOf(context)
  const sha = /^[0-9a-f]{40}$/.test(context.sha) ? context.sha : undefined
  return {
    sha,
    short_sha: sha?.slice(0, 7),
    branch: branch ? sanitiseBranch(branch) || undefined : undefined,
    version: semver?.version,
    major: semver?.major,
    minor: semver?.minor,
    patch: semver?.patch,
    pr: context.prNumber !== undefined ? String(context.prNumber) : undefined,
    run_number: context.runNumber && /^\d+$/.test(context.runNumber) ? context.runNumber : undefined,
    date: now.toISOString().slice(0, 10).replace(/-/g, '')
  }
}

export function computeTags(rules: string[], context: GitContext, now: Date): string[] {
  const known = values(context, now)
  const tags: string[] = []
  for (const rule of rules) {
    switch (rule) {
      case 'sha':
      case 'short-sha': {
        const value = known[rule === 'sha' ? 'sha' : 'short_sha']
        if (value) tags.push(value)
        break
      }
      case 'branch':
        if (known.branch) tags.push(known.branch)
        break
      case 'semver': {
        const semver = semverFromRef(context.ref)
        if (!semver) break
        tags.push(semver.version)
        if (!semver.prerelease) {
          tags.push(`${semver.major}.${semver.minor}`)
          // 0.x makes no promise between minors, so no moving "0" tag.
          if (semver.major !== '0') tags.push(semver.major)
        }
        break
      }
      case 'latest':
        if (context.defaultBranch && branchOf(context) === context.defaultBranch) tags.push('latest')
        break
      case 'pr':
        if (known.pr) tags.push(`pr-${known.pr}`)
        break
      default: {
        let missing = false
        const rendered = rule.replace(/\{\{\s*([^}\s]*)\s*\}\}/g, (_, name: Placeholder) => {
          const value = known[name]
          if (value === undefined) missing = true
          return value ?? ''
        })
        if (missing) break
        if (!TAG.test(rendered))
          throw new InputError(
            'tags',
            `renders the template "${rule}" as "${rendered}", which is not a valid tag`,
            'a template whose result is letters, digits, _ . - (at most 128 characters)'
          )
        tags.push(rendered)
      }
    }
  }
  return [...new Set(tags)]
}
