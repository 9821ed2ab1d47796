import { describe, expect, it } from '@jest/globals'
import { parseHostConfig, type HostRawInputs } from '../../../packages/providers/traffic/host/config.js'

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n'
const KNOWN = '[app.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJkufvVhjR34xYSi/jbSDg6gPWkG7LyzsHvSeoWLSGoP'
const ssh: HostRawInputs = {
  host: 'app.example.com',
  'ssh-user': 'deploy',
  'ssh-port': '2222',
  'ssh-key': KEY,
  'known-hosts': KNOWN,
  runtime: 'docker',
  'nginx-upstream-file': '/etc/nginx/conf.d/shop.upstream'
}
const local: HostRawInputs = { host: 'local', runtime: 'process', 'nginx-upstream-file': '/etc/nginx/conf.d/shop.upstream' }

describe('parseHostConfig', () => {
  it('reads an SSH target with defaults', () => {
    const config = parseHostConfig(ssh)
    expect(config).toMatchObject({
      target: { kind: 'ssh', host: 'app.example.com', port: 2222, user: 'deploy', allowUnknownHostKey: false },
      runtime: 'docker',
      appName: 'app',
      ports: { blue: 8001, green: 8002 },
      healthPath: '/health',
      startTimeoutMs: 60_000,
      drainMs: 10_000,
      sudo: false,
      nginx: { upstreamFile: '/etc/nginx/conf.d/shop.upstream', pidFile: '/run/nginx.pid' },
      statePath: '.deploy-actions/app/state.json',
      historyLimit: 20,
      publicUrl: 'http://app.example.com/',
      docker: { containerPort: 8080, volumes: [] }
    })
    expect(config.target.kind === 'ssh' && config.target.knownHosts[0].fingerprint).toBe('SHA256:eZjUJ43lXlJzQH2LTrU+L4grm3mO/zgTBoCx0R+hGjo')
  })

  it('reads a local target with every option', () => {
    const config = parseHostConfig({
      ...local,
      'app-name': 'shop',
      'blue-port': '9001',
      'green-port': '9002',
      'health-path': '/healthz?deep=1',
      'start-timeout': '2m',
      drain: '30s',
      sudo: 'true',
      'nginx-conf': '/srv/nginx/nginx.conf',
      'nginx-prefix': '/srv/nginx/',
      'nginx-access-log': '/var/log/nginx/shop.log',
      'nginx-pid-file': '/srv/nginx/nginx.pid',
      'state-file': '/var/lib/shop/state.json',
      'history-limit': '5',
      'public-url': 'https://shop.example.com',
      'process-workdir': '/srv/shop'
    })
    expect(config).toMatchObject({
      target: { kind: 'local' },
      appName: 'shop',
      ports: { blue: 9001, green: 9002 },
      healthPath: '/healthz?deep=1',
      startTimeoutMs: 120_000,
      drainMs: 30_000,
      sudo: true,
      nginx: { conf: '/srv/nginx/nginx.conf', prefix: '/srv/nginx/', accessLog: '/var/log/nginx/shop.log', pidFile: '/srv/nginx/nginx.pid' },
      statePath: '/var/lib/shop/state.json',
      historyLimit: 5,
      publicUrl: 'https://shop.example.com/',
      processWorkdir: '/srv/shop'
    })
  })

  it('reads docker options', () => {
    const config = parseHostConfig({
      ...ssh,
      'container-port': '3000',
      'docker-env-file': '/srv/shop/prod.env',
      'docker-volumes': '/srv/shop/data:/data\nuploads:/app/uploads:ro',
      'docker-health-cmd': 'curl -f http://localhost:3000/health'
    })
    expect(config.docker).toEqual({
      containerPort: 3000,
      envFile: '/srv/shop/prod.env',
      volumes: ['/srv/shop/data:/data', 'uploads:/app/uploads:ro'],
      healthCmd: 'curl -f http://localhost:3000/health'
    })
  })

  it('reads flag-file switching', () => {
    const config = parseHostConfig({ ...local, 'nginx-upstream-file': '', 'nginx-switch': 'flag-files', 'nginx-flag-dir': '/srv/shop/flags' })
    expect(config.nginx).toMatchObject({ switch: 'flag-files', flagDir: '/srv/shop/flags', upstreamFile: undefined })
    expect(parseHostConfig(local).nginx.switch).toBe('reload')
  })

  it('trusts any host key only when told to', () => {
    const config = parseHostConfig({ ...ssh, 'known-hosts': '', 'allow-unknown-host-key': 'true' })
    expect(config.target).toMatchObject({ kind: 'ssh', allowUnknownHostKey: true, knownHosts: [] })
  })

  it.each<[string, HostRawInputs, RegExp]>([
    ['no host', { ...local, host: '' }, /^Input "host" is empty; expected a hostname or IP address of the server, or "local"/],
    ['a host with a space', { ...ssh, host: 'app example' }, /^Input "host" is "app example", which is not a hostname/],
    ['a host with a control character', { ...ssh, host: 'app\u0007.example.com' }, /^Input "host" has a control character \(U\+0007 at position 4\)/],
    ['an unknown runtime', { ...local, runtime: 'podman' }, /^Input "runtime" is "podman", which is not allowed; expected one of docker, process/],
    ['no runtime', { ...local, runtime: '' }, /^Input "runtime" is empty/],
    ['same ports', { ...local, 'blue-port': '8080', 'green-port': '8080' }, /^Input "green-port" is 8080, the same as blue-port/],
    ['a port out of range', { ...local, 'blue-port': '70000' }, /^Input "blue-port" is 70000, which is out of range/],
    ['an app name with capitals', { ...local, 'app-name': 'Shop' }, /^Input "app-name" is "Shop", which cannot name a container/],
    ['a health path without /', { ...local, 'health-path': 'health' }, /^Input "health-path" is "health", which is not a URL path/],
    ['no upstream file', { ...local, 'nginx-upstream-file': '' }, /^Input "nginx-upstream-file" is empty/],
    ['an upstream file with ..', { ...local, 'nginx-upstream-file': '/etc/nginx/../passwd' }, /^Input "nginx-upstream-file" is "\/etc\/nginx\/..\/passwd", which is not a plain path/],
    ['a state file with a shell character', { ...local, 'state-file': '/tmp/$(reboot)' }, /^Input "state-file" .* which is not a plain path/],
    ['a bad duration', { ...local, drain: 'soon' }, /^Input "drain" is "soon", which is not a duration/],
    ['ssh inputs with host local', { ...local, 'ssh-user': 'deploy' }, /^Input "ssh-user" is set, but host is "local", which does not use SSH/],
    ['docker inputs with runtime process', { ...local, 'docker-volumes': 'a:/b' }, /^Input "docker-volumes" is set, but runtime is process, which ignores it/],
    ['process inputs with runtime docker', { ...ssh, 'process-workdir': '/srv' }, /^Input "process-workdir" is set, but runtime is docker, which ignores it/],
    ['a bad volume', { ...ssh, 'docker-volumes': '/data' }, /^Input "docker-volumes" entry 1 \("\/data"\) is not source:target\[:ro\]/],
    ['no SSH user', { ...ssh, 'ssh-user': '' }, /^Input "ssh-user" is empty/],
    ['no SSH key', { ...ssh, 'ssh-key': '' }, /^Input "ssh-key" is empty; expected a private key/],
    ['a public key as the SSH key', { ...ssh, 'ssh-key': 'ssh-ed25519 AAAAC3Nz secret-looking' }, /^Input "ssh-key" is not a private key \(the value is not shown\)/],
    [
      'an encrypted key',
      { ...ssh, 'ssh-key': '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAAA\n-----END RSA PRIVATE KEY-----' },
      /^Input "ssh-key" is encrypted with a passphrase/
    ],
    ['no known hosts', { ...ssh, 'known-hosts': '' }, /^Input "known-hosts" is empty, so the server cannot be told from an impostor/],
    ['a bad known-hosts line', { ...ssh, 'known-hosts': `${KNOWN}\nnot a key` }, /^Input "known-hosts" has line 2 that is not a known_hosts entry/],
    ['flag files without a folder', { ...local, 'nginx-upstream-file': '', 'nginx-switch': 'flag-files' }, /^Input "nginx-flag-dir" is empty/],
    ['flag files with an upstream file', { ...local, 'nginx-switch': 'flag-files', 'nginx-flag-dir': '/srv/flags' }, /^Input "nginx-upstream-file" is set, but nginx-switch is flag-files/],
    ['a flag folder with reload', { ...local, 'nginx-flag-dir': '/srv/flags' }, /^Input "nginx-flag-dir" is set, but nginx-switch is reload/],
    ['an unknown switch', { ...local, 'nginx-switch': 'api' }, /^Input "nginx-switch" is "api", which is not allowed; expected one of reload, flag-files/],
    ['a bad public URL', { ...local, 'public-url': 'ftp://x' }, /^Input "public-url" uses the ftp scheme/]
  ])('refuses %s', (_name, raw, error) => {
    expect(() => parseHostConfig(raw)).toThrow(error)
  })

  it('never repeats the key in an error', () => {
    const secret = 'PRIVATE-MATERIAL-123'
    expect(() => parseHostConfig({ ...ssh, 'ssh-key': secret })).toThrow(expect.objectContaining({ message: expect.not.stringContaining(secret) }))
  })
})
