import { join } from 'node:path'
import { node24, repoRoot } from '../paths.js'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'

/** The sample app shipped in test/fixtures/sample-app, as a real process on a free port. */
export interface SampleApp {
  port: number
  url: string
  stop(): Promise<void>
}

export interface SampleAppOptions {
  latencyMs?: number
  readyAfterMs?: number
  errorRate?: number
}

export async function startSampleApp(options: SampleAppOptions = {}): Promise<SampleApp> {
  const port = await freePort()
  const service = await startService({
    name: 'sample app',
    command: node24,
    args: [
      join(repoRoot, 'test', 'fixtures', 'sample-app', 'server.mjs'),
      '--port',
      String(port),
      '--latency-ms',
      String(options.latencyMs ?? 0),
      '--ready-after-ms',
      String(options.readyAfterMs ?? 0),
      '--error-rate',
      String(options.errorRate ?? 0)
    ],
    ready: () => portOpen(port)
  })
  return { port, url: `http://127.0.0.1:${port}`, stop: service.stop }
}
