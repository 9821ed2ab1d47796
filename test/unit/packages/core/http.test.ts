import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { closeHttpAgent, httpRequest, httpRequestWithRetry, HttpStatusError } from '../../../../packages/core/http.js'
import { writeFileAtomic } from '../../../../packages/core/atomic-write.js'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A real HTTP server on loopback whose answers are scripted per path.
let server: Server
let base = ''
const script = new Map<string, { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }[]>()
const hits = new Map<string, number>()
const sockets = new Set<number>()

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/'
    hits.set(path, (hits.get(path) ?? 0) + 1)
    sockets.add(req.socket.remotePort ?? 0)
    const queue = script.get(path) ?? []
    const next = queue.length > 1 ? queue.shift()! : (queue[0] ?? { status: 200, body: 'ok' })
    setTimeout(() => {
      res.writeHead(next.status, next.headers)
      res.end(next.body ?? '')
    }, next.delayMs ?? 0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await closeHttpAgent()
  await new Promise((resolve) => server.close(resolve))
})

describe('httpRequest against a loopback server', () => {
  it('returns status, lower-cased headers, body and duration, reusing connections', async () => {
    script.set('/a', [{ status: 201, headers: { 'X-App': 'shop' }, body: '{"ok":true}' }])
    sockets.clear()
    for (let i = 0; i < 5; i++) {
      const res = await httpRequest({ url: `${base}/a` })
      expect(res).toMatchObject({ status: 201, body: '{"ok":true}', headers: expect.objectContaining({ 'x-app': 'shop' }) })
      expect(res.durationMs).toBeGreaterThan(0)
    }
    // The pool may open a second connection while the first is still settling; never one per request.
    expect(sockets.size).toBeLessThanOrEqual(2)
  })

  it('fails with a clear message when the server does not answer in time', async () => {
    script.set('/slow', [{ status: 200, delayMs: 500 }])
    await expect(httpRequest({ url: `${base}/slow`, timeoutMs: 50 })).rejects.toThrow('no answer within 50 ms')
  })

  it('accepts a fractional timeout (budgets are computed, not typed) and reports it in whole ms', async () => {
    script.set('/slow2', [{ status: 200, delayMs: 500 }])
    await expect(httpRequest({ url: `${base}/slow2`, timeoutMs: 49.3 })).rejects.toThrow('no answer within 50 ms')
    script.set('/quick', [{ status: 204 }])
    expect((await httpRequest({ url: `${base}/quick`, timeoutMs: 2500.7 })).status).toBe(204)
  })

  it('retries 429 honouring Retry-After, then succeeds', async () => {
    script.set('/throttled', [
      { status: 429, headers: { 'Retry-After': '2' }, body: 'slow down' },
      { status: 200, body: 'done' }
    ])
    const sleeps: number[] = []
    const res = await httpRequestWithRetry({ url: `${base}/throttled` }, 'Test API', { sleep: async (ms) => void sleeps.push(ms) })
    expect(res.body).toBe('done')
    expect(sleeps).toEqual([2000])
    expect(hits.get('/throttled')).toBe(2)
  })

  it('does not retry a 400 and names the caller in the error', async () => {
    script.set('/bad', [{ status: 400, body: 'invalid_payload' }])
    const error = (await httpRequestWithRetry({ url: `${base}/bad` }, 'Slack webhook', { sleep: async () => {} }).catch((e: unknown) => e)) as HttpStatusError
    expect(error).toBeInstanceOf(HttpStatusError)
    expect(error.message).toBe('Slack webhook answered HTTP 400: invalid_payload')
    expect(hits.get('/bad')).toBe(1)
  })

  it('gives up on a persistent 503 after the configured attempts', async () => {
    script.set('/down', [{ status: 503 }])
    await expect(httpRequestWithRetry({ url: `${base}/down` }, 'Health', { attempts: 3, sleep: async () => {} })).rejects.toThrow('Health answered HTTP 503')
    expect(hits.get('/down')).toBe(3)
  })
})

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-'))
    const file = join(dir, 'nested', 'state.json')
    await writeFileAtomic(file, 'one')
    await writeFileAtomic(file, 'two')
    expect(await readFile(file, 'utf8')).toBe('two')
    expect(await readdir(join(dir, 'nested'))).toEqual(['state.json'])
  })
})

describe('httpRequest refuses what the URL parser would reshape', () => {
  it.each([
    ['a line break', 'http://127.0.0.1:9/a\nb', 'U+000A at position 21'],
    ['a tab', 'http://127.0.0.1:9/\ta', 'U+0009 at position 20']
  ])('a URL with %s is refused before anything is sent', async (_name, url, where) => {
    await expect(httpRequest({ url })).rejects.toThrow(`the URL has a control character (${where})`)
  })
})
