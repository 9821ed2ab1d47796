import { InputError } from '../../../core/input-error.js'
import { parseBoolean, parseDuration, parseEnum, parseList, parseNumber, parseSingleLine, parseUrl } from '../../../core/parsers.js'
import type { Color } from '../types.js'
import { parseKnownHosts, type KnownHostEntry } from './known-hosts.js'

/**
 * The `host` provider's configuration (one server, the app behind nginx) and its pure validation.
 * blue-green-swap's parse-inputs calls `parseHostConfig` with the raw inputs below; every problem
 * is an InputError naming the input, raised before anything is touched.
 */

export const HOST_INPUT_NAMES = [
  'host',
  'ssh-user',
  'ssh-port',
  'ssh-key',
  'known-hosts',
  'allow-unknown-host-key',
  'runtime',
  'app-name',
  'blue-port',
  'green-port',
  'health-path',
  'start-timeout',
  'drain',
  'sudo',
  'nginx-switch',
  'nginx-upstream-file',
  'nginx-flag-dir',
  'nginx-conf',
  'nginx-prefix',
  'nginx-access-log',
  'nginx-pid-file',
  'state-file',
  'history-limit',
  'public-url',
  'container-port',
  'docker-env-file',
  'docker-volumes',
  'docker-health-cmd',
  'process-workdir'
] as const

export type HostInputName = (typeof HOST_INPUT_NAMES)[number]
/** Raw input strings by name; a missing input is '' (as @actions/core returns it). */
export type HostRawInputs = Partial<Record<HostInputName, string>>

export const NGINX_SWITCHES = ['reload', 'flag-files'] as const
export type NginxSwitch = (typeof NGINX_SWITCHES)[number]

export const HOST_RUNTIMES = ['docker', 'process'] as const
export type HostRuntime = (typeof HOST_RUNTIMES)[number]

export interface SshTarget {
  kind: 'ssh'
  host: string
  port: number
  user: string
  /** Secret: masked by the caller, never logged. */
  privateKey: string
  knownHosts: KnownHostEntry[]
  allowUnknownHostKey: boolean
}

export interface HostConfig {
  /** `local`: the runner is the server. */
  target: { kind: 'local' } | SshTarget
  runtime: HostRuntime
  appName: string
  ports: Record<Color, number>
  healthPath: string
  startTimeoutMs: number
  /** After a promotion, how long the previous color still finishes in-flight requests before it may stop. */
  drainMs: number
  /** Prefix nginx and docker commands with `sudo -n`. */
  sudo: boolean
  /** `reload`: rewrite the upstream include and reload; `flag-files`: no reload, a symlink rename (flag-mapping.ts). */
  nginx: { switch: NginxSwitch; upstreamFile?: string; flagDir?: string; conf?: string; prefix?: string; accessLog?: string; pidFile?: string }
  statePath: string
  historyLimit: number
  publicUrl: string
  docker: { containerPort: number; envFile?: string; volumes: string[]; healthCmd?: string }
  processWorkdir?: string
}

const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^\d{1,3}(?:\.\d{1,3}){3}$|^\[?[0-9A-Fa-f:]+\]?$/
const APP_NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/
// A path on the server: absolute or relative to the SSH user's home, no shell or control characters needing a second look.
const SERVER_PATH = /^[A-Za-z0-9_./@+-]+$/
const PRIVATE_KEY = /^-----BEGIN (?:OPENSSH |RSA |EC |DSA )?PRIVATE KEY-----\r?\n[\s\S]+\r?\n-----END (?:OPENSSH |RSA |EC |DSA )?PRIVATE KEY-----\s*$/
const ENCRYPTED_KEY = /Proc-Type: 4,ENCRYPTED|BEGIN ENCRYPTED PRIVATE KEY/

