// The production pipeline of `npm run demo`, end to end on localhost, each step through the CLI
// (bin/deploy-actions.mjs) as a reusable workflow would chain the actions:
//   v1 live as blue (its SQLite database created by migrate) → db-backup (verified) → migrate
//   (adds a column) → blue-green-swap v2 (direct checks, canary 10 → 50 → 100 judged by the
//   synthetic analysis, promote) → a slow v3 whose canary analysis fails and is rolled back,
// with notify keeping one Slack message (a local fake Slack API) up to date, and a load generator
// through the router the whole time.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { node24, repoRoot } from '../run-local.mjs'
import { stringify } from 'yaml'
import { commandLine, runCli } from './cli-step.mjs'
import { startFakeSlack } from './fake-slack.mjs'
import { startLoad } from './load.mjs'
import { freePort, nginxInstalled, startEmbeddedRouter, startNginxRouter } from './router.mjs'

const SLACK_TOKEN = 'xoxb-demo-0000-local-fake-slack'
const SLACK_CHANNEL = 'C0DEMO0001'
const versionedApp = join(repoRoot, 'test', 'fixtures', 'versioned-app', 'server.mjs')
const migrations = join(repoRoot, 'scripts', 'demo', 'migrations')
const checksFile = join(repoRoot, 'scripts', 'demo', 'smoke-checks.yml')

export class Cancelled extends Error {}

