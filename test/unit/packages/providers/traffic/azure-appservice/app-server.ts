import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A loopback stand-in for a slot's (or production's) own address: /health answers 503 while `cold` lasts, then 200. */
export interface FakeApp {
  url: string
  healthChecks: number
  /** The next `n` health checks answer 503 (a container still starting). */
  coldFor(n: number): void
  stop(): Promise<void>
}

export async function startFakeApp(): Promise<FakeApp> {
  let cold = 0
  const app: Partial<FakeApp> & { healthChecks: number } = { healthChecks: 0 }
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/health')) {
      app.healthChecks += 1
      if (cold > 0) {
        cold -= 1
        res.writeHead(503).end('starting')
        return
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok')
      return
    }
    res.writeHead(200).end('hello')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  app.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  app.coldFor = (n) => {
    cold = n
  }
  app.stop = async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
  return app as FakeApp
}
