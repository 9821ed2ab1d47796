import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './free-port.js'
import { startService } from './process.js'

/** Debian's Prometheus server on loopback, scraping the given targets' /metrics every second. */
export interface Prometheus {
  url: string
  /** Resolves once every target has been scraped successfully at least once. */
  waitForTargets(timeoutMs?: number): Promise<void>
  stop(): Promise<void>
}

export async function startPrometheus(targets: string[]): Promise<Prometheus> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'prometheus-'))
  const config = join(dir, 'prometheus.yml')
  writeFileSync(
    config,
    `global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: app
    scrape_timeout: 1s
    static_configs:
      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]
`
  )
  const url = `http://127.0.0.1:${port}`
  const service = await startService({
    name: 'prometheus',
    command: 'prometheus',
    args: [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
    ready: async () =>
      fetch(`${url}/-/ready`).then(
        (r) => r.ok,
        () => false
      ),
    timeoutMs: 30_000
  })
  return {
    url,
    async waitForTargets(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const body = (await fetch(`${url}/api/v1/targets`).then((r) => r.json())) as { data: { activeTargets: { health: string }[] } }
        if (body.data.activeTargets.length === targets.length && body.data.activeTargets.every((t) => t.health === 'up')) return
        if (Date.now() > deadline) throw new Error(`Prometheus targets not up within ${timeoutMs} ms: ${JSON.stringify(body.data.activeTargets.map((t) => t.health))}`)
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
    },
    async stop() {
      await service.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