export function parseHostConfig(raw: HostRawInputs): HostConfig {
  const get = (name: HostInputName): string => raw[name] ?? ''
  const host = parseSingleLine('host', get('host'))
  if (host === '') throw new InputError('host', 'is empty', 'a hostname or IP address of the server, or "local" to run on the runner')
  if (host !== 'local' && !HOSTNAME.test(host))
    throw new InputError('host', `is "${host}", which is not a hostname or IP address`, 'a hostname such as app.example.com, an IP address, or "local"')
  const target = host === 'local' ? refuseSshInputs(get) : parseSshTarget(host, get)

  const runtime = parseEnum('runtime', get('runtime'), HOST_RUNTIMES)
  const appName = parseSingleLine('app-name', get('app-name')) || 'app'
  if (!APP_NAME.test(appName))
    throw new InputError(
      'app-name',
      `is "${appName}", which cannot name a container and a state folder`,
      'lowercase letters, digits, ".", "_" or "-" (up to 63), starting with a letter or digit'
    )
  const blue = parseNumber('blue-port', get('blue-port'), 8001, { integer: true, min: 1, max: 65535 })
  const green = parseNumber('green-port', get('green-port'), 8002, { integer: true, min: 1, max: 65535 })
  if (blue === green) throw new InputError('green-port', `is ${green}, the same as blue-port`, 'two different ports, one per color')

  const healthPath = parseSingleLine('health-path', get('health-path')) || '/health'
  if (!/^\/[A-Za-z0-9_./?=&%~-]*$/.test(healthPath)) throw new InputError('health-path', `is "${healthPath}", which is not a URL path`, 'a path starting with / such as /health')
  const nginxSwitch = parseEnum('nginx-switch', get('nginx-switch'), NGINX_SWITCHES, 'reload')
  const upstreamFile = serverPath('nginx-upstream-file', get('nginx-upstream-file'))
  const flagDir = serverPath('nginx-flag-dir', get('nginx-flag-dir'))
  if (nginxSwitch === 'reload' && !upstreamFile)
    throw new InputError('nginx-upstream-file', 'is empty', "the path of the file nginx includes inside the app's upstream { } block, e.g. /etc/nginx/conf.d/app.upstream")
  if (nginxSwitch === 'reload' && flagDir) throw new InputError('nginx-flag-dir', 'is set, but nginx-switch is reload, which ignores it', 'no nginx-flag-dir, or nginx-switch: flag-files')
  if (nginxSwitch === 'flag-files' && !flagDir)
    throw new InputError('nginx-flag-dir', 'is empty', 'the folder nginx checks for flag files (see the host provider README), with nginx-switch: flag-files')
  if (nginxSwitch === 'flag-files' && upstreamFile)
    throw new InputError('nginx-upstream-file', 'is set, but nginx-switch is flag-files, which never rewrites it', 'no nginx-upstream-file with nginx-switch: flag-files')

  const dockerInputs: HostInputName[] = ['container-port', 'docker-env-file', 'docker-volumes', 'docker-health-cmd']
  const processInputs: HostInputName[] = ['process-workdir']
  for (const name of runtime === 'docker' ? processInputs : dockerInputs) {
    if (get(name).trim() !== '') throw new InputError(name, `is set, but runtime is ${runtime}, which ignores it`, `no ${name} with runtime ${runtime}`)
  }

  const healthCmd = parseSingleLine('docker-health-cmd', get('docker-health-cmd'))
  return {
    target,
    runtime,
    appName,
    ports: { blue, green },
    healthPath,
    startTimeoutMs: parseDuration('start-timeout', get('start-timeout'), 60_000),
    drainMs: parseDuration('drain', get('drain'), 10_000),
    sudo: parseBoolean('sudo', get('sudo')),
    nginx: {
      switch: nginxSwitch,
      upstreamFile,
      flagDir,
      conf: serverPath('nginx-conf', get('nginx-conf')),
      prefix: serverPath('nginx-prefix', get('nginx-prefix')),
      accessLog: serverPath('nginx-access-log', get('nginx-access-log')),
      // Debian's default; a reload waits on it until the new workers serve (skipped when unreadable).
      pidFile: serverPath('nginx-pid-file', get('nginx-pid-file')) ?? '/run/nginx.pid'
    },
    statePath: serverPath('state-file', get('state-file')) ?? `.deploy-actions/${appName}/state.json`,
    historyLimit: parseNumber('history-limit', get('history-limit'), 20, { integer: true, min: 1, max: 1000 }),
    publicUrl: get('public-url').trim() === '' ? `http://${host === 'local' ? '127.0.0.1' : host}/` : parseUrl('public-url', get('public-url')).toString(),
    docker: {
      containerPort: parseNumber('container-port', get('container-port'), 8080, { integer: true, min: 1, max: 65535 }),
      envFile: serverPath('docker-env-file', get('docker-env-file')),
      volumes: parseList(get('docker-volumes')).map((volume, index) => dockerVolume(volume, index)),
      healthCmd: healthCmd === '' ? undefined : healthCmd
    },
    processWorkdir: serverPath('process-workdir', get('process-workdir'))
  }
}

