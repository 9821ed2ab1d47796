// Measured by bench/blue-green-swap/kubernetes.mjs (compiled with ncc, run from the repository root).
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { RunOptions, RunResult } from '../../test/support/runner.js'
import { startFakeKubernetes } from '../../test/support/fakes/kubernetes-api.js'
import { RENDER_KEY, RENDER_SERVICE, startFakeRender } from '../../test/support/fakes/render-api.js'

const rounds = Number(process.argv[2] ?? 7)
// Loaded from the repository at run time: run-local finds the bundle relative to its own file.
const runner = (await import(/* webpackIgnore: true */ pathToFileURL(join(process.cwd(), 'scripts', 'run-local.mjs')).href)) as {
  runAction: (options: RunOptions) => Promise<RunResult>
  cleanup: (result: RunResult) => Promise<void>
}
const { runAction, cleanup } = runner
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function timed(run: () => Promise<RunResult>): Promise<number> {
  const started = process.hrtime.bigint()
  const result = await run()
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  await cleanup(result)
  if (result.exitCode !== 0) throw new Error(`run failed: ${result.errors.join('; ')}`)
  return ms
}

const k8s = await startFakeKubernetes()
k8s.seed({ app: 'shop', ingress: 'shop', blueImage: 'ghcr.io/octo-org/shop:1.0.0', replicas: 2 })
const kubeconfig = await k8s.writeKubeconfig()
const render = await startFakeRender()
render.seedLive('aaaaaaa1')
let version = 0
const kubernetesStatus = () =>
  runAction({ action: 'blue-green-swap', inputs: { provider: 'kubernetes', mode: 'status', 'k8s-kubeconfig': kubeconfig, 'k8s-app': 'shop' }, timeoutMs: 60_000 })
const renderStatus = () =>
  runAction({
    action: 'blue-green-swap',
    inputs: { provider: 'render', mode: 'status', 'render-api-key': RENDER_KEY, 'render-service': RENDER_SERVICE, 'render-api-url': render.url },
    timeoutMs: 60_000
  })
// A whole deploy on Kubernetes (ingress-nginx, 3 steps, no bake): rollout watched, weights shifted, promoted.
const kubernetesDeploy = () => {
  version++
  return runAction({
    action: 'blue-green-swap',
    inputs: {
      provider: 'kubernetes',
      version: `1.${version}.0`,
      image: `ghcr.io/octo-org/shop:1.${version}.0`,
      steps: '10,50,100',
      'k8s-kubeconfig': kubeconfig,
      'k8s-app': 'shop',
      'k8s-switch': 'ingress-nginx',
      'k8s-ingress': 'shop'
    },
    timeoutMs: 60_000
  })
}

const times = { render: [] as number[], kubernetes: [] as number[], deploy: [] as number[] }
try {
  for (let round = 0; round < rounds; round++) {
    times.render.push(await timed(renderStatus))
    times.kubernetes.push(await timed(kubernetesStatus))
    times.deploy.push(await timed(kubernetesDeploy))
  }
} finally {
  await k8s.stop()
  await render.stop()
}
const [r, k, d] = [median(times.render), median(times.kubernetes), median(times.deploy)]
console.log(`| run (dist/blue-green-swap, ${rounds} rounds, interleaved) | median ms | ratio to render status |`)
console.log('| --- | ---: | ---: |')
console.log(`| mode status, provider render (baseline: no SDK to load) | ${r.toFixed(0)} | 1.00 |`)
console.log(`| mode status, provider kubernetes (@kubernetes/client-node loaded) | ${k.toFixed(0)} | ${(k / r).toFixed(2)} |`)
console.log(`| deploy, provider kubernetes, ingress-nginx 10,50,100 (fake rollout ≈ 5 ticks of 15 ms) | ${d.toFixed(0)} | ${(d / r).toFixed(2)} |`)
