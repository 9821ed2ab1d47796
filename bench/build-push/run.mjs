#!/usr/bin/env node
// Benchmark: re-running build-push on an unchanged source with skip-existing (as the runner runs
// it: node dist/build-push/index.js) side by side with a full buildah rebuild-and-push of the same
// context (buildah bud --no-cache, then buildah push to the registry), both against Debian's
// docker-registry on loopback. Also times a promote-from copy of the image to a second registry.
//   npm run bench:build-push [-- --rounds 3 --files 300 --mib 16]
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cleanup, runAction } from '../../scripts/run-local.mjs'

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []))
const rounds = Number(args.rounds ?? 3)
const fileCount = Number(args.files ?? 300)
const mib = Number(args.mib ?? 16)

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

async function startRegistry(root) {
  const port = await freePort()
  const dir = mkdtempSync(join(root, 'registry-'))
  writeFileSync(join(dir, 'config.yml'), `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\nhttp:\n  addr: 127.0.0.1:${port}\n`)
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' })
  while (!(await portOpen(port))) await new Promise((r) => setTimeout(r, 50))
  return { host: `127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`

const root = mkdtempSync(join(tmpdir(), 'bench-build-push-'))
const storageConf = join(root, 'storage.conf')
writeFileSync(storageConf, `[storage]\ndriver = "vfs"\ngraphroot = "${join(root, 'storage')}"\nrunroot = "${join(root, 'run')}"\n`)
const env = { CONTAINERS_STORAGE_CONF: storageConf, BUILDAH_ISOLATION: 'chroot' }

// An app-like context: many small files plus a few larger assets, and files .dockerignore leaves out.
const context = join(root, 'app')
const perFile = Math.floor((mib * 1024 * 1024) / fileCount)
for (let i = 0; i < fileCount; i++) {
  const dir = join(context, 'src', `module-${i % 20}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, `file-${i}.js`), randomBytes(perFile).toString('base64').slice(0, perFile))
}
mkdirSync(join(context, 'node_modules', 'dep'), { recursive: true })
writeFileSync(join(context, 'node_modules', 'dep', 'index.js'), 'ignored')
writeFileSync(join(context, '.dockerignore'), 'node_modules\n*.log\n')
writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY src /app/src\nCOPY Dockerfile /app/\nLABEL app=bench\n')

const staging = await startRegistry(root)
const production = await startRegistry(root)
const rows = []
try {
  const image = `${staging.host}/bench/app`
  const inputs = { engine: 'buildah', images: image, 'registry-auth': `${staging.host}=anonymous`, 'skip-existing': 'true' }
  const prime = await runAction({ action: 'build-push', inputs, cwd: context, env, timeoutMs: 600_000 })
  if (prime.exitCode !== 0 || prime.outputs.result !== 'built') throw new Error(`priming run failed:\n${prime.stdout}`)
  const digest = prime.outputs.digest
  await cleanup(prime)

  for (let round = 1; round <= rounds; round++) {
    // Baseline: what a pipeline without skip-existing does on every run.
    const started = performance.now()
    execFileSync('buildah', ['bud', '--quiet', '--no-cache', '-t', 'localhost/bench-baseline', context], { env: { ...process.env, ...env }, stdio: 'ignore' })
    execFileSync('buildah', ['push', '--quiet', '--tls-verify=false', 'localhost/bench-baseline', `docker://${staging.host}/bench/baseline:r${round}`], {
      env: { ...process.env, ...env },
      stdio: 'ignore'
    })
    const baselineMs = performance.now() - started

    const skip = await runAction({ action: 'build-push', inputs, cwd: context, env: { ...env, GITHUB_RUN_NUMBER: String(100 + round) }, timeoutMs: 600_000 })
    if (skip.exitCode !== 0 || skip.outputs.result !== 'skipped') throw new Error(`skip-existing run did not skip:\n${skip.stdout}`)
    await cleanup(skip)

    const promote = await runAction({
      action: 'build-push',
      inputs: {
        engine: 'buildah',
        images: `${production.host}/bench/app-r${round}`,
        'promote-from': `${image}@${digest}`,
        'registry-auth': `${staging.host}=anonymous\n${production.host}=anonymous`
      },
      cwd: context,
      env,
      timeoutMs: 600_000
    })
    if (promote.exitCode !== 0 || promote.outputs.digest !== digest) throw new Error(`promotion failed:\n${promote.stdout}`)
    await cleanup(promote)
    rows.push({ round, baselineMs, skipMs: skip.durationMs, promoteMs: promote.durationMs })
    console.log(`round ${round}: full rebuild+push ${seconds(baselineMs)}, skip-existing rerun ${seconds(skip.durationMs)}, promote-from copy ${seconds(promote.durationMs)}`)
  }
} finally {
  staging.stop()
  production.stop()
  rmSync(root, { recursive: true, force: true })
}

const baseline = median(rows.map((r) => r.baselineMs))
const skip = median(rows.map((r) => r.skipMs))
const promote = median(rows.map((r) => r.promoteMs))
const report = [
  `# build-push bench (${new Date().toISOString()})`,
  '',
  `Context: ${fileCount} files, ${mib} MiB, FROM scratch; buildah vfs; docker-registry on loopback; ${rounds} rounds, medians. Times include starting Node 24 for the action.`,
  '',
  '| run | median |',
  '| --- | --- |',
  `| full buildah rebuild (--no-cache) and push | ${seconds(baseline)} |`,
  `| build-push skip-existing rerun (unchanged source) | ${seconds(skip)} |`,
  `| build-push promote-from copy to a second registry | ${seconds(promote)} |`,
  '',
  `skip-existing / full rebuild: **${(skip / baseline).toFixed(2)}** (${(baseline / skip).toFixed(1)}× faster); goal ≤ 2 s: ${skip <= 2000 ? 'met' : 'NOT met'}.`,
  ''
].join('\n')
console.log(`\n${report}`)
writeFileSync(new URL('./last-run.md', import.meta.url), report)
