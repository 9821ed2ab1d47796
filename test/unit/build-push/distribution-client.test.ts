import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { silentLogger } from '../../../packages/core/log.js'
import { RegistryClient, sha256Digest } from '../../../packages/providers/registry/distribution/client.js'

/**
 * The distribution client against a registry faked at the HTTP level the way GHCR answers:
 * 401 with a Bearer challenge, a token service that checks Basic credentials and hands out a
 * token per scope, and scripted 429/503 answers for the retry policy. Sleeps are recorded, not slept.
 */

let server: Server
let host = ''
const tokenRequests: string[] = []
const manifests = new Map<string, { type: string; body: Buffer }>()
const script: number[] = []
const slept: number[] = []
const user = { username: 'octocat', password: 'ghs_fake_token' }

function authorised(req: IncomingMessage): boolean {
  return req.headers.authorization === 'Bearer token-for-repository:octo/app:pull,push' || req.headers.authorization === 'Bearer token-for-repository:octo/app:pull'
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', `http://${host}`)
      if (url.pathname === '/token') {
        tokenRequests.push(url.searchParams.get('scope') ?? '')
        const expected = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`
        if (req.headers.authorization !== expected) return void res.writeHead(401).end('{"errors":[{"code":"DENIED"}]}')
        res.writeHead(200, { 'content-type': 'application/json' })
        return void res.end(JSON.stringify({ token: `token-for-${url.searchParams.get('scope')}` }))
      }
      const status = script.shift()
      if (status) {
        res.writeHead(status, status === 429 ? { 'retry-after': '3' } : {})
        return void res.end()
      }
      if (!authorised(req)) {
        res.writeHead(401, { 'www-authenticate': `Bearer realm="http://${host}/token",service="fake-ghcr",scope="repository:octo/app:pull"` })
        return void res.end()
      }
      const match = /^\/v2\/(.+)\/manifests\/(.+)$/.exec(url.pathname)
      if (match && req.method === 'PUT') {
        const body = Buffer.concat(chunks)
        manifests.set(match[2], { type: String(req.headers['content-type']), body })
        manifests.set(sha256Digest(body), { type: String(req.headers['content-type']), body })
        res.writeHead(201, { 'docker-content-digest': sha256Digest(body) })
        return void res.end()
      }
      if (match && req.method === 'GET') {
        const found = manifests.get(match[2])
        if (!found) return void res.writeHead(404).end()
        res.writeHead(200, { 'content-type': found.type, 'docker-content-digest': sha256Digest(found.body) })
        return void res.end(found.body)
      }
      res.writeHead(404).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  host = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
})
afterAll(() => {
  server.closeAllConnections()
  return new Promise<void>((resolve) => server.close(() => resolve()))
})

function client(credential = user, attempts = 4): RegistryClient {
  return new RegistryClient(host, { credential, insecure: true, attempts, attemptTimeoutMs: 5000, logger: silentLogger, sleep: async (ms) => void slept.push(ms) })
}

describe('RegistryClient (faked GHCR-style registry over HTTP)', () => {
  const manifest = { mediaType: 'application/vnd.oci.image.manifest.v1+json', body: Buffer.from('{"schemaVersion":2,"layers":[]}') }

  test('answers the Bearer challenge with a token per scope, and reuses it', async () => {
    const registry = client()
    const digest = await registry.putManifest('octo/app', 'v1', manifest)
    expect(digest).toBe(sha256Digest(manifest.body))
    await registry.putManifest('octo/app', 'v2', manifest)
    const read = await registry.getManifest('octo/app', 'v1')
    expect(read).toEqual({ mediaType: manifest.mediaType, digest, body: manifest.body })
    expect(await registry.getManifest('octo/app', 'missing')).toBeUndefined()
    expect(tokenRequests).toEqual(['repository:octo/app:pull,push', 'repository:octo/app:pull'])
    await registry.close()
  })

  test('429 waits what Retry-After says, 503 backs off, then the call succeeds', async () => {
    slept.length = 0
    script.push(429, 503)
    const registry = client()
    expect((await registry.getManifest('octo/app', 'v1'))?.digest).toBe(sha256Digest(manifest.body))
    expect(slept[0]).toBe(3000)
    expect(slept).toHaveLength(2)
    await registry.close()
  })

  test('the attempts run out: the last status is the error', async () => {
    script.push(503, 503)
    const registry = client(user, 2)
    await expect(registry.getManifest('octo/app', 'v1')).rejects.toThrow(`GET ${host}/octo/app answered HTTP 503`)
    await registry.close()
  })

  test('wrong credentials: the token service refuses, with a hint and no retry', async () => {
    tokenRequests.length = 0
    const registry = client({ username: 'octocat', password: 'wrong' })
    await expect(registry.putManifest('octo/app', 'v3', manifest)).rejects.toThrow('the token service answered HTTP 401')
    expect(tokenRequests).toHaveLength(1)
    await registry.close()
  })
})
