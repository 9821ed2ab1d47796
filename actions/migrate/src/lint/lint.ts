import { checkStatement } from './check-statement.js'
import { LintContext } from './lint-context.js'
import { parseSql, type ParsedStatement } from './pg-parse.js'
import { RULE_IDS, ruleById, type RuleId, type Severity } from './rules.js'

/** A pending migration's SQL as it will run on apply (the up section only, for formats with sections). */
export interface LintSource {
  /** Path shown in findings and annotations, relative to the workspace. */
  file: string
  sql: string
  /** The line in `file` where `sql` starts (1 for a whole file; the line after `-- +goose Up`…). */
  firstLine?: number
}

export interface Finding {
  file: string
  line: number
  column: number
  rule: RuleId | 'syntax-error' | 'invalid-ignore'
  severity: Exclude<Severity, 'off'>
  title: string
  message: string
  why: string
  fix: string
  /** The statement's first line, shortened. */
  statement: string
}

export interface LintReport {
  files: number
  statements: number
  findings: Finding[]
  errors: number
  warnings: number
  /** Findings switched off by `-- deploy-actions:lint-ignore` comments, with their reasons. */
  ignored: { file: string; line: number; rule: string; reason: string }[]
}

export type Severities = Partial<Record<RuleId, Severity>>

const IGNORE = /--\s*deploy-actions:lint-ignore\s+([a-z-]+)(?:[ \t]+(\S[^\n]*))?/g

/** Lints the pending migrations in the order they will be applied. Pure but for the parser it loads. */
export async function lintMigrations(sources: LintSource[], severities: Severities = {}): Promise<LintReport> {
  const context = new LintContext()
  const report: LintReport = { files: sources.length, statements: 0, findings: [], errors: 0, warnings: 0, ignored: [] }
  for (const source of sources) {
    context.startFile()
    const firstLine = source.firstLine ?? 1
    for (const { line, problem } of invalidIgnoreComments(source.sql)) {
      report.findings.push({
        file: source.file,
        line: line + firstLine - 1,
        column: 1,
        rule: 'invalid-ignore',
        severity: 'warning',
        title: 'Ignore comment without effect',
        message: `This deploy-actions:lint-ignore comment ${problem}`,
        why: 'it silences nothing, so the finding it meant to accept is still reported',
        fix: 'write -- deploy-actions:lint-ignore <rule> <why it is safe here>',
        statement: ''
      })
    }
    const parsed = await parseSql(source.sql)
    if (!parsed.ok) {
      const line = parsed.failure.position.line + firstLine - 1
      report.findings.push({
        file: source.file,
        line,
        column: parsed.failure.position.column,
        rule: 'syntax-error',
        severity: 'error',
        title: 'Not valid PostgreSQL',
        message: parsed.failure.message,
        why: 'PostgreSQL would refuse this migration',
        fix: 'correct the statement at this position',
        statement: ''
      })
      continue
    }
    report.statements += parsed.statements.length
    for (const statement of parsed.statements) {
      const ignores = ignoreComments(source.sql.slice(statement.leadingStart, statement.end))
      for (const violation of checkStatement(statement, context)) {
        const severity = severities[violation.rule] ?? ruleById(violation.rule).severity
        if (severity === 'off') continue
        const line = statement.position.line + firstLine - 1
        const reason = ignores.get(violation.rule)
        if (reason !== undefined) {
          report.ignored.push({ file: source.file, line, rule: violation.rule, reason })
          continue
        }
        report.findings.push(toFinding(source.file, line, statement, violation.rule, severity, violation.detail))
      }
    }
  }
  report.errors = report.findings.filter((f) => f.severity === 'error').length
  report.warnings = report.findings.filter((f) => f.severity === 'warning').length
  return report
}

function toFinding(file: string, line: number, statement: ParsedStatement, rule: RuleId, severity: Exclude<Severity, 'off'>, detail: string): Finding {
  const { title, why, fix } = ruleById(rule)
  const firstLine = statement.text.split('\n')[0]
  return {
    file,
    line,
    column: statement.position.column,
    rule,
    severity,
    title,
    message: `${title}: ${detail}`,
    why,
    fix,
    statement: firstLine.length > 100 ? `${firstLine.slice(0, 99)}…` : firstLine
  }
}

/** Rule id → reason, for the ignore comments before or inside one statement. A comment without a reason does not count. */
function ignoreComments(text: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const match of text.matchAll(IGNORE)) {
    const reason = (match[2] ?? '').trim()
    if ((RULE_IDS as readonly string[]).includes(match[1]) && reason !== '') found.set(match[1], reason)
  }
  return found
}

/** Ignore comments that name no rule or give no reason: reported, so a typo is not mistaken for an accepted risk. */
function invalidIgnoreComments(sql: string): { line: number; problem: string }[] {
  const problems: { line: number; problem: string }[] = []
  for (const match of sql.matchAll(IGNORE)) {
    const line = sql.slice(0, match.index).split('\n').length
    if (!(RULE_IDS as readonly string[]).includes(match[1])) problems.push({ line, problem: `names "${match[1]}", which is not a rule (${RULE_IDS.join(', ')})` })
    else if ((match[2] ?? '').trim() === '') problems.push({ line, problem: `switches off ${match[1]} without a reason` })
  }
  return problems
}
