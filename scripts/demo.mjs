#!/usr/bin/env node
// npm run demo — the production pipeline end to end on localhost, through the CLI, as a reusable
// workflow chains the actions (see scripts/demo/pipeline.mjs and the README's "What the demo
// shows"). Options: --router nginx|embedded (default: nginx when installed), --short (shorter
// bakes and canary, for the test), --quiet (no action logs), --keep (leave the work folder: each
// step's outputs.json and summary.md, the database, the backups), --result-file <path> (the outcome
// as JSON). Exit code 0 only when every expected outcome happened, including zero failed requests.
import { writeFileSync } from 'node:fs'
import { Cancelled, runDemo } from './demo/pipeline.mjs'
import { signalRunning } from './demo/cli-step.mjs'

const argv = process.argv.slice(2)
const FLAGS = ['--short', '--quiet', '--keep']
const VALUED = ['--router', '--result-file']
for (let i = 0; i < argv.length; i++) {
  if (VALUED.includes(argv[i]) && argv[i + 1] !== undefined) i++
  else if (!FLAGS.includes(argv[i])) {
    console.error(
      `demo: unknown option ${VALUED.includes(argv[i]) ? `${argv[i]} without a value` : `"${argv[i]}"`}: expected ${[...FLAGS, '--router nginx|embedded', '--result-file <path>'].join(', ')}`
    )
    process.exit(2)
  }
}
// `npm run demo | head` closes the pipe early: keep going quietly, so everything started is still stopped.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error
})
const option = (name) => {
  const at = argv.indexOf(name)
  return at >= 0 ? argv[at + 1] : undefined
}
const router = option('--router') ?? 'auto'
if (!['auto', 'nginx', 'embedded'].includes(router)) {
  console.error(`demo: --router is "${router}": expected nginx or embedded`)
  process.exit(2)
}

// Ctrl-C: the step in progress gets it once (blue-green-swap puts traffic back before it exits),
// then the demo stops everything it started. Under `npm run demo` one Ctrl-C arrives twice (from
// the terminal and forwarded by npm), so a repeat within a second is the same press; a later
// second press is passed on (the action then stops at once).
const controller = new AbortController()
let lastSignalAt = 0
const onSignal = (signal) => {
  const now = performance.now()
  if (now - lastSignalAt < 1000) return
  lastSignalAt = now
  if (!controller.signal.aborted) console.log(`\n${signal}: stopping the step in progress, then everything the demo started…`)
  controller.abort()
  signalRunning(signal)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

const pad = (text, width) => text + ' '.repeat(Math.max(0, width - [...text].length))
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => [...row[i]].length)))
  const line = (row) => `│ ${row.map((cell, i) => pad(cell, widths[i])).join(' │ ')} │`
  const rule = (l, m, r) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`
  return [rule('┌', '┬', '┐'), line(rows[0]), rule('├', '┼', '┤'), ...rows.slice(1).map(line), rule('└', '┴', '┘')].join('\n')
}

const outcome = {}
let exitCode
try {
  await runDemo({ router, short: argv.includes('--short'), verbose: !argv.includes('--quiet'), keep: argv.includes('--keep'), signal: controller.signal }, outcome)
  const load = outcome.load
  const rollback = outcome.rollback
  console.log('')
  console.log(
    table([
      ['phase', 'duration', 'result', 'version served (load generator)'],
      ...outcome.phases.map((p) => [
        p.phase.replace(/:.*$/, '').replace(/ \(.*$/, ''),
        `${(p.ms / 1000).toFixed(1)} s`,
        p.ok ? (p.phase.startsWith('5.') ? 'rolled back ✔' : 'ok ✔') : 'failed ✘',
        p.served
      ])
    ])
  )
  console.log('')
  console.log(`Router: ${outcome.router === 'nginx' ? 'nginx' : 'the embedded router'} (${outcome.routerReason})`)
  console.log(`Versions served after each deploy: ${outcome.served.join(' → ')}`)
  console.log(
    `Load generator: ${load.sent} requests through the router, ${load.failures} failed (retry-once, as a browser sees it); strict: ${load.strictFailures} failed on the first attempt, ${load.retriedOk} of them fine on the retry`
  )
  console.log(
    `Versions answering the load: ${Object.entries(load.versions)
      .map(([v, n]) => `${v} ${n}`)
      .join(', ')}`
  )
  console.log(
    `Rollback: traffic back on v2 in ${rollback.actionRollbackMs ?? '?'} ms (blue-green-swap's rollback phase); ${
      rollback.restoredMs !== undefined
        ? `the load generator's last request routed to v3 was sent ${rollback.restoredMs} ms after the action logged its decision`
        : 'v3 never answered the load generator'
    } ${Math.max(rollback.actionRollbackMs ?? 0, rollback.restoredMs ?? 0) < 2000 ? '✔ under 2 s' : '✘ over 2 s'}`
  )
  console.log(`Backup: ${outcome.backup['backup-id']} (${outcome.backup.uri}), sha256 ${String(outcome.backup.sha256).slice(0, 12)}…, verified`)
  console.log(`Migration: ${outcome.migration['applied-count']} applied, database at version ${outcome.migration['current-version']}`)
  console.log(`Slack: one message (${outcome.slack.ts}), posted once and updated ${outcome.slack.updates} times`)
  console.log(`Total: ${(outcome.ms / 1000).toFixed(1)} s; every process the demo started has been stopped`)
  // The rollback time is printed, not judged here: a loaded machine may be slower, and that is no failed outcome.
  const good = load.failures === 0 && load.strictFailures === 0 && rollback.happened && outcome.served.join(',') === 'v1,v2,v2'
  if (!good) console.log('✘ An expected outcome did not happen (see above).')
  exitCode = good ? 0 : 1
} catch (error) {
  console.error(error instanceof Cancelled ? 'demo: cancelled; everything it started has been stopped' : `demo failed: ${error.message}`)
  exitCode = error instanceof Cancelled ? 130 : 1
}
const resultFile = option('--result-file')
if (resultFile) writeFileSync(resultFile, JSON.stringify(outcome, null, 2))
process.exit(exitCode)
