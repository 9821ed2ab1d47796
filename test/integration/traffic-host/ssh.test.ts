import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { silentLogger } from '../../../packages/core/log.js'
import { createHostProvider } from '../../../packages/providers/traffic/host/provider.js'
import { SshTransport } from '../../../packages/providers/traffic/host/ssh-transport.js'
import { parseHostConfig, type SshTarget } from '../../../packages/providers/traffic/host/config.js'
import { appRelease, deployAll, startHostTarget, type HostTarget } from '../../support/host-target.js'
import { startLoad } from '../../support/load.js'
import { freePort } from '../../support/services/free-port.js'
import { startSshd, type Sshd } from '../../support/services/sshd.js'
import { httpGet } from './helpers.js'

// The host provider over SSH: real sshd (Debian openssh-server) on loopback, the ssh2 client,
// the same real nginx and process runtime reached through the SSH session.
describe('host provider over SSH (real sshd + ssh2, real nginx)', () => {
  let sshd: Sshd
  let target: HostTarget
  const signal = new AbortController().signal

  beforeAll(async () => {
    sshd = await startSshd()
    target = await startHostTarget()
  })

  afterAll(async () => {
    await target.stop()
    await sshd.stop()
  })

  const sshInputs = (extra: Record<string, string> = {}) => ({
    ...target.inputs,
    host: '127.0.0.1',
    'ssh-user': sshd.user,
    'ssh-port': String(sshd.port),
    'ssh-key': sshd.privateKey,
    'known-hosts': sshd.knownHostsLine,
    ...extra
  })
  const sshTarget = (extra: Record<string, string> = {}): SshTarget => parseHostConfig(sshInputs(extra)).target as SshTarget

  it('refuses a host key that is not pinned, and a changed one', async () => {
    const other = execFileSync('sh', ['-c', 'd=$(mktemp -d) && ssh-keygen -q -t ed25519 -N "" -f $d/k && cat $d/k.pub && rm -rf $d']).toString().trim().split(' ').slice(0, 2).join(' ')
    const fingerprint = sshd.hostKeyFingerprint.replace(/[+/]/g, '\\$&')
    await expect(SshTransport.connect(sshTarget({ 'known-hosts': `other.example.com ${other}` }), { logger: silentLogger, attempts: 1 })).rejects.toThrow(
      new RegExp(`^Input "known-hosts" has no key for 127\\.0\\.0\\.1:${sshd.port}, which presented ${fingerprint}: the host key of an unknown server is refused; expected`)
    )
    await expect(SshTransport.connect(sshTarget({ 'known-hosts': `[127.0.0.1]:${sshd.port} ${other}` }), { logger: silentLogger, attempts: 1 })).rejects.toThrow(
      /^Input "known-hosts" does not match the key .* presented \(SHA256:.*\): the server changed its key or someone is in between; refusing to connect/
    )
  })

  it('connects with the pinned key, or an unknown one only when allowed (with a warning)', async () => {
    const pinned = await SshTransport.connect(sshTarget(), { logger: silentLogger, attempts: 1 })
    expect((await pinned.exec('echo "$((6*7))"')).stdout).toBe('42\n')
    await pinned.close()
    const warnings: string[] = []
    const logger = { ...silentLogger, warning: (message: string) => warnings.push(message) }
    const trusting = await SshTransport.connect(sshTarget({ 'known-hosts': '', 'allow-unknown-host-key': 'true' }), { logger, attempts: 1 })
    await trusting.close()
    expect(warnings).toEqual([expect.stringContaining(`Trusting the unknown host key ${sshd.hostKeyFingerprint}`)])
  })

  it('reads and writes files atomically, with stdin kept off the command line', async () => {
    const transport = await SshTransport.connect(sshTarget(), { logger: silentLogger, attempts: 1 })
    try {
      const path = `${target.dir}/sub dir/it's.txt`
      expect(await transport.readFile(path)).toBeUndefined()
      await transport.writeFileAtomic(path, 'secret=1\n', { secret: true })
      expect(await transport.readFile(path)).toBe('secret=1\n')
      expect((await transport.exec(`stat -c %a "${target.dir}/sub dir/it's.txt"`)).stdout.trim()).toBe('600')
      expect((await transport.exec(`ls -a "${target.dir}/sub dir"`)).stdout.split('\n').filter((f) => f.endsWith('.tmp'))).toEqual([])
    } finally {
      await transport.close()
    }
  })

  it('connects again when the connection dropped between commands', async () => {
    const infos: string[] = []
    const transport = await SshTransport.connect(sshTarget(), { logger: { ...silentLogger, info: (m: string) => infos.push(m) }, attempts: 1 })
    try {
      expect((await transport.exec('echo one')).stdout).toBe('one\n')
      const dropped = new Promise<void>((resolve) => transport['client'].once('close', () => resolve()))
      transport['client'].end()
      await dropped
      expect((await transport.exec('echo two')).stdout).toBe('two\n')
      expect(infos).toEqual([expect.stringMatching(/^SSH connection to .* dropped; connecting again$/)])
    } finally {
      await transport.close()
    }
  })

  it('refuses a key the server does not accept without retrying', async () => {
    const wrongKey = execFileSync('sh', ['-c', 'd=$(mktemp -d) && ssh-keygen -q -t ed25519 -N "" -f $d/k && cat $d/k && rm -rf $d']).toString()
    await expect(SshTransport.connect(sshTarget({ 'ssh-key': wrongKey }), { logger: silentLogger })).rejects.toThrow(
      new RegExp(`^Input "ssh-key" was refused by ${sshd.user}@127\\.0\\.0\\.1:${sshd.port}`)
    )
  })

  it('names the input when the key cannot be parsed or the host cannot be reached', async () => {
    const garbled = '-----BEGIN OPENSSH PRIVATE KEY-----\nbm90IGEga2V5\n-----END OPENSSH PRIVATE KEY-----\n'
    await expect(SshTransport.connect(sshTarget({ 'ssh-key': garbled }), { logger: silentLogger })).rejects.toThrow(/^Input "ssh-key" cannot be used \(.*\); expected an unencrypted/)
    const closed = await freePort()
    await expect(SshTransport.connect(sshTarget({ 'ssh-port': String(closed) }), { logger: silentLogger, attempts: 1 })).rejects.toThrow(
      new RegExp(`^Input "host" cannot be reached over SSH as ${sshd.user}@127\\.0\\.0\\.1:${closed} \\(connect ECONNREFUSED`)
    )
  })

  it('deploys, shifts, promotes and rolls back over SSH under load with zero failed requests', async () => {
    const provider = await createHostProvider(parseHostConfig(sshInputs()), { logger: silentLogger })
    try {
      await deployAll(provider, appRelease('v1'), signal)
      const load = startLoad({ url: target.url, rps: 100 })
      const prepared = await provider.prepare(appRelease('v2'), signal)
      // Green's own address from the runner goes through the SSH connection.
      expect(prepared.directUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(prepared.directUrl).not.toBe(`http://127.0.0.1:${target.ports[prepared.color]}`)
      expect((await httpGet(`${prepared.directUrl}/health`)).body).toContain('"version":"v2"')
      await provider.shift(prepared.color, 25, signal)
      await provider.shift(prepared.color, 100, signal)
      await provider.promote(prepared.color, 'v2', 60_000, signal)
      await new Promise((resolve) => setTimeout(resolve, 300))
      await provider.rollback(prepared.color === 'blue' ? 'green' : 'blue', 'over ssh', signal)
      await new Promise((resolve) => setTimeout(resolve, 300))
      const report = await load.stop()
      expect(report.failures).toBe(0)
      expect(report.versions.v2).toBeGreaterThan(0)
      expect((await httpGet(target.url)).headers['x-app-version']).toBe('v1')
      const status = await provider.status(signal)
      expect(status).toMatchObject({
        activeVersion: 'v1',
        history: [
          { version: 'v2', outcome: 'rolled-back', reason: 'over ssh' },
          { version: 'v1', outcome: 'promoted' }
        ]
      })
    } finally {
      await provider.close()
    }
  })
})