const shellWord = (text) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`)

/** The versions that answered between two load snapshots, as "v1 100%" or "v1 62% · v2 38%". */
function servedBetween(before, after) {
  const counts = Object.entries(after.versions)
    .map(([version, n]) => [version, n - (before.versions[version] ?? 0)])
    .filter(([, n]) => n > 0)
  const total = counts.reduce((sum, [, n]) => sum + n, 0)
  if (total === 0) return '–'
  return counts
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([version, n]) => `${version} ${Math.round((100 * n) / total)}%`)
    .join(' · ')
}

const groupAlive = (pid) => {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

/** Stops process groups (the host provider's colors and scheduled stops): TERM, then KILL after 3 s; returns when all are gone. */
async function stopGroups(pids) {
  const signal = (sig) =>
    pids.forEach((pid) => {
      try {
        process.kill(-pid, sig)
      } catch {
        // Already gone.
      }
    })
  const gone = async (ms) => {
    const deadline = performance.now() + ms
    while (pids.some(groupAlive) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
    return !pids.some(groupAlive)
  }
  signal('SIGTERM')
  if (await gone(3000)) return
  signal('SIGKILL')
  await gone(2000)
}

/** The pid in a pid file, if any. */
function pidIn(file) {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim())
    return Number.isInteger(pid) && pid > 1 ? pid : undefined
  } catch {
    return undefined
  }
}

/**
 * runDemo({ short, router, say, signal, verbose }, outcome) fills `outcome` (phases, load report,
 * rollback figures, the pids it started…) as it goes, so a caller sees how far a failed or
 * cancelled run got. `router`: 'auto' (nginx when installed), 'nginx' or 'embedded'. `short` runs
 * shorter bakes and canary (the test). `keep` leaves the work folder (reports, database, backups).
 */
export async function runDemo(options = {}, outcome = {}) {
  const say = options.say ?? ((line) => console.log(line))
  const short = options.short === true
  const t0 = performance.now()
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s`
  const cleanups = []
  const work = mkdtempSync(join(tmpdir(), 'deploy-actions-demo-'))
  // nginx's workers (user nobody when run as root) must be able to look into the flag folder.
  chmodSync(work, 0o755)
  cleanups.push(() => (options.keep ? say(`Kept: ${work} (each step's outputs.json and summary.md under runs/)`) : rmSync(work, { recursive: true, force: true })))
  const runDir = join(work, 'server')
  const flagDir = join(runDir, 'flags')
  mkdirSync(flagDir, { recursive: true })
  const database = join(work, 'shop.db')
  Object.assign(outcome, {
    phases: [],
    router: undefined,
    routerReason: undefined,
    served: [],
    load: undefined,
    rollback: undefined,
    backup: undefined,
    migration: undefined,
    slack: undefined,
    pids: [],
    work
  })

  const checkCancelled = () => {
    if (options.signal?.aborted) throw new Cancelled('cancelled (Ctrl-C)')
  }

  let load
  let step = 0
  let slackTs
  const progress = []
  try {
    // ── the "server": router, fake Slack ──
    const ports = { blue: await freePort(), green: await freePort() }
    const installed = options.router === 'embedded' ? undefined : nginxInstalled()
    if (options.router === 'nginx' && !installed) throw new Error('--router nginx: nginx is not installed (not on PATH)')
    const router = installed ? await startNginxRouter({ prefix: join(work, 'nginx'), flagDir, ports }) : await startEmbeddedRouter({ flagDir, ports })
    cleanups.push(() => router.stop())
    if (router.pid) outcome.pids.push(router.pid)
    outcome.router = router.kind
    outcome.routerReason = router.kind === 'nginx' ? 'installed on this machine' : options.router === 'embedded' ? 'asked for with --router embedded' : 'nginx is not installed'
    say(
      router.kind === 'nginx'
        ? `Router: nginx (${outcome.routerReason}) on ${router.url}, switched with flag files (no reload)`
        : `Router: the demo's embedded router on ${router.url} (${outcome.routerReason}): a small Node proxy that reads the same flag files nginx would, so blue-green-swap drives it unchanged`
    )
    // The colors and their scheduled stops, started by the host provider in their own sessions.
    cleanups.push(async () => {
      const groups = ['blue.stop.pid', 'green.stop.pid', 'blue.pid', 'green.pid'].map((name) => pidIn(join(runDir, name))).filter((pid) => pid !== undefined)
      outcome.pids.push(...groups)
      await stopGroups(groups)
    })
    const slack = await startFakeSlack({
      token: SLACK_TOKEN,
      channel: SLACK_CHANNEL,
      onMessage: (message, how) => {
        say(`   ┌ Slack #deploys — message ${message.ts} ${how}${message.updates ? ` (update ${message.updates})` : ''}`)
        for (const line of message.text.split('\n')) say(`   │ ${line}`)
        say('   └')
      }
    })
    cleanups.push(() => slack.stop())
    say(`Slack: a local fake of Slack's Web API on ${slack.apiUrl} (chat.postMessage, chat.update)`)
    say(`Work folder: ${work}`)

    const cli = async (action, inputs, { env = {}, inputsFiles = [] } = {}) => {
      checkCancelled()
      step++
      const outDir = join(work, 'runs', `${String(step).padStart(2, '0')}-${action}`)
      say(`   $ ${commandLine(action, inputs, inputsFiles)}`)
      const result = await runCli({ action, inputs, inputsFiles, outDir, env, show: options.verbose === false ? () => {} : say })
      checkCancelled()
      return result
    }

    const phase = async (name, body) => {
      checkCancelled()
      say('')
      say(`━━ [${elapsed()}] ${name}`)
      const before = load?.snapshot()
      const started = performance.now()
      const { result, ok = true } = await body()
      const ms = performance.now() - started
      const after = load?.snapshot()
      const served = before && after ? servedBetween(before, after) : '–'
      outcome.phases.push({ phase: name, ms: Math.round(ms), result, ok, served })
      say(
        `━━ [${elapsed()}] ${ok ? '✔' : '✘'} ${name}: ${result} (${(ms / 1000).toFixed(1)} s${load ? `; load so far: ${load.snapshot().sent} requests, ${load.snapshot().failures} failed` : ''})`
      )
      return ok
    }

    // The server's side of every blue-green-swap step, in one inputs file (what `with:` holds in a workflow).
    const serverInputs = join(work, 'server.yml')
    const hostInputs = {
      provider: 'host',
      host: 'local',
      runtime: 'process',
      'app-name': 'shop',
      'blue-port': String(ports.blue),
      'green-port': String(ports.green),
      'nginx-switch': 'flag-files',
      'nginx-flag-dir': flagDir,
      'state-file': join(runDir, 'state.json'),
      'public-url': router.url,
      'start-timeout': '15s',
      drain: '1s',
      'keep-previous': '5m'
    }
    writeFileSync(serverInputs, `# blue-green-swap inputs shared by every deploy of the demo\n${stringify(hostInputs)}`)
    say(`Server inputs (blue-green-swap, host local, process runtime, flag-file switching): ${serverInputs}`)
    const swap = (inputs) => cli('blue-green-swap', inputs, { inputsFiles: [serverInputs] })
    const release = (version, env = {}) => ({
      version,
      command: `exec ${shellWord(node24)} --no-warnings ${shellWord(versionedApp)}`,
      env: Object.entries({ DB_PATH: database, ...env })
        .map(([key, value]) => `${key}=${value}`)
        .join('\n')
    })

    const notify = async (status, version, line) => {
      progress.push(line)
      const result = await cli(
        'notify',
        {
          channels: 'slack',
          status,
          environment: 'production',
          service: 'shop',
          version,
          'environment-url': router.url,
          message: `*shop → production* ({{status_label}}, {{version}})\n${progress.map((entry) => `• ${entry}`).join('\n')}`,
          'slack-token': '${{ secrets.DEMO_SLACK_TOKEN }}',
          'slack-channel': SLACK_CHANNEL,
          'slack-api-url': slack.apiUrl,
          'fail-on-error': 'true',
          ...(slackTs ? { 'slack-ts': slackTs } : {})
        },
        { env: { DEMO_SLACK_TOKEN: SLACK_TOKEN } }
      )
      if (result.exitCode !== 0) throw new Error(`notify failed (exit code ${result.exitCode})`)
      slackTs = result.outputs['slack-ts'] ?? slackTs
    }

    const served = async () => {
      const response = await fetch(router.url)
      await response.arrayBuffer()
      return response.headers.get('x-app-version') ?? 'none'
    }

    // 1. v1 live, with its database.
    let firstColor
    await phase('1. v1 live: first deploy, SQLite database with 4 rows', async () => {
      const created = await cli('migrate', { 'database-url': `sqlite:${database}`, directory: migrations, target: '1' })
      if (created.exitCode !== 0) throw new Error('migrate could not create the database')
      const deployed = await swap({ version: 'v1', command: release('v1').command, env: release('v1').env, 'check-path': '/health' })
      if (deployed.exitCode !== 0) throw new Error(`blue-green-swap could not start v1 (exit code ${deployed.exitCode})`)
      firstColor = deployed.outputs['active-color']
      load = startLoad({ url: router.url, rps: 40 })
      const version = await served()
      outcome.served.push(version)
      return {
        result: `${version} serves from the ${deployed.outputs['active-color']} slot (an empty server counts blue as live, so a first deploy starts on green); load generator started: 40 req/s through the router`
      }
    })
    await notify('started', 'v2', `v1 live on ${firstColor}, load generator running`)

    // 2. Backup.
    await phase('2. db-backup of the database (verified)', async () => {
      const backup = await cli('db-backup', {
        'database-url': `sqlite:${database}`,
        destination: `file://${join(work, 'backups')}`,
        environment: 'production',
        'deployment-id': 'demo-v2',
        verify: 'true',
        'keep-last': '5'
      })
      outcome.backup = { exitCode: backup.exitCode, ...backup.outputs, verified: backup.exitCode === 0 && backup.lines.some((line) => /integrity/i.test(line.text)) }
      if (backup.exitCode !== 0) throw new Error(`db-backup failed (exit code ${backup.exitCode})`)
      return { result: `${backup.outputs['backup-id']}, ${backup.outputs['size-bytes']} bytes, verified` }
    })
    await notify('started', 'v2', `backup ${outcome.backup['backup-id']} verified`)

    // 3. Migration.
    await phase('3. migrate: add the stock column', async () => {
      const migrated = await cli('migrate', { 'database-url': `sqlite:${database}`, directory: migrations, 'backup-id': outcome.backup['backup-id'], 'backup-uri': outcome.backup.uri })
      outcome.migration = { exitCode: migrated.exitCode, ...migrated.outputs }
      if (migrated.exitCode !== 0) throw new Error(`migrate failed (exit code ${migrated.exitCode})`)
      return { result: `${migrated.outputs['applied-count']} applied, now at version ${migrated.outputs['current-version']}` }
    })
    await notify('started', 'v2', `migration ${outcome.migration['current-version']} applied (stock column)`)

    // 4. Canary deploy of v2.
    const bake = short ? '1s' : '2s'
    await phase('4. blue-green-swap v2: direct checks, canary 10 → 50 → 100, promote', async () => {
      const deployed = await swap({
        version: 'v2',
        ...release('v2'),
        'checks-file': checksFile,
        steps: '10,50,100',
        bake,
        analysis: 'synthetic',
        'synthetic-rate': '60',
        'max-error-rate': '1%',
        'max-p95': '400ms'
      })
      if (deployed.exitCode !== 0 || deployed.outputs.outcome !== 'promoted') throw new Error(`v2 was not promoted: ${deployed.outputs.reason ?? `exit code ${deployed.exitCode}`}`)
      const version = await served()
      outcome.served.push(version)
      return { result: `promoted: ${deployed.outputs['active-color']} serves ${version}, ${deployed.outputs['previous-color']} keeps ${deployed.outputs['previous-version']} for a rollback` }
    })
    const items = await (await fetch(new URL('/items', router.url))).json()
    say(`   GET /items through the router (${items.version}): ${JSON.stringify(items.items?.slice(0, 2))} …`)
    await notify('success', 'v2', `v2 promoted after canary 10 → 50 → 100`)

    // 5. A broken v3: slow, so its canary analysis (p95 ≤ 400 ms) fails and it is rolled back.
    await phase('5. blue-green-swap v3 (slow: 800 ms a request): canary fails, rollback', async () => {
      const before = performance.now()
      const deployed = await swap({
        version: 'v3',
        ...release('v3', { LATENCY_MS: '800' }),
        'checks-file': checksFile,
        steps: short ? '50,100' : '10,50,100',
        bake,
        analysis: 'synthetic',
        'synthetic-rate': '80',
        'max-error-rate': '1%',
        'max-p95': '400ms'
      })
      const rollingBack = deployed.lines.find((line) => line.text.includes('Rolling back to'))
      const lastV3 = load.snapshot().lastSent.v3
      const timings = (() => {
        try {
          return JSON.parse(deployed.outputs['phase-timings'] ?? '{}')
        } catch {
          return {}
        }
      })()
      outcome.rollback = {
        happened: deployed.outputs.outcome === 'rolled-back' && deployed.outputs['rolled-back'] === 'true',
        exitCode: deployed.exitCode,
        reason: deployed.outputs.reason,
        activeVersion: deployed.outputs['active-version'],
        v3Served: (load.snapshot().versions.v3 ?? 0) > 0,
        // From the moment the action said it rolls back to the last request the router sent to v3.
        restoredMs: rollingBack && lastV3 !== undefined ? Math.max(0, Math.round(lastV3 - rollingBack.at)) : undefined,
        actionRollbackMs: timings.rollback,
        deployMs: Math.round(performance.now() - before)
      }
      if (!outcome.rollback.happened) throw new Error(`v3 was not rolled back: ${deployed.outputs.reason ?? `exit code ${deployed.exitCode}`}`)
      const version = await served()
      outcome.served.push(version)
      return { result: `rolled back (the step failed, as it should): ${deployed.outputs.reason}` }
    })
    await notify('rolled_back', 'v3', `v3 rolled back to v2: ${outcome.rollback.reason}`)

    // Let the load see v2 alone for a moment, then stop it.
    await new Promise((resolve) => setTimeout(resolve, 500))
    outcome.load = await load.stop()
    load = undefined
    const message = slack.messages.get(slackTs)
    outcome.slack = { ts: slackTs, updates: message?.updates ?? 0, messages: slack.messages.size, text: message?.text ?? '' }
    outcome.ms = Math.round(performance.now() - t0)
    return outcome
  } finally {
    if (load) outcome.load = await load.stop()
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup()
      } catch (error) {
        say(`cleanup: ${error.message}`)
      }
    }
  }
}
