import type { Color, Release } from '../types.js'
import type { HostConfig } from './config.js'
import type { ProbeState } from './runtime.js'
import { commandLine, ENV_NAME } from './shell.js'

/**
 * Command lines of the `docker` runtime (pure, table-tested; no Docker engine runs in tests).
 * Each color is one container `<app>-<color>`, published on loopback at the color's port.
 */
export type DockerConfig = Pick<HostConfig, 'appName' | 'ports' | 'sudo' | 'docker' | 'drainMs'>

export function containerName(config: Pick<HostConfig, 'appName'>, color: Color): string {
  return `${config.appName}-${color}`
}

function docker(config: Pick<HostConfig, 'sudo'>, words: string[]): string {
  return commandLine([...(config.sudo ? ['sudo', '-n'] : []), 'docker', ...words])
}

/** The release's environment in docker's env-file form; docker cannot carry a line break in a value. */
export function dockerEnvFile(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([key, value]) => {
      if (!ENV_NAME.test(key)) throw new Error(`environment variable name "${key}" cannot go in a docker env file`)
      if (/[\r\n]/.test(value)) throw new Error(`environment variable ${key} has a line break, which a docker env file cannot carry`)
      return `${key}=${value}\n`
    })
    .join('')
}

export function runCommand(config: DockerConfig, color: Color, release: Release, releaseEnvFile: string | undefined): string {
  const words = ['run', '--detach', '--name', containerName(config, color), '--restart', 'unless-stopped']
  words.push('--publish', `127.0.0.1:${config.ports[color]}:${config.docker.containerPort}`)
  words.push('--env', `PORT=${config.docker.containerPort}`, '--env', `COLOR=${color}`, '--env', `APP_VERSION=${release.version}`)
  if (config.docker.envFile) words.push('--env-file', config.docker.envFile)
  if (releaseEnvFile) words.push('--env-file', releaseEnvFile)
  for (const volume of config.docker.volumes) words.push('--volume', volume)
  words.push('--label', `deploy-actions.app=${config.appName}`, '--label', `deploy-actions.color=${color}`, '--label', `deploy-actions.version=${release.version}`)
  if (config.docker.healthCmd) {
    words.push('--health-cmd', config.docker.healthCmd, '--health-interval', '2s', '--health-timeout', '2s', '--health-retries', '3', '--health-start-period', '5s')
  }
  words.push(release.image ?? '')
  return docker(config, words)
}

/** Removes the color's container if there is one (a failed earlier attempt, or the version before last). */
export function removeCommand(config: DockerConfig, color: Color): string {
  return `${docker(config, ['rm', '--force', containerName(config, color)])} > /dev/null 2>&1; true`
}

export function inspectCommand(config: DockerConfig, color: Color): string {
  return docker(config, ['inspect', '--format', '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}', containerName(config, color)])
}

/** docker inspect's `<status> <health>` → what the provider waits on. */
export function parseInspect(output: string, exitCode: number): { state: ProbeState; detail?: string } {
  if (exitCode !== 0) return { state: 'exited', detail: 'no such container' }
  const [status, health] = output.trim().split(/\s+/)
  if (status !== 'running') return { state: 'exited', detail: `container ${status ?? 'gone'}` }
  if (health === 'starting') return { state: 'starting' }
  if (health === 'unhealthy') return { state: 'unhealthy', detail: 'docker health check failing' }
  return { state: 'running' }
}

/** Stops (keeps) the container, giving it the drain time to finish requests; kept so a later rollback can start it again. */
export function stopContainerCommand(config: DockerConfig, color: Color): string {
  return `${docker(config, ['stop', '--time', String(Math.max(1, Math.ceil(config.drainMs / 1000))), containerName(config, color)])} > /dev/null 2>&1; true`
}

export function startContainerCommand(config: DockerConfig, color: Color): string {
  return docker(config, ['start', containerName(config, color)])
}

export function logsCommand(config: DockerConfig, color: Color): string {
  return `${docker(config, ['logs', '--tail', '20', containerName(config, color)])} 2>&1; true`
}
