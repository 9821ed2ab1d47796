import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../../support/paths.js'
import { cli, type CliRun } from '../cli/support.js'

// `npm run demo` shortened (--short: 1 s bakes, v3's canary at 50 %), run as a person runs it:
// the script through the CLI, against the real nginx (or the embedded router), the versioned
// sample app, SQLite, and a local fake of Slack's Web API (faked Slack). The outcome is read from
// --result-file.

/** The parts of scripts/demo.mjs's --result-file the tests read. */
interface DemoOutcome {
  served?: string[]
  phases: { ok: boolean }[]
  router?: string
  rollback: { reason: string; restoredMs?: number }
  load: { failures: number; versions: Record<string, number> }
  backup: { sha256: string; uri: string }
  migration: { applied: string }
  slack: { text: string }
  pids: number[]
}

type DemoRun = CliRun & { outcome: DemoOutcome }

async function demo(args: string[], options: { interruptWhen?: string } = {}): Promise<DemoRun> {
  const dir = mkdtempSync(join(tmpdir(), 'demo-test-'))
  const resultFile = join(dir, 'outcome.json')
  // The demo gets this process's whole environment, as when a person runs it.
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined))
  const run = await cli(['--short', '--result-file', resultFile, ...args], { cwd: repoRoot, env, entry: 'scripts/demo.mjs', timeoutMs: 170_000, interruptWhen: options.interruptWhen })
  let outcome = {} as DemoOutcome
  try {
    outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as DemoOutcome
  } catch {
    // No result written: the assertions on the exit code and output say why.
  }
  rmSync(dir, { recursive: true, force: true })
  return { ...run, outcome }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

function expectPipelineOutcome(run: DemoRun): void {
  const { outcome } = run
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
  // Versions served through the router after each deploy, in order: v1, v2 promoted, v2 again after v3's rollback.
  expect(outcome.served).toEqual(['v1', 'v2', 'v2'])
  expect(outcome.phases.map((p) => p.ok)).toEqual([true, true, true, true, true])
  // The rollback happened, on the canary analysis, after v3 had answered real requests.
  expect(outcome.rollback).toMatchObject({ happened: true, exitCode: 1, activeVersion: 'v2', v3Served: true })
  expect(outcome.rollback.reason).toMatch(/analysis failed at 50%: synthetic .*p95 over 400 ms/)
  expect(typeof outcome.rollback.restoredMs).toBe('number')
  // Zero failed requests, strictly (before any retry).
  expect(outcome.load).toMatchObject({ failures: 0, strictFailures: 0, errors: {} })
  expect(outcome.load.versions.v1).toBeGreaterThan(0)
  expect(outcome.load.versions.v2).toBeGreaterThan(0)
  // The backup verified, the migration recorded.
  expect(outcome.backup).toMatchObject({ exitCode: 0, verified: true })
  expect(outcome.backup.sha256).toMatch(/^[0-9a-f]{64}$/)
  expect(outcome.backup.uri).toMatch(/^file:\/\/.*\/production\/.*-demo-v2\.sqlite\.zst$/)
  expect(outcome.migration).toMatchObject({ exitCode: 0, 'applied-count': '1', 'current-version': '0002', 'pending-count': '0' })
  expect(JSON.parse(outcome.migration.applied)).toEqual([expect.objectContaining({ version: '0002', name: 'add_stock', direction: 'up' })])
  // One Slack message, updated in place for each phase, ending on the rollback.
  expect(outcome.slack).toMatchObject({ messages: 1, updates: 4 })
  expect(outcome.slack.text).toContain('rolled back')
  expect(outcome.slack.text).toContain('v3 rolled back to v2')
  // The final table, and nothing left running.
  expect(run.stdout).toMatch(/│ phase +│ duration │ result +│ version served/)
  expect(run.stdout).toContain('Load generator:')
  expect(outcome.pids.length).toBeGreaterThan(0)
  expect(outcome.pids.filter(alive)).toEqual([])
}

describe('npm run demo (shortened), through the CLI', () => {
  it('with nginx as the router: v1 → v2 by canary → v3 rolled back, zero failed requests, backup verified, migration recorded (faked Slack)', async () => {
    const run = await demo(['--quiet', '--router', 'nginx'])
    expectPipelineOutcome(run)
    expect(run.outcome.router).toBe('nginx')
    expect(run.stdout).toContain('Router: nginx (installed on this machine)')
  })

  it('with the embedded router: the same outcomes (faked Slack)', async () => {
    const run = await demo(['--quiet', '--router', 'embedded'])
    expectPipelineOutcome(run)
    expect(run.outcome.router).toBe('embedded')
    expect(run.stdout).toContain("Router: the demo's embedded router")
  })

  it('Ctrl-C during the canary: the deploy is cancelled, traffic stays served, every process it started is stopped (faked Slack)', async () => {
    const run = await demo(['--router', 'nginx'], { interruptWhen: 'Step 1: 10% of traffic' })
    expect(run.code).toBe(130)
    expect(run.stdout).toContain('SIGINT: stopping the step in progress')
    // The press reached the action (forwarded by the demo, then the CLI): it put the traffic back.
    expect(run.stdout).toMatch(/cancelled: traffic is back on (green|blue)/)
    expect(run.stderr).toContain('demo: cancelled; everything it started has been stopped')
    expect(run.outcome.load.failures).toBe(0)
    expect(run.outcome.pids.length).toBeGreaterThan(0)
    expect(run.outcome.pids.filter(alive)).toEqual([])
  })
})
