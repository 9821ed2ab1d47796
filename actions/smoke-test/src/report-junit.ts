import { tally, type SuiteResult } from './results.js'

/**
 * Pure: a JUnit XML report (junit output) that CI test reporters read. Each check is a testcase;
 * readiness, the suite latency budgets and the load phase are testcases of their own classes.
 */
interface Case {
  classname: string
  name: string
  seconds: number
  failure?: string
  skipped?: string
}

export function junitReport(result: SuiteResult): string {
  const cases: Case[] = []
  if (result.readiness) {
    cases.push({
      classname: 'smoke-test.readiness',
      name: `ready: ${result.readiness.target}`,
      seconds: result.readiness.waitedMs / 1000,
      failure: result.readiness.passed ? undefined : (result.readiness.failure ?? 'not ready')
    })
  }
  for (const check of result.checks) {
    cases.push({
      classname: 'smoke-test.checks',
      name: check.name,
      seconds: (check.latencyMs ?? 0) / 1000,
      failure: check.status === 'failed' ? check.failures.join('; ') : undefined,
      skipped: check.status === 'skipped' ? check.failures.join('; ') : undefined
    })
  }
  for (const budget of result.budgets) {
    cases.push({
      classname: 'smoke-test.budgets',
      name: `suite ${budget.name} latency ≤ ${Math.round(budget.budgetMs)} ms`,
      seconds: 0,
      failure: budget.passed ? undefined : `was ${Math.round(budget.actualMs)} ms`
    })
  }
  if (result.load) {
    const v = result.load.verdict
    cases.push({
      classname: 'smoke-test.load',
      name: `load ${result.load.rate}/s for ${Math.round(result.load.durationMs / 1000)} s`,
      seconds: result.load.durationMs / 1000,
      failure: v.failures.length > 0 ? v.failures.join('; ') : undefined
    })
  }
  const failures = cases.filter((c) => c.failure !== undefined).length
  const skipped = cases.filter((c) => c.skipped !== undefined).length
  const seconds = (result.durationMs / 1000).toFixed(3)
  const counts = tally(result.checks)
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="smoke-test" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds}">`,
    `  <testsuite name="smoke-test" tests="${cases.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds}" timestamp="${xml(result.startedAt)}">`,
    `    <properties><property name="checks.passed" value="${counts.passed}"/><property name="checks.total" value="${counts.total}"/></properties>`
  ]
  for (const c of cases) {
    const open = `    <testcase classname="${xml(c.classname)}" name="${xml(c.name)}" time="${c.seconds.toFixed(3)}"`
    if (c.failure !== undefined) lines.push(`${open}>`, `      <failure message="${xml(firstLine(c.failure))}" type="AssertionError">${xml(c.failure)}</failure>`, '    </testcase>')
    else if (c.skipped !== undefined) lines.push(`${open}>`, `      <skipped message="${xml(c.skipped)}"/>`, '    </testcase>')
    else lines.push(`${open}/>`)
  }
  lines.push('  </testsuite>', '</testsuites>', '')
  return lines.join('\n')
}

function firstLine(text: string): string {
  const line = text.split('\n')[0]
  return line.length > 300 ? `${line.slice(0, 300)}…` : line
}

/** Escapes text for an XML attribute or element, dropping characters XML 1.0 cannot hold. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
