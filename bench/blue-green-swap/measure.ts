// Compiled and run by run.mjs. Each round: prepare v<n> on the idle color, swap to it, roll back. Under a steady load through a real nginx: the time from "green
// healthy" to "100% on green" for a one-step swap (shift + promote), the rollback time, and the
// failed requests during both — strictly and with the retry-once rule — beside a baseline: the
// bare `nginx -s reload` with the same load.
import { execFileSync } from 'node:child_process'
import { appRelease, deployAll, startHostTarget } from '../../test/support/host-target.js'
import { startLoad, type LoadReport } from '../../test/support/load.js'
import { startSshd } from '../../test/support/services/sshd.js'

const args = Object.fromEntries(process.argv.slice(2).reduce<[string, string][]>((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []))
const rounds = Number(args.rounds ?? 10)
const rps = Number(args.rps ?? 200)
const keepAlive = (args['keep-alive'] ?? 'true') === 'true'
const upstreamKeepalive = Number(args['upstream-keepalive'] ?? 0)
const settleMs = Number(args['settle-ms'] ?? 400)
const nginxSwitch = (args.switch ?? 'reload') as 'reload' | 'flag-files'
const overSsh = args.transport === 'ssh'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
const stats = (values: number[]): string => {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
  return `median ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${sorted[sorted.length - 1].toFixed(0)} ms`
}
const delta = (a: LoadReport, b: LoadReport): { sent: number; strict: number; retried: number; failed: number } => ({
  sent: b.sent - a.sent,
  strict: b.strictFailures - a.strictFailures,
  retried: b.retriedOk - a.retriedOk,
  failed: b.failures - a.failures
})

async function main(): Promise<void> {
  const target = await startHostTarget({ nginx: { upstreamKeepalive }, switch: nginxSwitch })
  // Over SSH: a real sshd on loopback, every command through one ssh2 connection.
  const sshd = overSsh ? await startSshd() : undefined
  const provider = await target.provider(
    sshd ? { host: '127.0.0.1', 'ssh-user': sshd.user, 'ssh-port': String(sshd.port), 'ssh-key': sshd.privateKey, 'known-hosts': sshd.knownHostsLine } : {}
  )
  const signal = new AbortController().signal
  try {
    const active = await deployAll(provider, appRelease('v0'), signal)
    await sleep(settleMs)
    const load = startLoad({ url: target.url, rps, keepAlive, concurrency: 16 })
    await sleep(1000)
    const switches: number[] = []
    const onGreen: number[] = []
    const rollbacks: number[] = []
    const reloads: number[] = []
    const swapCounts = { sent: 0, strict: 0, retried: 0, failed: 0 }
    const rollbackCounts = { sent: 0, strict: 0, retried: 0, failed: 0 }
    const baselineCounts = { sent: 0, strict: 0, retried: 0, failed: 0 }
    const prepareCounts = { sent: 0, strict: 0, retried: 0, failed: 0 }
    const add = (into: typeof swapCounts, d: typeof swapCounts): void => {
      for (const key of Object.keys(into) as (keyof typeof into)[]) into[key] += d[key]
    }
    for (let round = 1; round <= rounds; round++) {
      let before = load.snapshot()
      const prepared = await provider.prepare(appRelease(`v${round}`), signal)
      await sleep(settleMs)
      add(prepareCounts, delta(before, load.snapshot()))
      // Swap: green healthy → 100% on green.
      before = load.snapshot()
      let t0 = performance.now()
      await provider.shift(prepared.color, 100, signal)
      onGreen.push(performance.now() - t0)
      await provider.promote(prepared.color, `v${round}`, 60_000, signal)
      switches.push(performance.now() - t0)
      await sleep(settleMs)
      add(swapCounts, delta(before, load.snapshot()))
      // Rollback to the color that was live before.
      before = load.snapshot()
      t0 = performance.now()
      await provider.rollback(active, 'bench', signal)
      rollbacks.push(performance.now() - t0)
      await sleep(settleMs)
      add(rollbackCounts, delta(before, load.snapshot()))
      // Baseline: a bare reload of the same configuration (what any nginx switch costs at least).
      before = load.snapshot()
      t0 = performance.now()
      execFileSync('nginx', ['-p', target.nginx.prefix, '-c', target.nginx.conf, '-s', 'reload'])
      reloads.push(performance.now() - t0)
      await sleep(settleMs)
      add(baselineCounts, delta(before, load.snapshot()))
    }
    const report = await load.stop()
    const line = (name: string, c: typeof swapCounts): string =>
      `${name}: ${c.sent} requests, strict failures ${c.strict}, recovered by one retry on a fresh connection ${c.retried}, failed after retry ${c.failed}`
    console.log(
      `# blue-green-swap host provider over ${overSsh ? 'SSH (sshd + ssh2 on loopback)' : 'host: local'}, nginx-switch ${nginxSwitch}: ${rounds} rounds, ${rps} req/s, client keep-alive ${keepAlive}, upstream keepalive ${upstreamKeepalive}`
    )
    console.log(`100% on green (shift returns): ${stats(onGreen)}`)
    console.log(`switch (shift 100% + promote): ${stats(switches)}`)
    console.log(`rollback: ${stats(rollbacks)}`)
    console.log(`baseline bare nginx -s reload (signal only): ${stats(reloads)}`)
    console.log(`switch / bare reload (median): ${(switches.sort((a, b) => a - b)[Math.floor(rounds / 2)] / reloads.sort((a, b) => a - b)[Math.floor(rounds / 2)]).toFixed(1)}x`)
    console.log(line('during swaps', swapCounts))
    console.log(line('during rollbacks', rollbackCounts))
    console.log(line('during bare reloads (baseline)', baselineCounts))
    console.log(line('while green starts (prepare)', prepareCounts))
    console.log(`whole run: ${report.sent} requests, strict ${report.strictFailures}, failed after retry ${report.failures}, errors ${JSON.stringify(report.errors)}`)
    console.log(`router timings of the last switch: ${JSON.stringify(provider.router.lastTimings, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v))}`)
  } finally {
    await provider.close()
    await target.stop()
    await sshd?.stop()
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
