#!/usr/bin/env node
// Benchmark: a 50-check suite against a local server that answers in 50 ms, run by the
// smoke-test action (as the runner runs it: node dist/smoke-test/index.js) against the same 50
// checks run one after another with curl (status and body text checked, as the action does), and
// against the floor: a plain Node `http` keep-alive loop making the same requests 10 at once
// (bench/smoke-test/plain-loop.mjs, its own process). Goal: the action at concurrency 10 within
// 1.3× of that floor.
//   npm run bench:smoke-test [-- --rounds 5 --checks 50 --latency-ms 50]
import { spawn, execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cleanup, node24, repoRoot, runAction } from '../../scripts/run-local.mjs'

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []))
const rounds = Number(args.rounds ?? 5)
const checkCount = Number(args.checks ?? 50)
const latencyMs = Number(args['latency-ms'] ?? 50)

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

// The same checks for both: path, expected status, text the body must contain.
const ENDPOINTS = [
  ['/api/version', 200, '"version"'],
  ['/status/200', 200, '"status":200'],
  ['/health', 200, 'healthy'],
  ['/', 200, 'Welcome to the shop'],
  ['/status/204', 204, '']
]
const checks = Array.from({ length: checkCount }, (_, i) => {
  const [path, status, text] = ENDPOINTS[i % ENDPOINTS.length]
  return { name: `check ${String(i + 1).padStart(2, '0')} ${path}`, path: `${path}${path.includes('?') ? '&' : '?'}n=${i + 1}`, status, text }
})

function checksYaml(baseUrl) {
  const lines = [`base-url: ${baseUrl}`, 'checks:']
  for (const c of checks) {
    lines.push(`  - name: "${c.name}"`, `    url: "${c.path}"`, '    expect:', `      status: ${c.status}`)
    if (c.text) lines.push(`      body-contains: '${c.text}'`)
  }
  return `${lines.join('\n')}\n`
}

function curlScript(baseUrl) {
  // One curl per check, one after another, each failing the script on a wrong status or body.
  const lines = ['#!/usr/bin/env bash', 'set -euo pipefail', 'body=$(mktemp)']
  for (const c of checks) {
    lines.push(`code=$(curl -sS -o "$body" -w '%{http_code}' '${baseUrl}${c.path}')`)
    lines.push(`[ "$code" = "${c.status}" ] || { echo "${c.name}: HTTP $code"; exit 1; }`)
    if (c.text) lines.push(`grep -qF -- '${c.text.replace(/'/g, "'\\''")}' "$body" || { echo "${c.name}: body"; exit 1; }`)
  }
  lines.push('rm -f "$body"')
  return `${lines.join('\n')}\n`
}

function timeCommand(command, commandArgs) {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`${command} exited ${code}: ${output}`))))
  })
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`

const port = await freePort()
const server = spawn(node24, [join(repoRoot, 'test', 'fixtures', 'sample-app', 'server.mjs'), '--port', String(port), '--latency-ms', String(latencyMs)], { stdio: 'ignore' })
const dir = await mkdtemp(join(tmpdir(), 'bench-smoke-'))
try {
  while (!(await portOpen(port))) await new Promise((r) => setTimeout(r, 50))
  const baseUrl = `http://127.0.0.1:${port}`
  const file = join(dir, 'checks.yml')
  const script = join(dir, 'curl-suite.sh')
  const plainChecks = join(dir, 'checks.json')
  await writeFile(plainChecks, JSON.stringify(checks))
  await writeFile(file, checksYaml(baseUrl))
  await writeFile(script, curlScript(baseUrl), { mode: 0o755 })
  const curlVersion = execFileSync('curl', ['--version']).toString().split('\n')[0]

  const runSmoke = async (concurrency) => {
    const result = await runAction({ action: 'smoke-test', inputs: { 'checks-file': file, concurrency: String(concurrency) } })
    await cleanup(result)
    if (result.exitCode !== 0 || result.outputs.passed !== String(checkCount)) throw new Error(`smoke-test failed: ${result.stdout}`)
    return result.durationMs
  }
  const variants = [
    ['smoke-test action, concurrency 10 (default)', () => runSmoke(10)],
    ['smoke-test action, concurrency 1 (one after another, kept-alive connection)', () => runSmoke(1)],
    [`curl, one after another (${curlVersion.split(' ').slice(0, 2).join(' ')})`, () => timeCommand('bash', [script])],
    ['plain Node http keep-alive loop, 10 at once (floor)', () => timeCommand(node24, [join(repoRoot, 'bench', 'smoke-test', 'plain-loop.mjs'), baseUrl, plainChecks, '10'])]
  ]
  // Warm up the file cache and the server once, then alternate the variants round by round.
  for (const [, run] of variants) await run()
  const times = variants.map(() => [])
  for (let round = 0; round < rounds; round++) {
    for (const [i, [, run]] of variants.entries()) times[i].push(await run())
  }
  const medians = times.map(median)
  const curl = medians[2]
  console.log(`${checkCount} checks, server answering in ${latencyMs} ms, median of ${rounds} rounds (whole process wall time, Node start included)`)
  console.log('')
  console.log('| variant | median | rounds | vs curl loop |')
  console.log('| --- | --- | --- | --- |')
  for (const [i, [name]] of variants.entries()) {
    console.log(`| ${name} | ${fmt(medians[i])} | ${times[i].map(fmt).join(', ')} | ${(curl / medians[i]).toFixed(1)}× faster |`.replace('| 1.0× faster |', '| baseline |'))
  }
  console.log('')
  console.log(`ratio: curl loop / smoke-test action = ${(curl / medians[0]).toFixed(2)}`)
  console.log(`ratio: smoke-test action (concurrency 10) / plain Node http loop (10 at once) = ${(medians[0] / medians[3]).toFixed(2)} (goal ≤ 1.30)`)
} finally {
  server.kill('SIGTERM')
  await rm(dir, { recursive: true, force: true })
}
