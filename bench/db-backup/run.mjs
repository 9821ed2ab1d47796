#!/usr/bin/env node
// db-backup throughput and memory, against `pg_dump -Fc > /dev/null` on the same database.
//
// Starts a PostgreSQL cluster (Debian's binaries) and Azurite (disk persistence) on loopback,
// grows a table of varied text with generate_series to ~100 MB and then to ≥1 GB, and at each size
// runs (1) the baseline `pg_dump -Fc > /dev/null` and (2) the committed action bundle
// dist/db-backup/index.js under Node 24 backing up to Azurite, sampling the action process's
// VmHWM (peak RSS) from /proc. Prints a table of seconds, MB/s, the throughput ratio
// (baseline time ÷ action time; > 1 means the action is faster) and the peak RSS.
//
// Compressions measured side by side: zstd through the `zstd` program (-T0, when on PATH), zstd
// through Node's stream (the same bundle with a PATH that holds pg_dump but no zstd: the
// fallback), and gzip. The summary's compression row says which compressor each run used.
//
//   npm run bench:db-backup                 (~100 MB and ~1 GB)
//   BENCH_SIZES_MB=100 npm run bench:db-backup
//   BENCH_COMPRESSIONS=zstd,zstd-node npm run bench:db-backup
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startPostgres } from '../support/postgres.mjs'
import { atExit, freePort, node24, root } from '../support/process.mjs'

// A copy of the committed bundle, so rebuilding dist/ during a long run does not change what is measured.
const bundleDir = mkdtempSync(join(tmpdir(), 'bench-bundle-'))
cpSync(join(root, 'dist', 'db-backup'), bundleDir, { recursive: true })
const bundle = join(bundleDir, 'index.js')
const sizesMb = (process.env.BENCH_SIZES_MB ?? '100,1024').split(',').map(Number)
const compressions = (process.env.BENCH_COMPRESSIONS ?? 'zstd,zstd-node,gzip').split(',')
const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

atExit(() => rmSync(bundleDir, { recursive: true, force: true }))

async function waitFor(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if (await check()) return
    } catch {
      // not up yet: try again
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`${what} did not start`)
}

