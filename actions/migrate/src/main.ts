import { readEventPayload } from '../../../packages/core/event.js'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as core from '@actions/core'
import { actionsLogger } from '../../../packages/core/actions-logger.js'
import { errorMessage } from '../../../packages/core/error-message.js'
import { runAction } from '../../../packages/core/run-action.js'
import { redact } from '../../../packages/core/redact.js'
import { knownSecrets } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { getInputs, type Inputs, type LintOptions } from './inputs.js'
import { pullRequestOf, upsertLintComment } from './lint/lint-comment.js'
import { lintAnnotations, lintCommentBody, lintReportJson, lintSummaryMarkdown } from './lint/lint-report.js'
import { runLint } from './lint-run.js'
import { migrate } from './migrate.js'
import type { MigrateLogger } from './migrate-logger.js'
import { outputsOf, summaryMarkdown } from './report.js'

/** The runner's log, with long phases folded into collapsible groups. */
const log: MigrateLogger = { ...actionsLogger, group: (title, phase) => core.group(title, phase) }

// A MigrationFailure or PlanRejected carries its annotation (file, line, column); runAction uses it.
export const run = (): Promise<void> =>
  runAction('migrate', async ({ signal }) => {
    const inputs = getInputs()
    if (inputs.lint) {
      const failed = await lintStep(inputs, inputs.lint, signal)
      if (failed)
        throw new Error(
          `the lint found ${failed}${inputs.mode === 'apply' ? '; nothing was applied' : ''} (see the annotations; accept one with -- deploy-actions:lint-ignore <rule> <reason>)`
        )
      if (inputs.mode === 'lint') return
    }
    const { report, failure } = await migrate(inputs, log, signal)
    const secrets = knownSecrets()
    for (const [name, value] of Object.entries(outputsOf(report))) core.setOutput(name, redact(value, secrets))
    await writeSummary(redact(summaryMarkdown(report), secrets))
    if (failure) throw failure
  })

/** Lints, reports everywhere a developer looks, and returns what fails the step ('' when nothing). */
async function lintStep(inputs: Inputs, lint: LintOptions, signal: AbortSignal): Promise<string> {
  const { report, scope, failed } = await log.group('Lint', () => runLint(inputs, lint, log))
  for (const annotation of lintAnnotations(report)) {
    const properties = { title: annotation.title, file: annotation.file, startLine: annotation.line, startColumn: annotation.column }
    if (annotation.level === 'error') core.error(annotation.message, properties)
    else core.warning(annotation.message, properties)
  }
  const reportPath = join(process.env.RUNNER_TEMP ?? process.cwd(), `migrate-lint-${Date.now()}.json`)
  await writeFile(reportPath, lintReportJson(report))
  core.setOutput('lint-errors', String(report.errors))
  core.setOutput('lint-warnings', String(report.warnings))
  core.setOutput('lint-report', reportPath)
  await writeSummary(`${lintSummaryMarkdown(report)}\n_Linted: ${scope}._\n`)
  await commentOnPullRequest(inputs, lint, lintCommentBody(report, inputs.directory), signal)
  core.info(`Lint: ${report.errors} error(s), ${report.warnings} warning(s) in ${report.statements} statement(s) of ${report.files} file(s)`)
  if (!failed) return ''
  return lint.failOn === 'warning' ? `${report.errors} error(s) and ${report.warnings} warning(s)` : `${report.errors} error(s)`
}

async function commentOnPullRequest(inputs: Inputs, lint: LintOptions, body: string, signal: AbortSignal): Promise<void> {
  if (lint.comment === 'never') return
  const target = pullRequestOf(readEventPayload(), process.env.GITHUB_REPOSITORY)
  if (!target || !lint.githubToken) {
    if (lint.comment === 'always') core.warning(`migrate lint: no pull-request comment (${!target ? 'the event is not a pull request' : 'github-token is empty'})`)
    return
  }
  try {
    const { id, updated } = await upsertLintComment({ ...target, token: lint.githubToken }, inputs.directory, body, signal)
    core.info(`Lint: ${updated ? 'updated' : 'created'} comment ${id} on #${target.pullRequest}`)
  } catch (error) {
    // The findings are already in the annotations and the summary: a comment that cannot be written is a warning.
    core.warning(`migrate lint: the pull-request comment was not written: ${redact(errorMessage(error), knownSecrets())} (the job needs permissions: pull-requests: write)`)
  }
}
