import { join } from 'node:path'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { silentLogger, type Logger } from '../../packages/core/log.js'
import { parseHostConfig, type HostConfig, type HostRawInputs } from '../../packages/providers/traffic/host/config.js'
import { HostTrafficProvider } from '../../packages/providers/traffic/host/host-provider.js'
import { createHostProvider } from '../../packages/providers/traffic/host/provider.js'
import { LocalTransport } from '../../packages/providers/traffic/host/local-transport.js'
import { processPaths, stopCommand } from '../../packages/providers/traffic/host/process-mapping.js'
import { cancelStopCommand } from '../../packages/providers/traffic/host/stop-schedule.js'
import type { Color, Release } from '../../packages/providers/traffic/types.js'
import { freePort } from './services/free-port.js'
import { startNginx, type Nginx, type NginxOptions } from './services/nginx.js'

/**
 * One "server" on loopback for the host provider: a real nginx in front of two color ports, a run
 * folder for the state file and the process runtime, and the versioned sample app as the release.
 */
export interface HostTarget {
  nginx: Nginx
  dir: string
  ports: Record<Color, number>
  url: string
  /** Raw inputs as blue-green-swap passes them (host: local, runtime: process). */
  inputs: HostRawInputs
  config(extra?: HostRawInputs): HostConfig
  provider(extra?: HostRawInputs, logger?: Logger): Promise<HostTrafficProvider>
  /** Stops both colors and nginx, removes the folder. */
  stop(): Promise<void>
}

// From the repository root (jest and the bench both run there); not paths.js, which the bench cannot bundle.
export const versionedApp = join(process.cwd(), 'test', 'fixtures', 'versioned-app', 'server.mjs')

export function appRelease(version: string, env: Record<string, string> = {}): Release {
  return { version, command: `exec ${process.execPath} ${versionedApp}`, env }
}

export async function startHostTarget(options: { nginx?: NginxOptions; switch?: 'reload' | 'flag-files' } = {}): Promise<HostTarget> {
  const ports = { blue: await freePort(), green: await freePort() }
  const dir = mkdtempSync(join(tmpdir(), 'host-target-'))
  // nginx's workers run as nobody: they must be able to look into the flag folder.
  chmodSync(dir, 0o755)
  const flagDir = join(dir, 'flags')
  const flagged = options.switch === 'flag-files'
  const nginx = await startNginx(`127.0.0.1:${ports.blue}`, { ...options.nginx, ...(flagged ? { flag: { dir: flagDir, ports } } : {}) })
  const inputs: HostRawInputs = {
    host: 'local',
    runtime: 'process',
    'app-name': 'shop',
    'blue-port': String(ports.blue),
    'green-port': String(ports.green),
    ...(flagged ? { 'nginx-switch': 'flag-files', 'nginx-flag-dir': flagDir } : { 'nginx-upstream-file': nginx.upstreamFile }),
    'nginx-conf': nginx.conf,
    'nginx-prefix': nginx.prefix,
    'nginx-access-log': nginx.accessLogFile,
    'nginx-pid-file': join(nginx.prefix, 'nginx.pid'),
    'state-file': join(dir, 'state.json'),
    'start-timeout': '15s',
    drain: '1s'
  }
  const config = (extra: HostRawInputs = {}): HostConfig => parseHostConfig({ ...inputs, ...extra })
  return {
    nginx,
    dir,
    ports,
    url: `http://127.0.0.1:${nginx.port}/`,
    inputs,
    config,
    provider: async (extra = {}, logger = silentLogger) => createHostProvider(config(extra), { logger, sleep: undefined }),
    async stop() {
      const local = new LocalTransport()
      for (const color of ['blue', 'green'] as const) {
        await local.exec(cancelStopCommand(join(dir, `${color}.stop.pid`)))
        await local.exec(stopCommand(processPaths(dir, color), 2))
      }
      await nginx.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** The whole happy path in one go: start on the idle color, all traffic to it, promote, record. */
export async function deployAll(provider: HostTrafficProvider, release: Release, signal: AbortSignal, steps: number[] = [100]): Promise<Color> {
  const target = await provider.prepare(release, signal)
  for (const step of steps) await provider.shift(target.color, step, signal)
  await provider.promote(target.color, release.version, 0, signal)
  await provider.record({ version: release.version, color: target.color, at: new Date().toISOString(), outcome: 'promoted' }, signal)
  return target.color
}
