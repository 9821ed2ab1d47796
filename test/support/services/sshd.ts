import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, portOpen } from './free-port.js'
import { startService } from './process.js'

/** openssh-server on loopback with a fresh host key and a client key pair for the current user. */
export interface Sshd {
  port: number
  user: string
  privateKey: string
  hostKeyFingerprint: string
  /** The line `ssh-keyscan -p PORT 127.0.0.1` would print: what a known-hosts input pins. */
  knownHostsLine: string
  stop(): Promise<void>
}

/** `extraConfig`: more sshd_config lines, such as `SetEnv PATH=…` for the sessions. */
export async function startSshd(user = process.env.USER ?? 'root', extraConfig: string[] = []): Promise<Sshd> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'sshd-'))
  const hostKey = join(dir, 'host_ed25519')
  const clientKey = join(dir, 'client_ed25519')
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey])
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', clientKey])
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${clientKey}.pub`))
  const config = join(dir, 'sshd_config')
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'PermitRootLogin prohibit-password',
      ...extraConfig,
      ''
    ].join('\n')
  )
  mkdirSync('/run/sshd', { recursive: true })
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`])
    .toString()
    .split(' ')[1]
  const service = await startService({ name: 'sshd', command: '/usr/sbin/sshd', args: ['-D', '-e', '-f', config], ready: () => portOpen(port) })
  return {
    port,
    user,
    privateKey: readFileSync(clientKey, 'utf8'),
    hostKeyFingerprint: fingerprint,
    knownHostsLine: `[127.0.0.1]:${port} ${readFileSync(`${hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ')}`,
    async stop() {
      await service.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