async function startCluster() {
  const { port, bin } = await startPostgres(['max_wal_size=4GB', 'shared_buffers=256MB'])
  const psql = (sql) =>
    execFileSync('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'bench', '-c', sql])
      .toString()
      .trim()
  execFileSync('psql', ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE bench'])
  return { url: `postgres://postgres@127.0.0.1:${port}/bench`, port, psql, toolsWithoutZstd: pathWithoutZstd(bin) }
}

async function startAzurite() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-azurite-'))
  const port = await freePort()
  const child = spawn(
    join(root, 'node_modules', '.bin', 'azurite-blob'),
    ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', dir, '--disableTelemetry', '--skipApiVersionCheck', '--loose'],
    { stdio: 'ignore' }
  )
  atExit(() => {
    child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })
  const endpoint = `http://127.0.0.1:${port}/devstoreaccount1`
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=${endpoint};`
  const { BlobServiceClient } = await import('@azure/storage-blob')
  const service = BlobServiceClient.fromConnectionString(connectionString)
  await waitFor(async () => (await service.getContainerClient('bench').createIfNotExists(), true), 'Azurite')
  return { connectionString, service }
}

/** Grows table t (varied text: random hex, a counter, a run of letters) until the database has `mb` MB. */
function growTo(pg, mb) {
  pg.psql('CREATE TABLE IF NOT EXISTS t (id bigint PRIMARY KEY, kind int, note text, payload text, at timestamptz)')
  const size = () => Number(pg.psql("SELECT pg_database_size('bench')"))
  while (size() < mb * 1024 * 1024) {
    const from = Number(pg.psql('SELECT coalesce(max(id), 0) FROM t')) + 1
    const rows = Math.min(500_000, Math.max(50_000, Math.ceil(((mb * 1024 * 1024 - size()) / 260) * 1.05)))
    pg.psql(
      `INSERT INTO t SELECT g, (g % 97)::int, 'order ' || g || ' for customer ' || (g * 7919 % 100003) || ' ' || repeat(chr((65 + g % 26)::int), (g % 40)::int), md5(random()::text) || md5(g::text) || md5((g * 31)::text) || ' ' || to_char(g * 1.37, 'FM999999999.00'), now() - (g % 100000) * interval '1 minute' FROM generate_series(${from}::bigint, ${from + rows - 1}::bigint) g`
    )
  }
  pg.psql('VACUUM ANALYZE t')
  return size()
}

function timed(command, args, env) {
  return new Promise((done, fail) => {
    const started = performance.now()
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    let peakKb = 0
    const sample = () => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))
        if (m) peakKb = Math.max(peakKb, Number(m[1]))
      } catch {
        // the process has exited: its peak is already recorded
      }
    }
    const timer = setInterval(sample, 50)
    child.on('exit', () => sample())
    child.on('close', (code) => {
      clearInterval(timer)
      const seconds = (performance.now() - started) / 1000
      if (code !== 0) return fail(new Error(`${command} exited ${code}:\n${out.slice(-3000)}`))
      done({ seconds, peakKb, out })
    })
  })
}

async function baseline(pg) {
  return timed('/bin/sh', ['-c', `pg_dump -Fc --dbname='${pg.url}' > /dev/null`])
}

/** A PATH with the PostgreSQL client tools and nothing else: no zstd program, so the bundle falls back to Node's stream. */
function pathWithoutZstd(bin) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-path-'))
  for (const tool of ['pg_dump', 'pg_restore', 'psql']) symlinkSync(join(bin, tool), join(dir, tool))
  atExit(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function action(pg, az, workDir, variant) {
  const compression = variant === 'zstd-node' ? 'zstd' : variant
  const files = Object.fromEntries(['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY', 'GITHUB_ENV', 'GITHUB_STATE'].map((n) => [n, join(workDir, n.toLowerCase())]))
  for (const f of Object.values(files)) writeFileSync(f, '')
  const run = await timed(node24, [bundle], {
    ...files,
    RUNNER_TEMP: workDir,
    GITHUB_RUN_ID: String(Date.now()),
    GITHUB_RUN_ATTEMPT: '1',
    INPUT_ENGINE: 'postgres',
    INPUT_MODE: 'backup',
    'INPUT_DATABASE-URL': pg.url,
    INPUT_DESTINATION: 'azblob://bench/app',
    'INPUT_AZURE-CONNECTION-STRING': az.connectionString,
    INPUT_COMPRESSION: compression,
    INPUT_VERIFY: 'false',
    INPUT_ENVIRONMENT: 'bench',
    'INPUT_PROGRESS-INTERVAL': '10s',
    INPUT_TIMEOUT: '2h',
    ...(variant === 'zstd-node' ? { PATH: pg.toolsWithoutZstd } : {})
  })
  const ranBy = /\| compression \| ([^|]+) \|/.exec(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'))?.[1]?.trim() ?? '?'
  if (variant === 'zstd-node' ? !/Node zlib/.test(ranBy) : variant === 'zstd' && !/zstd program/.test(ranBy)) throw new Error(`${variant}: the summary says ${ranBy}`)
  const outputs = readFileSync(files.GITHUB_OUTPUT, 'utf8')
  const size = /size-bytes<<(\S+)\n(\d+)/.exec(outputs)?.[2] ?? /size-bytes=(\d+)/.exec(outputs)?.[1]
  return { ...run, storedBytes: Number(size), ranBy }
}

const mb = (bytes) => bytes / 1024 / 1024

const pg = await startCluster()
const az = await startAzurite()
const workDir = mkdtempSync(join(tmpdir(), 'bench-run-'))
atExit(() => rmSync(workDir, { recursive: true, force: true }))
const rows = []
for (const target of sizesMb) {
  const t0 = performance.now()
  const dbBytes = growTo(pg, target)
  console.log(`database grown to ${mb(dbBytes).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(0)} s`)
  // The machine may be shared: small sizes are measured several times, baseline and action
  // alternating, and the fastest of each kept (the peak RSS is the highest seen).
  const repeats = target <= 200 ? 3 : 1
  const best = (runs) => ({ ...runs.reduce((a, b) => (b.seconds < a.seconds ? b : a)), peakKb: Math.max(...runs.map((r) => r.peakKb)) })
  const baseRuns = []
  const actRuns = Object.fromEntries(compressions.map((c) => [c, []]))
  for (let i = 0; i < repeats; i++) {
    baseRuns.push(await baseline(pg))
    for (const compression of compressions) actRuns[compression].push(await action(pg, az, workDir, compression))
  }
  const base = best(baseRuns)
  console.log(`  pg_dump -Fc > /dev/null: ${base.seconds.toFixed(1)} s (best of ${repeats})`)
  for (const compression of compressions) {
    const act = best(actRuns[compression])
    console.log(
      `  action (${compression}: ${act.ranBy}, to Azurite): ${act.seconds.toFixed(1)} s (best of ${repeats}), stored ${mb(act.storedBytes).toFixed(0)} MB, peak RSS ${(act.peakKb / 1024).toFixed(0)} MB`
    )
    rows.push({ dbMb: mb(dbBytes), compression, base: base.seconds, act: act.seconds, storedMb: mb(act.storedBytes), rssMb: act.peakKb / 1024 })
  }
}
const lines = [
  '| database | action compression | pg_dump -Fc >/dev/null | action → Azurite | action MB/s | ratio (baseline time ÷ action time) | stored | action peak RSS |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows.map(
    (r) =>
      `| ${r.dbMb.toFixed(0)} MB | ${r.compression} | ${r.base.toFixed(1)} s (${(r.dbMb / r.base).toFixed(1)} MB/s) | ${r.act.toFixed(1)} s | ${(r.dbMb / r.act).toFixed(1)} | ${(r.base / r.act).toFixed(2)} | ${r.storedMb.toFixed(0)} MB | ${r.rssMb.toFixed(0)} MB |`
  )
]
console.log(`\n${lines.join('\n')}`)
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const report = join(tmpdir(), 'db-backup-bench.md')
writeFileSync(report, `# db-backup bench (${new Date().toISOString()}, load average at the end ${load})\n\n${lines.join('\n')}\n`)
console.log(`(also written to ${report})`)
process.exit(0)
