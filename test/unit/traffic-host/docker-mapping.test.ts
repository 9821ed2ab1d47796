import { describe, expect, it } from '@jest/globals'
import {
  containerName,
  dockerEnvFile,
  inspectCommand,
  logsCommand,
  parseInspect,
  removeCommand,
  runCommand,
  startContainerCommand,
  stopContainerCommand,
  type DockerConfig
} from '../../../packages/providers/traffic/host/docker-mapping.js'

const base: DockerConfig = { appName: 'shop', ports: { blue: 8001, green: 8002 }, sudo: false, drainMs: 10_000, docker: { containerPort: 8080, volumes: [] } }
const release = { version: 'v2.1.0', image: 'registry.example.com/shop:v2.1.0' }

describe('docker runtime command lines', () => {
  it.each<[string, DockerConfig, string | undefined, string]>([
    [
      'the minimum',
      base,
      undefined,
      'docker run --detach --name shop-green --restart unless-stopped --publish 127.0.0.1:8002:8080 --env PORT=8080 --env COLOR=green --env APP_VERSION=v2.1.0 --label deploy-actions.app=shop --label deploy-actions.color=green --label deploy-actions.version=v2.1.0 registry.example.com/shop:v2.1.0'
    ],
    [
      'env files, volumes and a health check, with sudo',
      {
        ...base,
        sudo: true,
        docker: {
          containerPort: 3000,
          envFile: '/srv/shop/prod.env',
          volumes: ['/srv/shop/data:/data', 'uploads:/app/uploads:ro'],
          healthCmd: 'curl -f http://localhost:3000/health || exit 1'
        }
      },
      '.deploy-actions/shop/green.env',
      "sudo -n docker run --detach --name shop-green --restart unless-stopped --publish 127.0.0.1:8002:3000 --env PORT=3000 --env COLOR=green --env APP_VERSION=v2.1.0 --env-file /srv/shop/prod.env --env-file .deploy-actions/shop/green.env --volume /srv/shop/data:/data --volume uploads:/app/uploads:ro --label deploy-actions.app=shop --label deploy-actions.color=green --label deploy-actions.version=v2.1.0 --health-cmd 'curl -f http://localhost:3000/health || exit 1' --health-interval 2s --health-timeout 2s --health-retries 3 --health-start-period 5s registry.example.com/shop:v2.1.0"
    ]
  ])('docker run: %s', (_name, config, envFile, expected) => {
    expect(runCommand(config, 'green', release, envFile)).toBe(expected)
  })

  it.each<[string, string]>([
    [removeCommand(base, 'blue'), 'docker rm --force shop-blue > /dev/null 2>&1; true'],
    [stopContainerCommand(base, 'blue'), 'docker stop --time 10 shop-blue > /dev/null 2>&1; true'],
    [stopContainerCommand({ ...base, drainMs: 0 }, 'blue'), 'docker stop --time 1 shop-blue > /dev/null 2>&1; true'],
    [startContainerCommand(base, 'blue'), 'docker start shop-blue'],
    [inspectCommand(base, 'green'), "docker inspect --format '{{.State.Status}} {{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' shop-green"],
    [logsCommand({ ...base, sudo: true }, 'green'), 'sudo -n docker logs --tail 20 shop-green 2>&1; true']
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected)
  })

  it('names containers by app and color', () => {
    expect(containerName(base, 'green')).toBe('shop-green')
  })

  it.each<[string, number, unknown]>([
    ['running none\n', 0, { state: 'running' }],
    ['running healthy\n', 0, { state: 'running' }],
    ['running starting\n', 0, { state: 'starting' }],
    ['running unhealthy\n', 0, { state: 'unhealthy', detail: 'docker health check failing' }],
    ['exited none\n', 0, { state: 'exited', detail: 'container exited' }],
    ['restarting none\n', 0, { state: 'exited', detail: 'container restarting' }],
    ['', 1, { state: 'exited', detail: 'no such container' }]
  ])('docker inspect %j (exit %d)', (output, code, expected) => {
    expect(parseInspect(output, code)).toEqual(expected)
  })

  it('writes env files docker can read, refusing what it cannot carry', () => {
    expect(dockerEnvFile({ DATABASE_URL: 'postgres://u:p@db/shop', EMPTY: '' })).toBe('DATABASE_URL=postgres://u:p@db/shop\nEMPTY=\n')
    expect(() => dockerEnvFile({ 'BAD-NAME': 'x' })).toThrow('environment variable name "BAD-NAME" cannot go in a docker env file')
    expect(() => dockerEnvFile({ CERT: 'line1\nline2' })).toThrow('environment variable CERT has a line break')
  })
})
