import { InputError } from '../../../packages/core/input-error.js'
import type { CheckSpec, SuitePlan } from './check-spec.js'
import { placeholderRefs } from './placeholders.js'
import type { Locator } from './checks-file.js'

/**
 * Pure: works out which checks wait for which. A check that reads a capture runs after the check
 * that captures it; every other check may run at once. Unknown captures, captures defined twice,
 * duplicate names and cycles are input errors, found before any request.
 */
export function buildPlan(checks: CheckSpec[], locate: Locator): SuitePlan {
  const names = new Set<string>()
  for (const check of checks) {
    if (names.has(check.name)) throw locate(check.name, 'name', 'is used by more than one check', 'a unique name for each check (add "name:" to checks that share a method and URL)')
    names.add(check.name)
  }
  const owner = new Map<string, string>()
  for (const check of checks) {
    for (const capture of check.captures) {
      const first = owner.get(capture.name)
      if (first !== undefined) throw locate(check.name, `capture.${capture.name}`, `is also captured by check "${first}"`, 'each capture name to be defined by one check')
      owner.set(capture.name, check.name)
    }
  }
  const dependsOn: Record<string, string[]> = {}
  for (const check of checks) {
    const deps = new Set<string>()
    const refs = [
      ...placeholderRefs(check.url, 'url'),
      ...placeholderRefs(check.headers, 'headers'),
      ...(check.body ? placeholderRefs(check.body.kind === 'json' ? check.body.value : check.body.text, check.body.kind === 'json' ? 'json' : 'body') : []),
      ...check.assertions.flatMap((a) => placeholderRefs(a.expected, a.field))
    ]
    for (const ref of refs) {
      if (ref.kind !== 'capture') continue
      const source = owner.get(ref.name)
      const field = ref.field
      if (source === undefined) {
        const known = [...owner.keys()]
        throw locate(
          check.name,
          field,
          `uses ${ref.text}, but no check captures "${ref.name}"`,
          known.length > 0
            ? `one of the captures ${known.join(', ')}, or {{ env.NAME }} for an environment variable`
            : 'a capture defined by another check (capture: { name: $.path }), or {{ env.NAME }} for an environment variable'
        )
      }
      if (source === check.name) throw locate(check.name, field, `uses ${ref.text}, which this same check captures`, 'a capture made by an earlier check')
      deps.add(source)
    }
    dependsOn[check.name] = [...deps]
  }
  const cycle = findCycle(
    checks.map((c) => c.name),
    dependsOn
  )
  if (cycle)
    throw new InputError(
      'checks-file',
      `has checks that wait for each other's captures: ${cycle.map((n) => `"${n}"`).join(' → ')}`,
      'captures that flow one way, from earlier checks to later ones'
    )
  return { checks, dependsOn }
}

/** The first dependency cycle found, as a closed path of names, or undefined. */
export function findCycle(names: string[], dependsOn: Record<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>()
  const stack: string[] = []
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === 'done') return undefined
    if (state.get(name) === 'visiting') return [...stack.slice(stack.indexOf(name)), name]
    state.set(name, 'visiting')
    stack.push(name)
    for (const dep of dependsOn[name] ?? []) {
      const found = visit(dep)
      if (found) return found
    }
    stack.pop()
    state.set(name, 'done')
    return undefined
  }
  for (const name of names) {
    const found = visit(name)
    if (found) return found
  }
  return undefined
}
