import * as core from '@actions/core'
import { join } from 'node:path'
import { writeFileAtomic } from '../../../packages/core/atomic-write.js'
import { redact } from '../../../packages/core/redact.js'
import { knownSecrets } from '../../../packages/core/secrets.js'
import { writeSummary } from '../../../packages/core/summary.js'
import { jsonReport } from './report-json.js'
import { junitReport } from './report-junit.js'
import { markdownSummary } from './report-markdown.js'
import { tally, type SuiteResult } from './results.js'

/**
 * Writes the JSON and JUnit reports, the job summary and the outputs. Every text goes through
 * redaction of known secrets (secret header values, captured values) on its way out.
 */
export async function publish(result: SuiteResult, reportDir: string): Promise<void> {
  const clean = (text: string): string => redact(text, knownSecrets())
  const reportPath = join(reportDir, 'smoke-test-report.json')
  const junitPath = join(reportDir, 'smoke-test-junit.xml')
  await writeFileAtomic(reportPath, clean(jsonReport(result)))
  await writeFileAtomic(junitPath, clean(junitReport(result)))
  await writeSummary(clean(markdownSummary(result)))

  const counts = tally(result.checks)
  const errorRate = result.load ? result.load.verdict.errorRate : counts.total === 0 ? 0 : counts.failed / counts.total
  const outputs: Record<string, string> = {
    passed: String(counts.passed),
    failed: String(counts.failed),
    total: String(counts.total),
    'p95-ms': result.latency ? String(Math.round(result.latency.p95)) : '',
    'error-rate': String(Math.round(errorRate * 10_000) / 10_000),
    // Empty when the target never became ready: the time spent waiting is not a ready time.
    'ready-ms': result.readiness?.readyMs !== undefined ? String(Math.round(result.readiness.readyMs)) : '',
    'load-p95-ms': result.load?.verdict.latency ? String(Math.round(result.load.verdict.latency.p95)) : '',
    'load-requests': result.load ? String(result.load.verdict.requests) : '',
    report: reportPath,
    junit: junitPath
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, clean(value))
  core.info(`Reports: ${reportPath}, ${junitPath}`)
}
