// Compiled and run by action.mjs. The blue-green-swap action end to end, as the runner runs it
// (dist/blue-green-swap/index.js, provider host, host: local, process runtime, a real nginx), under
// a steady load through nginx. Each round: a one-step deploy of v<n>, then mode: rollback. From
// the action's own phase-timings output: "green healthy → 100% on green" (shift + promote) and the
// rollback; the failed requests during both, strictly and with the retry-once rule. Baseline, side
// by side under the same load: the switch a hand-written script does (rewrite the upstream file,
// nginx -t, nginx -s reload).
import '../../packages/core/cjs-globals.js'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { appRelease, startHostTarget } from '../../test/support/host-target.js'
import { startLoad, type LoadReport } from '../../test/support/load.js'

const args = Object.fromEntries(process.argv.slice(2).reduce<[string, string][]>((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []))
const rounds = Number(args.rounds ?? 5)
const rps = Number(args.rps ?? 200)
const settleMs = Number(args['settle-ms'] ?? 400)
const nginxSwitch = (args.switch ?? 'reload') as 'reload' | 'flag-files'

interface Runner {
  runAction(options: {
    action: string
    inputs: Record<string, string>
    timeoutMs?: number
  }): Promise<{ exitCode: number | null; outputs: Record<string, string>; stdout: string; durationMs: number; workDir: string }>
  cleanup(result: { workDir: string }): Promise<void>
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const max = (values: number[]): number => Math.max(...values)
type Counts = { sent: number; strict: number; retried: number; failed: number }
const zero = (): Counts => ({ sent: 0, strict: 0, retried: 0, failed: 0 })
function add(into: Counts, a: LoadReport, b: LoadReport): void {
  into.sent += b.sent - a.sent
  into.strict += b.strictFailures - a.strictFailures
  into.retried += b.retriedOk - a.retriedOk
  into.failed += b.failures - a.failures
}

async function main(): Promise<void> {
  // Loaded from the repository at run time: run-local finds the bundle relative to its own file.
  const runner = (await import(/* webpackIgnore: true */ pathToFileURL(join(process.cwd(), 'scripts', 'run-local.mjs')).href)) as Runner
  const target = await startHostTarget({ switch: nginxSwitch })
  const host = Object.fromEntries(Object.entries(target.inputs).filter((e): e is [string, string] => e[1] !== undefined))
  const swap = async (inputs: Record<string, string>) => {
    const result = await runner.runAction({ action: 'blue-green-swap', inputs: { provider: 'host', ...host, 'public-url': target.url, ...inputs }, timeoutMs: 120_000 })
    await runner.cleanup(result)
    if (result.exitCode !== 0) throw new Error(`blue-green-swap exited ${result.exitCode}:\n${result.stdout}`)
    return { outputs: result.outputs, timings: JSON.parse(result.outputs['phase-timings']) as Record<string, number>, wallMs: result.durationMs }
  }
  const deploy = (version: string) => swap({ version, command: appRelease(version).command as string, 'check-path': '/health', 'keep-previous': '5m' })
  try {
    await deploy('v0')
    await sleep(settleMs)
    const load = startLoad({ url: target.url, rps, concurrency: 16 })
    await sleep(1000)
    const switches: number[] = []
    const verifies: number[] = []
    const rollbacks: number[] = []
    const scripts: number[] = []
    const swapWall: number[] = []
    const rollbackWall: number[] = []
    const during = { swap: zero(), rollback: zero(), script: zero() }
    for (let round = 1; round <= rounds; round++) {
      let before = load.snapshot()
      const deployed = await deploy(`v${round}`)
      await sleep(settleMs)
      add(during.swap, before, load.snapshot())
      switches.push(deployed.timings.shift + deployed.timings.promote)
      verifies.push(deployed.timings.verify)
      swapWall.push(deployed.wallMs)

      before = load.snapshot()
      const rolledBack = await swap({ mode: 'rollback' })
      await sleep(settleMs)
      add(during.rollback, before, load.snapshot())
      rollbacks.push(rolledBack.timings.rollback)
      rollbackWall.push(rolledBack.wallMs)

      // Baseline: the same switch back and forth as a script does it (the live color stays live).
      const live = rolledBack.outputs['active-color'] as 'blue' | 'green'
      before = load.snapshot()
      const t0 = performance.now()
      if (nginxSwitch === 'reload') writeFileSync(target.nginx.upstreamFile, `server 127.0.0.1:${target.ports[live]};\n`)
      execFileSync('nginx', ['-p', target.nginx.prefix, '-c', target.nginx.conf, '-t', '-q'], { stdio: 'pipe' })
      execFileSync('nginx', ['-p', target.nginx.prefix, '-c', target.nginx.conf, '-s', 'reload'], { stdio: 'pipe' })
      scripts.push(performance.now() - t0)
      await sleep(settleMs)
      add(during.script, before, load.snapshot())
    }
    const report = await load.stop()
    const line = (name: string, c: Counts): string =>
      `${name}: ${c.sent} requests, strict failures ${c.strict}, recovered by one retry on a fresh connection ${c.retried}, failed after retry ${c.failed}`
    const ms = (v: number): string => `${Math.round(v)} ms`
    console.log(`# blue-green-swap action (runner contract, host: local, process runtime, real nginx, nginx-switch ${nginxSwitch}): ${rounds} rounds under ${rps} req/s with keep-alive`)
    console.log(`switch, green healthy → 100% on green (shift + promote): median ${ms(median(switches))}, max ${ms(max(switches))}  (goal ≤ 1000 ms)`)
    console.log(`direct check of green before the switch (verify): median ${ms(median(verifies))}`)
    console.log(`rollback (mode: rollback, rollback phase): median ${ms(median(rollbacks))}, max ${ms(max(rollbacks))}  (goal ≤ 2000 ms)`)
    console.log(`whole action run: deploy median ${ms(median(swapWall))}, rollback median ${ms(median(rollbackWall))}`)
    console.log(`baseline, a script's switch (write upstream, nginx -t, nginx -s reload): median ${ms(median(scripts))}`)
    console.log(`ratio switch / script switch (median): ${(median(switches) / median(scripts)).toFixed(1)}x; rollback / script switch: ${(median(rollbacks) / median(scripts)).toFixed(1)}x`)
    console.log(line('during deploys', during.swap))
    console.log(line('during rollbacks', during.rollback))
    console.log(line('during script switches (baseline)', during.script))
    console.log(`whole run: ${report.sent} requests, strict ${report.strictFailures}, failed after retry ${report.failures}, errors ${JSON.stringify(report.errors)}`)
  } finally {
    await target.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
