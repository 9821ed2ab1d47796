#!/usr/bin/env node
// The quick-start demo: starts the sample app (slow to become ready, as a fresh deployment is),
// then runs the smoke-test bundle exactly as the GitHub runner would — wait for readiness, a suite
// with a login → token chain, latency budgets and a short load phase — and prints what a workflow
// would see: the log, the outputs and the job summary.
import { spawn } from 'node:child_process'
import { createServer, connect } from 'node:net'
import { join } from 'node:path'
import { cleanup, node24, repoRoot, runAction } from './run-local.mjs'

const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port } = server.address()
    server.close(() => resolve(port))
  })
})
const app = spawn(node24, [join(repoRoot, 'test/fixtures/sample-app/server.mjs'), '--port', String(port), '--ready-after-ms', '2000', '--latency-ms', '15'], {
  stdio: 'inherit'
})
const listening = () => new Promise((resolve) => connect(port, '127.0.0.1').once('connect', function () { this.destroy(); resolve(true) }).once('error', () => resolve(false)))
while (!(await listening())) await new Promise((r) => setTimeout(r, 50))

let exitCode
try {
  const result = await runAction({
    action: 'smoke-test',
    cwd: repoRoot,
    env: { DEMO_PASSWORD: 'demo-password' },
    inputs: {
      'checks-file': 'test/fixtures/sample-app/smoke-checks.yml',
      'base-url': `http://127.0.0.1:${port}`,
      'wait-for': 'health',
      'wait-timeout': '30s',
      'latency-p95': '500ms',
      'load-duration': '3s',
      'load-rate': '20',
      'load-url': '/health',
      'max-error-rate': '1%',
      'max-p95': '300ms',
      'report-dir': join(repoRoot, '.tmp', 'demo-report')
    },
    onStdout: (chunk) => process.stdout.write(chunk)
  })
  console.log(`\n── outputs ──\n${JSON.stringify(result.outputs, null, 2)}`)
  console.log(`\n── job summary ──\n${result.summary}`)
  console.log(`smoke-test exited ${result.exitCode}; reports in .tmp/demo-report/`)
  exitCode = result.exitCode ?? 1
  await cleanup(result)
} finally {
  app.kill('SIGTERM')
}
process.exit(exitCode)
