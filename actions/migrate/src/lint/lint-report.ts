import { escapeCell, markdownTable } from '../../../../packages/core/markdown.js'
import type { Finding, LintReport } from './lint.js'

/** The hidden line that marks the pull-request comment this lint keeps updated (one per directory). */
export function lintCommentMarker(directory: string): string {
  return `<!-- deploy-actions:migrate-lint ${directory.replace(/-->/g, '')} -->`
}

function headline(report: LintReport): string {
  if (report.findings.length === 0)
    return `Migration lint: no findings in ${report.statements} statement${report.statements === 1 ? '' : 's'} of ${report.files} file${report.files === 1 ? '' : 's'}`
  return `Migration lint: ${report.errors} error${report.errors === 1 ? '' : 's'}, ${report.warnings} warning${report.warnings === 1 ? '' : 's'} in ${report.files} file${report.files === 1 ? '' : 's'}`
}

function findingsTable(findings: readonly Finding[]): string {
  return markdownTable(
    ['', 'where', 'rule', 'finding', 'safer way'],
    findings.map((f) => [f.severity === 'error' ? '❌' : '⚠️', `${f.file}:${f.line}`, `\`${f.rule}\``, `${escapeCell(f.message)} — ${escapeCell(f.why)}`, escapeCell(f.fix)])
  )
}

function ignoredList(report: LintReport): string {
  if (report.ignored.length === 0) return ''
  const lines = report.ignored.map((i) => `- \`${i.rule}\` at ${i.file}:${i.line}: ${i.reason}`)
  return `\n\nAccepted with \`deploy-actions:lint-ignore\`:\n${lines.join('\n')}`
}

/** The job summary section. Pure. */
export function lintSummaryMarkdown(report: LintReport): string {
  const body = report.findings.length === 0 ? '' : `\n\n${findingsTable(report.findings)}`
  return `### ${headline(report)}${body}${ignoredList(report)}\n`
}

/** The pull-request comment: findings grouped by file, the marker first so the next run updates it. */
export function lintCommentBody(report: LintReport, directory: string): string {
  const byFile = new Map<string, Finding[]>()
  for (const finding of report.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding])
  const sections = [...byFile].map(([file, findings]) => `#### \`${file}\`\n\n${findingsTable(findings)}`)
  const help = report.findings.length === 0 ? '' : '\n\nAccept a finding for one statement with `-- deploy-actions:lint-ignore <rule> <why it is safe>` on the line before it.'
  return `${lintCommentMarker(directory)}\n### ${headline(report)}\n\n${sections.join('\n\n')}${ignoredList(report)}${help}\n`
}

/** One annotation per finding, on the migration file at the statement's line. */
export function lintAnnotations(report: LintReport): { level: 'error' | 'warning'; message: string; file: string; line: number; column: number; title: string }[] {
  return report.findings.map((f) => ({
    level: f.severity,
    message: `${f.message}. Why: ${f.why}. Instead: ${f.fix}.`,
    file: f.file,
    line: f.line,
    column: f.column,
    title: `${f.rule} (migrate lint)`
  }))
}

/** The JSON written to `lint-report` (a file path output). */
export function lintReportJson(report: LintReport): string {
  return `${JSON.stringify({ files: report.files, statements: report.statements, errors: report.errors, warnings: report.warnings, findings: report.findings, ignored: report.ignored }, null, 2)}\n`
}
