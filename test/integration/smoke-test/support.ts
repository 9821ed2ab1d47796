import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { createServer, get } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunResult } from '../../support/runner.js'

/** Helpers shared by the smoke-test runner-contract tests. */

export async function checksFile(content: string, name = 'checks.yml'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'smoke-checks-'))
  const path = join(dir, name)
  await writeFile(path, content)
  return path
}

export interface AppStats {
  requests: number
  connections: number
  maxInFlight: number
}

/**
 * The sample app's counters (GET /_stats does not count itself as a request). Asked over a
 * connection of its own that is closed afterwards, so it adds exactly one to `connections`.
 */
export function appStats(baseUrl: string): Promise<AppStats> {
  return new Promise((resolve, reject) => {
    get(`${baseUrl}/_stats`, { agent: false }, (response) => {
      let body = ''
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () => resolve(JSON.parse(body) as AppStats))
    }).on('error', reject)
  })
}

export async function requestCount(baseUrl: string): Promise<number> {
  return (await appStats(baseUrl)).requests
}

/** Values the action registered with ::add-mask:: (the runner hides these lines and the values). */
export function maskedValues(result: RunResult): string[] {
  return result.stdout
    .split('\n')
    .filter((line) => line.startsWith('::add-mask::'))
    .map((line) => line.slice('::add-mask::'.length))
}

/** stdout as the runner shows it: without the add-mask commands it consumes. */
export function visibleStdout(result: RunResult): string {
  return result.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** The parts of the JSON report the tests read. */
export interface SmokeReport {
  passed: boolean
  checks: { name: string; status: string; attempts: number; failures: string[]; captured?: string[] }[]
  readiness: { attempts: number; readyMs?: number; waitedMs: number }
  load: { errorRate: number; latency: Record<string, number> }
}

export async function reports(result: RunResult): Promise<{ json: SmokeReport; jsonText: string; junit: string }> {
  const jsonText = await readFile(result.outputs.report, 'utf8')
  return { json: JSON.parse(jsonText) as SmokeReport, jsonText, junit: await readFile(result.outputs.junit, 'utf8') }
}

export function noStackTrace(result: RunResult): boolean {
  return !/\n\s+at .+:\d+:\d+/.test(`${result.stdout}\n${result.stderr}`)
}

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

export interface RecordingServer {
  url: string
  requests: RecordedRequest[]
  stop(): Promise<void>
}

/**
 * A real HTTP server on loopback that records every request it gets, for tests that assert what
 * the action sent: POST /login issues a token, /private wants it, /fail answers 503, /echo returns
 * the JSON body it got, /deps lists dependencies with latencies; anything else is 200.
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = []
  const tokens = new Set<string>()
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      requests.push({ method: req.method ?? '', path, headers: req.headers, body })
      const send = (status: number, value: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' })
        res.end(JSON.stringify(value))
      }
      if (path === '/login' && req.method === 'POST') {
        const token = `tok_${randomBytes(12).toString('hex')}`
        tokens.add(token)
        return send(200, { token })
      }
      if (path === '/private') return tokens.has(String(req.headers.authorization ?? '').replace(/^Bearer /, '')) ? send(200, { ok: true }) : send(401, { error: 'unauthorised' })
      if (path === '/fail') return send(503, { error: 'unavailable' })
      if (path === '/echo') return send(200, { received: body === '' ? null : (JSON.parse(body) as unknown) })
      if (path === '/line-break') return send(200, { id: '7\nX-Evil: 1' })
      if (path === '/deps')
        return send(200, {
          dependencies: [
            { name: 'db', latency_ms: 42.24 },
            { name: 'cache', latency_ms: 612 }
          ],
          missing: []
        })
      return send(200, { ok: true })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
