import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { LocalTransport } from '../../../packages/providers/traffic/host/local-transport.js'
import { StateStore } from '../../../packages/providers/traffic/host/state-store.js'
import { parseState } from '../../../packages/providers/traffic/host/state-mapping.js'
import type { HostTrafficProvider } from '../../../packages/providers/traffic/host/host-provider.js'
import { appRelease, deployAll, startHostTarget, type HostTarget } from '../../support/host-target.js'
import { httpGet } from './helpers.js'

// The nginx router, the deploy lock and the state file of the host provider, against real nginx
// and the real filesystem (host: local).
describe('host provider: router safety, lock and state (real nginx)', () => {
  let target: HostTarget
  let provider: HostTrafficProvider
  const signal = new AbortController().signal
  const nginxTest = (): void => {
    execFileSync('nginx', ['-p', target.nginx.prefix, '-c', target.nginx.conf, '-t', '-q'], { stdio: 'pipe' })
  }

  beforeEach(async () => {
    // A map that includes the upstream file too: it takes a one-server file but refuses weights
    // (three words in a map entry), a real `nginx -t` failure for the new file only.
    target = await startHostTarget({ nginx: { upstreamKeepalive: 8 } })
    provider = await target.provider()
    await deployAll(provider, appRelease('v1'), signal)
  })

  afterEach(async () => {
    await provider.close()
    await target.stop()
  })

  it('puts the last good upstream file back when nginx -t fails, and nginx keeps serving', async () => {
    const conf = readFileSync(target.nginx.conf, 'utf8')
    writeFileSync(target.nginx.conf, conf.replace('  upstream app {', `  map $host $da_probe { include ${target.nginx.upstreamFile}; }\n  upstream app {`))
    nginxTest()
    const good = readFileSync(target.nginx.upstreamFile, 'utf8')
    const prepared = await provider.prepare(appRelease('v2'), signal)
    await expect(provider.shift(prepared.color, 10, signal)).rejects.toThrow(
      /^nginx -t with the new upstream file .* \(the last good file is back in place\) failed \(exit 10\): .*invalid number of the map parameters/
    )
    expect(readFileSync(target.nginx.upstreamFile, 'utf8')).toBe(good)
    nginxTest()
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
    expect((await provider.status(signal)).weights).toEqual({ blue: 0, green: 100 })
    // A single-server file passes that same configuration: the all-at-once switch still works.
    await provider.shift(prepared.color, 100, signal)
    expect((await httpGet(target.url)).headers['x-app-version']).toBe('v2')
  })

  it('puts the last good file back when nginx refuses the reload (a listen port taken), and says so', async () => {
    const busy = createServer().listen(0, '127.0.0.1')
    await new Promise((resolve) => busy.once('listening', resolve))
    try {
      const port = (busy.address() as AddressInfo).port
      // nginx -t does not bind, so it passes; the master fails to bind on reload and keeps its old workers.
      writeFileSync(target.nginx.conf, readFileSync(target.nginx.conf, 'utf8').replace(/listen 127\.0\.0\.1:(\d+);/, `listen 127.0.0.1:$1;\n    listen 127.0.0.1:${port};`))
      nginxTest()
      const good = readFileSync(target.nginx.upstreamFile, 'utf8')
      const prepared = await provider.prepare(appRelease('v2'), signal)
      await expect(provider.shift(prepared.color, 50, signal)).rejects.toThrow(
        /^nginx reload \(the last good upstream file is back in place; nginx keeps serving its previous configuration\) failed \(exit 11\): nginx kept its old workers for 5 s after the reload signal/
      )
      expect(readFileSync(target.nginx.upstreamFile, 'utf8')).toBe(good)
      expect(readdirSync(target.nginx.prefix).filter((f) => f.includes('.new.'))).toEqual([])
      expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
      expect((await provider.status(signal)).weights).toEqual({ blue: 0, green: 100 })
    } finally {
      busy.close()
    }
  })

  it('serialises two deploys: the second waits, then fails naming the holder; it gets the lock once released', async () => {
    const first = await provider.lock('octo/shop run 1', 1000, signal)
    const other = await target.provider()
    try {
      await expect(other.lock('octo/shop run 2', 1500, signal)).rejects.toThrow(
        /^Another deploy holds the lock on local \(.*state\.json\.lock\): "octo\/shop run 1" since \d{4}-.*; gave up after [12] s \(lock-timeout\)\. If no deploy is running, remove .*state\.json\.lock on the server\.$/
      )
      const waiting = other.lock('octo/shop run 2', 20_000, signal)
      await new Promise((resolve) => setTimeout(resolve, 1200))
      await first.release()
      const second = await waiting
      // Releasing twice, or releasing a lock someone else now holds, changes nothing.
      await first.release()
      await expect(provider.lock('octo/shop run 3', 500, signal)).rejects.toThrow(/"octo\/shop run 2"/)
      await second.release()
      await (await provider.lock('octo/shop run 3', 500, signal)).release()
    } finally {
      await other.close()
    }
  })

  it('writes the state file atomically: concurrent readers always see a whole document', async () => {
    const path = join(target.dir, 'state.json')
    const store = new StateStore(new LocalTransport(), path)
    let reads = 0
    let writing = true
    const reader = (async () => {
      while (writing) {
        const text = readFileSync(path, 'utf8')
        expect(() => parseState(text, '', path)).not.toThrow()
        reads++
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    for (let i = 0; i < 60; i++)
      await store.update((s) => ({ ...s, history: [{ version: `v${i}`.repeat(200), color: 'blue' as const, at: '', outcome: 'promoted' as const }, ...s.history].slice(0, 20) }))
    writing = false
    await reader
    expect(reads).toBeGreaterThan(10)
    expect(readdirSync(target.dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('reads the access log of a window with the color of each request', async () => {
    const since = Date.now()
    for (let i = 0; i < 5; i++) await httpGet(target.url)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const entries = await provider.readAccessLog!(since - 1, signal)
    expect(entries.length).toBe(5)
    expect(entries.every((e) => e.color === 'green' && e.status === 200 && e.time >= since - 1)).toBe(true)
  })
})