function refuseSshInputs(get: (name: HostInputName) => string): { kind: 'local' } {
  for (const name of ['ssh-user', 'ssh-port', 'ssh-key', 'known-hosts', 'allow-unknown-host-key'] as const) {
    if (get(name).trim() !== '') throw new InputError(name, 'is set, but host is "local", which does not use SSH', `no ${name} with host: local`)
  }
  return { kind: 'local' }
}

function parseSshTarget(host: string, get: (name: HostInputName) => string): SshTarget {
  const user = parseSingleLine('ssh-user', get('ssh-user'))
  if (!/^[a-z_][a-z0-9_.-]{0,31}$/i.test(user)) throw new InputError('ssh-user', user === '' ? 'is empty' : `is "${user}", which is not a user name`, 'the user to log in as on the server')
  const privateKey = get('ssh-key').trim()
  if (privateKey === '') throw new InputError('ssh-key', 'is empty', 'a private key in OpenSSH or PEM form (from a secret)')
  // Never quote the key in an error: it is a secret.
  if (!PRIVATE_KEY.test(privateKey.replace(/\r\n/g, '\n')))
    throw new InputError('ssh-key', 'is not a private key (the value is not shown)', 'the whole key file, from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----')
  if (ENCRYPTED_KEY.test(privateKey)) throw new InputError('ssh-key', 'is encrypted with a passphrase', 'a key without a passphrase, kept in a secret')
  const allowUnknownHostKey = parseBoolean('allow-unknown-host-key', get('allow-unknown-host-key'))
  const { entries, badLines } = parseKnownHosts(get('known-hosts'))
  if (badLines.length > 0)
    throw new InputError('known-hosts', `has line ${badLines[0]} that is not a known_hosts entry`, 'lines of "host key-type base64-key" as ssh-keyscan prints them, or SHA256: fingerprints')
  if (entries.length === 0 && !allowUnknownHostKey) {
    throw new InputError(
      'known-hosts',
      'is empty, so the server cannot be told from an impostor',
      "the server's line from ssh-keyscan (or allow-unknown-host-key: true, which trusts any key)"
    )
  }
  return {
    kind: 'ssh',
    host: host.replace(/^\[(.*)\]$/, '$1'),
    port: parseNumber('ssh-port', get('ssh-port'), 22, { integer: true, min: 1, max: 65535 }),
    user,
    privateKey,
    knownHosts: entries,
    allowUnknownHostKey
  }
}

function serverPath(name: HostInputName, raw: string): string | undefined {
  const value = parseSingleLine(name, raw)
  if (value === '') return undefined
  if (!SERVER_PATH.test(value) || value.split('/').includes('..'))
    throw new InputError(name, `is "${value}", which is not a plain path`, 'a path of letters, digits and ./_-@+ without ".." (absolute, or relative to the SSH user\'s home)')
  return value
}

function dockerVolume(volume: string, index: number): string {
  // source:target[:ro|rw]; the source is a host path or a named volume.
  if (!/^[A-Za-z0-9_./@+-]+:\/[A-Za-z0-9_./@+-]*(?::(?:ro|rw))?$/.test(volume)) {
    throw new InputError('docker-volumes', `entry ${index + 1} ("${volume}") is not source:target[:ro]`, 'one volume per line, such as /srv/app/data:/data or appdata:/data:ro')
  }
  return volume
}
