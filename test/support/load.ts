import { Agent, request, type IncomingMessage } from 'node:http'

/**
 * A steady load through nginx that counts failures the two ways that matter: strictly (every
 * error or 5xx), and as browsers and HTTP clients do — a request that failed on a reused
 * keep-alive connection before any response is retried once on a fresh connection, and only
 * counts as failed if that retry fails too.
 */
export interface LoadReport {
  sent: number
  ok: number
  /** Every request that got an error or a 5xx on its first attempt. */
  strictFailures: number
  /** Of those, failed on a reused connection and succeeded on the fresh retry. */
  retriedOk: number
  /** Failed even after the retry-once rule: what a user would see. */
  failures: number
  /** Responses per `x-app-version`. */
  versions: Record<string, number>
  errors: Record<string, number>
}

export interface Load {
  /** Resolves after the requests in flight finish. */
  stop(): Promise<LoadReport>
  /** The report so far. */
  snapshot(): LoadReport
}

interface Attempt {
  status?: number
  version?: string
  error?: string
  reused: boolean
}

function once(url: string, agent: Agent | false): Promise<Attempt> {
  return new Promise((resolve) => {
    const req = request(url, { agent, timeout: 10_000 }, (res: IncomingMessage) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode, version: String(res.headers['x-app-version'] ?? 'none'), reused: req.reusedSocket }))
      res.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message, reused: req.reusedSocket }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (error) => resolve({ error: (error as NodeJS.ErrnoException).code ?? error.message, reused: req.reusedSocket }))
    req.end()
  })
}

const failed = (attempt: Attempt): boolean => attempt.error !== undefined || (attempt.status ?? 0) >= 500

export function startLoad(options: { url: string; rps: number; concurrency?: number; keepAlive?: boolean }): Load {
  const concurrency = options.concurrency ?? 8
  const agent = new Agent({ keepAlive: options.keepAlive ?? true, maxSockets: concurrency })
  const report: LoadReport = { sent: 0, ok: 0, strictFailures: 0, retriedOk: 0, failures: 0, versions: {}, errors: {} }
  let running = true
  const intervalMs = (1000 * concurrency) / options.rps

  const worker = async (offset: number): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, (offset * intervalMs) / concurrency))
    while (running) {
      const start = Date.now()
      report.sent++
      let attempt = await once(options.url, agent)
      if (failed(attempt)) {
        report.strictFailures++
        const key = attempt.error ?? `HTTP ${attempt.status}`
        report.errors[key] = (report.errors[key] ?? 0) + 1
        // Only a connection-level error on a reused connection is retried (no response was received).
        if (attempt.error !== undefined && attempt.reused) {
          attempt = await once(options.url, false)
          if (!failed(attempt)) report.retriedOk++
        }
      }
      if (failed(attempt)) report.failures++
      else {
        report.ok++
        const version = attempt.version ?? 'none'
        report.versions[version] = (report.versions[version] ?? 0) + 1
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, intervalMs - (Date.now() - start))))
    }
  }
  const workers = Array.from({ length: concurrency }, (_, i) => worker(i))
  const copy = (): LoadReport => ({ ...report, versions: { ...report.versions }, errors: { ...report.errors } })
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
