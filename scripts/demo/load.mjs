// The demo's load generator: a steady stream of GETs through the router on keep-alive connections,
// counting failures the two ways blue-green-swap's tests do — strictly (every error or 5xx on the
// first attempt), and as browsers and HTTP clients do (a request that failed on a reused keep-alive
// connection before any response is retried once on a fresh connection). It also notes which
// version answered, and when the last request that a version answered was sent (the rollback
// figure: from then on the router sent nothing more to it).
import { Agent, request } from 'node:http'

function once(url, agent) {
  return new Promise((resolve) => {
    const req = request(url, { agent, timeout: 10_000 }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode, version: String(res.headers['x-app-version'] ?? 'none'), reused: req.reusedSocket }))
      res.on('error', (error) => resolve({ error: error.code ?? error.message, reused: req.reusedSocket }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (error) => resolve({ error: error.code ?? error.message, reused: req.reusedSocket }))
    req.end()
  })
}

const failed = (attempt) => attempt.error !== undefined || (attempt.status ?? 0) >= 500

/** startLoad({ url, rps, concurrency }) → { snapshot(), stop() }; times are performance.now() values. */
export function startLoad(options) {
  const concurrency = options.concurrency ?? 4
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const report = { sent: 0, ok: 0, strictFailures: 0, retriedOk: 0, failures: 0, versions: {}, lastSent: {}, errors: {} }
  let running = true
  const intervalMs = (1000 * concurrency) / options.rps

  const worker = async (offset) => {
    await new Promise((resolve) => setTimeout(resolve, (offset * intervalMs) / concurrency))
    while (running) {
      const start = performance.now()
      report.sent++
      let sentAt = performance.now()
      let attempt = await once(options.url, agent)
      if (failed(attempt)) {
        report.strictFailures++
        const key = attempt.error ?? `HTTP ${attempt.status}`
        report.errors[key] = (report.errors[key] ?? 0) + 1
        // Only a connection-level error on a reused connection is retried (no response was received).
        if (attempt.error !== undefined && attempt.reused) {
          sentAt = performance.now()
          attempt = await once(options.url, false)
          if (!failed(attempt)) report.retriedOk++
        }
      }
      if (failed(attempt)) report.failures++
      else {
        report.ok++
        report.versions[attempt.version] = (report.versions[attempt.version] ?? 0) + 1
        report.lastSent[attempt.version] = Math.max(report.lastSent[attempt.version] ?? 0, sentAt)
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (performance.now() - start))))
    }
  }
  const workers = Array.from({ length: concurrency }, (_, i) => worker(i))
  const copy = () => ({ ...report, versions: { ...report.versions }, lastSent: { ...report.lastSent }, errors: { ...report.errors } })
  return {
    snapshot: copy,
    async stop() {
      running = false
      await Promise.all(workers)
      agent.destroy()
      return copy()
    }
  }
}
