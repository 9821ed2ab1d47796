import { join } from 'node:path'
import { writeFileAtomic } from '../../../packages/core/atomic-write.js'
import { jsonReport } from './report-json.js'
import { junitReport } from './report-junit.js'
import { markdownSummary } from './report-markdown.js'
import { tally, type SuiteResult } from './results.js'

/** Where the results go: the runner's outputs, job summary and log (injected by main.ts). */
export interface PublishTargets {
  setOutput: (name: string, value: string) => void
  writeSummary: (markdown: string) => Promise<void>
  info: (line: string) => void
  /** Removes known secrets (secret header values, captured values) from any text on its way out. */
  redact: (text: string) => string
}

/** Writes the JSON and JUnit reports, the job summary and the outputs, every text redacted. */
export async function publish(result: SuiteResult, reportDir: string, targets: PublishTargets): Promise<void> {
  const clean = targets.redact
  const reportPath = join(reportDir, 'smoke-test-report.json')
  const junitPath = join(reportDir, 'smoke-test-junit.xml')
  await writeFileAtomic(reportPath, clean(jsonReport(result)))
  await writeFileAtomic(junitPath, clean(junitReport(result)))
  await targets.writeSummary(clean(markdownSummary(result)))

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
  for (const [name, value] of Object.entries(outputs)) targets.setOutput(name, clean(value))
  targets.info(`Reports: ${reportPath}, ${junitPath}`)
}
